using MongoDB.Bson;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>One change <see cref="MigratingBsonReader"/> makes to the document it reads, found by the pre-scan.</summary>
internal struct ReadEdit
{
    /// <summary>The position of the old element among the document's top-level elements.</summary>
    public int ElementIndex;

    public ReadEditKind Kind;

    public MigratedField Field;

    /// <summary>The converted value, kept so a reader returning to a bookmark does not call <c>forward</c> twice.</summary>
    public BsonValue? Converted;
}
