using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Jobs;

/// <summary>
/// At start-up, re-enqueues the jobs a crash or shutdown left behind: a migration in Backfill (or Completed) whose
/// job is not finished and whose lease has expired.
/// </summary>
internal sealed class InterruptedJobRecovery(MigrationRegistry registry, MigrationStateStore states, IServiceProvider services, TimeProvider time) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (services.GetService(typeof(IJobEnqueuer)) is not IJobEnqueuer enqueuer)
        {
            return; // Without a queue there is nowhere to re-enqueue to; transitions needing one are refused anyway.
        }

        foreach (MigrationJob job in await FindAsync(cancellationToken).ConfigureAwait(false))
        {
            await enqueuer.EnqueueAsync(job, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<List<MigrationJob>> FindAsync(CancellationToken cancellationToken)
    {
        var jobs = new List<MigrationJob>();
        DateTimeOffset now = time.GetUtcNow();
        foreach (BsonDocument document in await states.LoadAsync(registry.All.Select(m => m.Id), cancellationToken).ConfigureAwait(false))
        {
            string id = document["_id"].ToString()!;
            MigrationState state = MigrationStateDocument.Parse(id, document);
            (string kind, string type) = state.Phase switch
            {
                MigrationPhase.Backfill => (JobStateStore.BackfillKind, MigrationJobTypes.Backfill),
                MigrationPhase.Completed => (JobStateStore.CleanupKind, MigrationJobTypes.Cleanup),
                _ => ("", ""),
            };
            if (kind.Length == 0)
            {
                continue;
            }

            JobProgress progress = JobProgressParser.Parse(JobStateStore.JobOf(document, kind), new ThrottleSettings(1, TimeSpan.Zero, null), now);
            bool unfinished = progress.Status is not (JobStatus.Completed or JobStatus.Paused or JobStatus.Cancelled);
            if (unfinished && progress.LeaseHolder is null)
            {
                jobs.Add(new MigrationJob(type, id));
            }
        }

        return jobs;
    }
}
