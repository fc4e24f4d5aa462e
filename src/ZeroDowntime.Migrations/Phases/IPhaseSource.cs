namespace ZeroDowntime.Migrations.Phases;

/// <summary>Tells the interceptor which phase a migration is in, from the process's cache (no I/O on the hot path).</summary>
internal interface IPhaseSource
{
    /// <summary>The phase; <see cref="MigrationPhase.DualWrite"/> while the migration has no state yet (the safe
    /// behaviour for V2 code deployed before <c>up</c>). Throws <see cref="MigrationStateException"/> for a corrupted state.</summary>
    MigrationPhase GetPhase(IFieldMigration migration);
}
