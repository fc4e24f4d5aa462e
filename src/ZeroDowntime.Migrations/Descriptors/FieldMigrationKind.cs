namespace ZeroDowntime.Migrations;

/// <summary>How the new field's value relates to the old one.</summary>
public enum FieldMigrationKind
{
    /// <summary>The same value under a new name; every query and update operator can be mirrored.</summary>
    Rename = 1,

    /// <summary>The new value is <c>forward(old)</c>, with an optional <c>backward</c> for dual writes.</summary>
    Convert = 2,

    /// <summary>The new value is computed from other data (e.g. a name looked up by id) by a batch resolver.</summary>
    Derive = 3,
}
