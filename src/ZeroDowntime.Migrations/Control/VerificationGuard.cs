using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Hosting;
using ZeroDowntime.Migrations.Jobs;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Control;

/// <summary>
/// → <see cref="MigrationPhase.SwitchRead"/> needs a finished backfill and a passing verification, run at the moment
/// of the transition (stragglers converted, drift repaired) so no document is left behind.
/// </summary>
internal sealed class VerificationGuard(
    MigrationJobRunner runner,
    JobStateStore jobs,
    MigrationStateStore states,
    MigrationDatabase database,
    TimeProvider time,
    ILogger<VerificationGuard>? logger = null) : IPhaseTransitionGuard
{
    private readonly ILogger log = logger ?? NullLogger<VerificationGuard>.Instance;

    public async Task<string?> CheckAsync(IFieldMigration migration, MigrationState current, MigrationPhase to, CancellationToken cancellationToken)
    {
        if (to != MigrationPhase.SwitchRead)
        {
            return null;
        }

        // Verifying converts stragglers itself, without the job's throttle: it must not stand in for an unfinished backfill.
        BsonDocument? state = (await states.LoadAsync([migration.Id], cancellationToken).ConfigureAwait(false)).SingleOrDefault();
        JobProgress backfill = JobProgressParser.Parse(state is null ? [] : JobStateStore.JobOf(state, JobStateStore.BackfillKind), new ThrottleSettings(1, TimeSpan.Zero, null), time.GetUtcNow());
        if (backfill.Status != JobStatus.Completed)
        {
            return $"the backfill has not finished (status {backfill.Status}, about {backfill.RemainingEstimate:N0} documents remaining{(backfill.LastError is null ? "" : $", last error: {backfill.LastError}")}); wait for it, or resume it with ResumeAsync.";
        }

        VerificationResult result = await VerifyAsync(migration, cancellationToken).ConfigureAwait(false);
        if (result.MissingCount > 0)
        {
            return $"{result.MissingCount:N0} documents still lack {migration.NewPath} (e.g. {string.Join(", ", result.SampleIds.Take(5))}); let the backfill finish or fix the poison documents it reports.";
        }

        if (!result.Passed)
        {
            return $"{result.DriftCount:N0} documents drifted (writes from pre-migration code detected) and {result.DriftCount - result.DriftRepaired:N0} changed again while being repaired; stop pre-migration writers and try again.";
        }

        return null;
    }

    /// <summary>Verifies (converting stragglers, repairing drift) and records the result with the backfill job.</summary>
    public async Task<VerificationResult> VerifyAsync(IFieldMigration migration, CancellationToken cancellationToken)
    {
        IMongoCollection<BsonDocument> collection = database.Database.GetCollection<BsonDocument>(migration.CollectionName);
        VerificationResult result = await new MigrationVerifier(log).VerifyAsync(collection, migration, runner.Converter(collection, migration), cancellationToken).ConfigureAwait(false);
        await jobs.RecordVerificationAsync(migration.Id, result, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
