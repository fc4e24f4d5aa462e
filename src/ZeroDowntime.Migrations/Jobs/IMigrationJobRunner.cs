namespace ZeroDowntime.Migrations;

/// <summary>
/// The body of every migration job: the host's worker calls it with a job it dequeued. Safe to call twice for the same
/// job, concurrently or not: a lease on the migration makes the second call a no-op.
/// </summary>
public interface IMigrationJobRunner
{
    /// <summary>Runs the job until it is done, paused, cancelled, fails, or loses its lease.</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Stops the job between batches (it resumes from its checkpoint when run again).</param>
    /// <returns>How the run ended.</returns>
    Task<MigrationJobOutcome> RunAsync(MigrationJob job, CancellationToken cancellationToken = default);
}

/// <summary>How a run of a migration job ended.</summary>
public enum MigrationJobOutcome
{
    /// <summary>The work is finished (for a backfill: converted, swept and verified).</summary>
    Completed = 1,

    /// <summary>Another worker holds the lease; this run did nothing.</summary>
    AlreadyRunning = 2,

    /// <summary>An operator paused it; run it again after resuming.</summary>
    Paused = 3,

    /// <summary>An operator cancelled it.</summary>
    Cancelled = 4,

    /// <summary>It failed (see the migration's status for the error); it can be run again.</summary>
    Failed = 5,

    /// <summary>The caller's cancellation token stopped it between batches; run it again to resume.</summary>
    Interrupted = 6,

    /// <summary>The lease was taken over by another worker while running; this run stopped.</summary>
    LeaseLost = 7,

    /// <summary>Nothing to do: the migration is not in the phase the job belongs to.</summary>
    NotApplicable = 8,
}
