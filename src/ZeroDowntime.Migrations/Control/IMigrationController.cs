namespace ZeroDowntime.Migrations;

/// <summary>
/// Moves migrations through their phases and reports on them, for hosts, operators and tools. Every refusal is an
/// exception that says why (<see cref="PhaseTransitionRefusedException"/>, <see cref="PhaseTransitionConflictException"/>).
/// </summary>
public interface IMigrationController
{
    /// <summary>Creates the migration's state in <see cref="MigrationPhase.DualWrite"/>; returns the existing state if it has one.</summary>
    /// <param name="migrationId">A registered migration.</param>
    /// <param name="by">Who asks (recorded in the history).</param>
    /// <param name="reason">Why (recorded in the history).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state.</returns>
    Task<MigrationState> RegisterAsync(string migrationId, string by, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Moves the migration forward to <paramref name="to"/>, the phase after the current one, if its guards allow.</summary>
    /// <param name="migrationId">A registered migration.</param>
    /// <param name="to">The next phase.</param>
    /// <param name="by">Who asks (recorded in the history).</param>
    /// <param name="reason">Why (recorded in the history).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state after the transition.</returns>
    Task<MigrationState> AdvanceAsync(string migrationId, MigrationPhase to, string by, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Moves the migration back to the earlier phase <paramref name="to"/>; allowed until <see cref="MigrationPhase.Completed"/>.</summary>
    /// <param name="migrationId">A registered migration.</param>
    /// <param name="to">An earlier phase.</param>
    /// <param name="by">Who asks (recorded in the history).</param>
    /// <param name="reason">Why (recorded in the history).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state after the transition.</returns>
    Task<MigrationState> RollbackAsync(string migrationId, MigrationPhase to, string by, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Reads the migration's state from the database (null when it has none).</summary>
    /// <param name="migrationId">A registered migration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The state, or null.</returns>
    Task<MigrationState?> GetStateAsync(string migrationId, CancellationToken cancellationToken = default);

    /// <summary>The application instances with a recent heartbeat, and the phase each observes.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The live instances.</returns>
    Task<IReadOnlyList<LiveInstance>> GetLiveInstancesAsync(CancellationToken cancellationToken = default);

    /// <summary>The status of every registered migration: phase, job progress (rate, ETA, lease holder, last error), live instances.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One status per registered migration.</returns>
    Task<IReadOnlyList<MigrationStatus>> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Asks the running job of the migration (backfill or cleanup, by phase) to pause after its current batch.</summary>
    /// <param name="migrationId">A registered migration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task completing when the request is recorded.</returns>
    Task PauseAsync(string migrationId, CancellationToken cancellationToken = default);

    /// <summary>Resumes a paused, cancelled, failed or interrupted job from its checkpoint (enqueues it again).</summary>
    /// <param name="migrationId">A registered migration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task completing when the job is enqueued.</returns>
    Task ResumeAsync(string migrationId, CancellationToken cancellationToken = default);

    /// <summary>Asks the running job to stop after its current batch; its checkpoint is kept.</summary>
    /// <param name="migrationId">A registered migration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task completing when the request is recorded.</returns>
    Task CancelAsync(string migrationId, CancellationToken cancellationToken = default);

    /// <summary>Changes the throttle of the migration's current job; a running job applies it at its next batch.</summary>
    /// <param name="migrationId">A registered migration.</param>
    /// <param name="throttle">The new throttle.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task completing when the throttle is recorded.</returns>
    Task RetuneAsync(string migrationId, ThrottleSettings throttle, CancellationToken cancellationToken = default);

    /// <summary>Verifies the migration now: converts documents still lacking the new field, repairs and reports drift.</summary>
    /// <param name="migrationId">A registered migration.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What verification found.</returns>
    Task<VerificationResult> VerifyAsync(string migrationId, CancellationToken cancellationToken = default);
}
