namespace ZeroDowntime.Migrations;

/// <summary>
/// The one abstraction a host implements to plug its own queue (Hangfire, Quartz, its own) into the library. The
/// host's worker later calls <see cref="IMigrationJobRunner.RunAsync"/> with the job. Opt into the built-in
/// in-process queue with <c>UseInProcessJobQueue()</c> instead when the host has none.
/// </summary>
public interface IJobEnqueuer
{
    /// <summary>Hands a job to the host's queue; it must survive until a worker runs it (or until it is re-enqueued at start-up).</summary>
    /// <param name="job">The job.</param>
    /// <param name="cancellationToken">Cancels the hand-over.</param>
    /// <returns>A task completing when the job is queued.</returns>
    Task EnqueueAsync(MigrationJob job, CancellationToken cancellationToken = default);
}
