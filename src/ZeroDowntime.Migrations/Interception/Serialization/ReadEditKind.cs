namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>What <see cref="MigratingBsonReader"/> does to one top-level element of the document it reads.</summary>
internal enum ReadEditKind
{
    /// <summary>Skips the element: the class map never sees it.</summary>
    Hide = 1,

    /// <summary>Presents the element under the new name, value unchanged.</summary>
    Rename = 2,

    /// <summary>Presents the element under the new name with the value converted by <c>forward</c>.</summary>
    Convert = 3,
}
