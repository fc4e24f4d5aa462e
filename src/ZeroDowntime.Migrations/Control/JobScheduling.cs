using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Telemetry;

namespace ZeroDowntime.Migrations.Control;

/// <summary>
/// Entering Backfill enqueues <c>data.backfill</c> (its checkpoint and counters kept from any earlier run); entering
/// Completed enqueues <c>data.cleanup</c>; leaving Backfill backwards cancels a running backfill between batches.
/// </summary>
internal sealed class JobScheduling(IServiceProvider services, JobStateStore jobs, ILogger<JobScheduling>? logger = null) : IPhaseTransitionObserver, IPhaseTransitionGuard
{
    private readonly ILogger log = logger ?? NullLogger<JobScheduling>.Instance;

    /// <summary>Refuses phases that need a job when no queue is registered, before anything changes.</summary>
    public Task<string?> CheckAsync(IFieldMigration migration, MigrationState current, MigrationPhase to, CancellationToken cancellationToken) =>
        Task.FromResult(to is MigrationPhase.Backfill or MigrationPhase.Completed && services.GetService<IJobEnqueuer>() is null
            ? $"{to} needs a job queue: register an IJobEnqueuer (your queue's adapter) or call UseInProcessJobQueue() on the migrations builder."
            : null);

    public async Task OnTransitionedAsync(IFieldMigration migration, MigrationState before, MigrationState after, CancellationToken cancellationToken)
    {
        if (before.Phase == MigrationPhase.Backfill && after.Phase < MigrationPhase.Backfill)
        {
            await jobs.SetControlAsync(migration.Id, JobStateStore.BackfillKind, "cancel", cancellationToken).ConfigureAwait(false);
        }

        (string kind, string type)? job = after.Phase switch
        {
            MigrationPhase.Backfill => (JobStateStore.BackfillKind, MigrationJobTypes.Backfill),
            MigrationPhase.Completed => (JobStateStore.CleanupKind, MigrationJobTypes.Cleanup),
            _ => null,
        };
        if (job is not { } next)
        {
            return;
        }

        await jobs.SetFieldsAsync(migration.Id, next.kind, new BsonDocument { { "status", JobStatus.NotStarted.ToString() }, { "sweeping", false }, { "checkpoint", BsonNull.Value } }, cancellationToken).ConfigureAwait(false);
        await jobs.SetControlAsync(migration.Id, next.kind, null, cancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IJobEnqueuer>().EnqueueAsync(new MigrationJob(next.type, migration.Id), cancellationToken).ConfigureAwait(false);
        Log.JobEnqueued(log, migration.Id, next.type);
    }
}
