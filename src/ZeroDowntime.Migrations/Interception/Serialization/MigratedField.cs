using System.Text;

namespace ZeroDowntime.Migrations.Interception.Serialization;

/// <summary>One migration as the fast serializer path sees it: its top-level element names, also as UTF-8 bytes.</summary>
internal sealed class MigratedField
{
    public MigratedField(IFieldMigration migration)
    {
        Migration = migration;
        OldName = migration.OldPath;
        NewName = migration.NewPath;
        IsDerive = migration.Kind == FieldMigrationKind.Derive;
        IsRename = migration.Kind == FieldMigrationKind.Rename;
        IsTopLevel = !OldName.Contains('.', StringComparison.Ordinal) && !NewName.Contains('.', StringComparison.Ordinal);

        // Element names are compared as raw bytes while scanning, so no string is decoded per document.
        OldUtf8 = Encoding.UTF8.GetBytes(OldName);
        NewUtf8 = Encoding.UTF8.GetBytes(NewName);
        OldCString = [.. OldUtf8, 0];
        NewCString = [.. NewUtf8, 0];
    }

    // Filled lazily, one per BSON type seen; a race only builds the same bytes twice.
    private readonly byte[]?[] oldElementPrefixes = new byte[]?[256];

    public IFieldMigration Migration { get; }

    public string OldName { get; }

    public string NewName { get; }

    public byte[] OldUtf8 { get; }

    public byte[] NewUtf8 { get; }

    /// <summary>The old name with its terminator: when these bytes are nowhere in a document, no element has that name.</summary>
    public byte[] OldCString { get; }

    public byte[] NewCString { get; }

    /// <summary>Derive migrations leave documents alone in the serializer (the V2 class maps the source element).</summary>
    public bool IsDerive { get; }

    public bool IsRename { get; }

    /// <summary>Whether both paths are top-level element names (dotted paths take the naive path).</summary>
    public bool IsTopLevel { get; }

    /// <summary>The start of an old element whose value has BSON type <paramref name="type"/>: the type byte and the old name.</summary>
    public byte[] OldElementPrefix(byte type) => oldElementPrefixes[type] ??= [type, .. OldCString];
}
