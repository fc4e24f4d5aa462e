namespace ZeroDowntime.Migrations;

/// <summary>A transition the state machine forbids, or whose guard is not satisfied; nothing was changed.</summary>
public sealed class PhaseTransitionRefusedException : ZeroDowntimeMigrationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="migrationId">The migration.</param>
    /// <param name="from">The phase it is in (null when it has no state yet).</param>
    /// <param name="to">The phase asked for.</param>
    /// <param name="reason">Why the transition is refused.</param>
    public PhaseTransitionRefusedException(string migrationId, MigrationPhase? from, MigrationPhase to, string reason)
        : base(migrationId, $"Migration '{migrationId}': cannot move from {from?.ToString() ?? "(not started)"} to {to}: {reason}")
    {
        From = from;
        To = to;
        Reason = reason;
    }

    /// <summary>The phase the migration is in (null when it has no state yet).</summary>
    public MigrationPhase? From { get; }

    /// <summary>The phase asked for.</summary>
    public MigrationPhase To { get; }

    /// <summary>Why the transition is refused.</summary>
    public string Reason { get; }
}
