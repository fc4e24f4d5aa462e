namespace ZeroDowntime.Migrations;

/// <summary>The phases of an expand/contract field migration, in order.</summary>
public enum MigrationPhase
{
    /// <summary>Reads coalesce (new field, else the old one converted); writes write both fields.</summary>
    DualWrite = 1,

    /// <summary>As <see cref="DualWrite"/>, while a background job converts existing documents.</summary>
    Backfill = 2,

    /// <summary>Reads use only the new field; writes still write both, so rolling back loses nothing.</summary>
    SwitchRead = 3,

    /// <summary>Reads and writes use only the new field; the old field is removed. Irreversible.</summary>
    Completed = 4,
}
