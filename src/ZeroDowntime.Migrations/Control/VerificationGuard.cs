using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Hosting;
using ZeroDowntime.Migrations.Jobs;

namespace ZeroDowntime.Migrations.Control;

/// <summary>
/// → <see cref="MigrationPhase.SwitchRead"/> needs a finished backfill and a passing verification, run at the moment
/// of the transition (stragglers converted, drift repaired) so no document is left behind.
/// </summary>
internal sealed class VerificationGuard(MigrationJobRunner runner, JobStateStore jobs, MigrationDatabase database, ILogger<VerificationGuard>? logger = null) : IPhaseTransitionGuard
{
    private readonly ILogger log = logger ?? NullLogger<VerificationGuard>.Instance;

    public async Task<string?> CheckAsync(IFieldMigration migration, MigrationState current, MigrationPhase to, CancellationToken cancellationToken)
    {
        if (to != MigrationPhase.SwitchRead)
        {
            return null;
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
        await jobs.SetFieldsAsync(migration.Id, JobStateStore.BackfillKind, MigrationJobRunner.VerificationDocument(result), cancellationToken).ConfigureAwait(false);
        return result;
    }
}
