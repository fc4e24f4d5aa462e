namespace ZeroDowntime.Migrations;

/// <summary>Another transition of the same migration won the race; this one was not applied.</summary>
public sealed class PhaseTransitionConflictException : ZeroDowntimeMigrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="migrationId">The migration.</param>
    /// <param name="expectedVersion">The state version this transition was based on.</param>
    /// <param name="current">The state as the winner left it.</param>
    public PhaseTransitionConflictException(string migrationId, long expectedVersion, MigrationState current)
        : base(migrationId, $"Migration '{migrationId}': another transition won the race (expected version {expectedVersion}, " +
            $"now version {current.Version} in {current.Phase}" +
            (current.History.Count > 0 ? $", set by '{current.History[^1].By}': {current.History[^1].From} -> {current.History[^1].To}" : "") + ").")
    {
        Current = current;
    }

    /// <summary>The state the winning transition left.</summary>
    public MigrationState Current { get; }
}
