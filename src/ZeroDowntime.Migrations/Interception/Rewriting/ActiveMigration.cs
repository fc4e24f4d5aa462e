namespace ZeroDowntime.Migrations.Interception.Rewriting;

/// <summary>A migration of the collection being called, with the phase this process currently observes for it.</summary>
/// <param name="Migration">The migration.</param>
/// <param name="Phase">Its current phase.</param>
internal readonly record struct ActiveMigration(IFieldMigration Migration, MigrationPhase Phase)
{
    /// <summary>Reads must see <c>value(d)</c> (DESIGN §4): only before <see cref="MigrationPhase.SwitchRead"/>.</summary>
    public bool CoalescesReads => Phase < MigrationPhase.SwitchRead;

    /// <summary>Writes of the new field are mirrored onto the old one before <see cref="MigrationPhase.Completed"/>;
    /// a derive migration's source field belongs to the application and is never written for it.</summary>
    public bool MirrorsWrites => Phase < MigrationPhase.Completed && Migration.Kind != FieldMigrationKind.Derive;

    /// <summary>The old element is managed by the migration (rename, convert), so V2 code must not name it itself.</summary>
    public bool OwnsOldField => Migration.Kind != FieldMigrationKind.Derive;

    public string NewPath => Migration.NewPath;

    public string OldPath => Migration.OldPath;

    public MigrationNotSupportedException Refuse(string operation, string reason) =>
        new(Migration.Id, Phase, operation, reason);
}
