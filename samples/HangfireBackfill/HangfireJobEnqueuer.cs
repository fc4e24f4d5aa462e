using Hangfire;
using Hangfire.States;
using ZeroDowntime.Migrations;

namespace HangfireBackfill;

/// <summary>The whole adapter: hands migration jobs to Hangfire, low-priority ones to the "low" queue.</summary>
public sealed class HangfireJobEnqueuer(IBackgroundJobClient hangfire) : IJobEnqueuer
{
    public Task EnqueueAsync(MigrationJob job, CancellationToken cancellationToken = default)
    {
        string queue = job.Priority == MigrationJobPriority.Low ? "low" : EnqueuedState.DefaultQueue;
        hangfire.Create<MigrationJobs>(j => j.RunAsync(job.Type, job.MigrationId, CancellationToken.None), new EnqueuedState(queue));
        return Task.CompletedTask;
    }
}

/// <summary>What Hangfire's worker runs: the library's job body.</summary>
public sealed class MigrationJobs(IMigrationJobRunner runner)
{
    public async Task RunAsync(string type, string migrationId, CancellationToken cancellationToken)
    {
        MigrationJobOutcome outcome = await runner.RunAsync(new MigrationJob(type, migrationId), cancellationToken);
        if (outcome == MigrationJobOutcome.Failed)
        {
            // Let Hangfire's retries run it again: it resumes from its checkpoint.
            throw new InvalidOperationException($"The {type} job of migration {migrationId} failed; see the migration's status.");
        }
    }
}
