using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Hosting;
using ZeroDowntime.Migrations.Phases;
using ZeroDowntime.Migrations.Telemetry;

namespace ZeroDowntime.Migrations.Jobs;

/// <summary>The job body the host's worker calls: picks the batch work for the job and migration, and runs it under a lease.</summary>
internal sealed class MigrationJobRunner(
    IServiceProvider services,
    MigrationRegistry registry,
    MigrationStateStore states,
    JobStateStore jobs,
    MigrationDatabase database,
    IOptions<ZeroDowntimeMigrationsOptions> options,
    TimeProvider time,
    ILoggerFactory? loggers = null) : IMigrationJobRunner
{
    private readonly ILogger log = (loggers ?? NullLoggerFactory.Instance).CreateLogger("ZeroDowntime.Migrations.Jobs");

    public async Task<MigrationJobOutcome> RunAsync(MigrationJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        IFieldMigration migration = registry.Get(job.MigrationId);
        string kind = job.Type switch
        {
            MigrationJobTypes.Backfill => JobStateStore.BackfillKind,
            MigrationJobTypes.Cleanup => JobStateStore.CleanupKind,
            _ => throw new ZeroDowntimeMigrationException(job.MigrationId, $"Unknown job type '{job.Type}' for migration '{job.MigrationId}' (expected {MigrationJobTypes.Backfill} or {MigrationJobTypes.Cleanup})."),
        };
        MigrationPhase wanted = kind == JobStateStore.BackfillKind ? MigrationPhase.Backfill : MigrationPhase.Completed;
        MigrationState? state = await TransientErrors.RetryAsync(
            ct => states.GetAsync(job.MigrationId, ct),
            options.Value.Backfill,
            time,
            (attempt, e, delay) => Log.JobRetrying(log, job.MigrationId, kind, attempt, TransientErrors.Describe(e), delay),
            cancellationToken).ConfigureAwait(false);
        if (state?.Phase != wanted)
        {
            return MigrationJobOutcome.NotApplicable;
        }

        IMongoCollection<BsonDocument> collection = database.Database.GetCollection<BsonDocument>(migration.CollectionName);
        string owner = $"{options.Value.InstanceId}/{Guid.NewGuid():N}";
        if (kind == JobStateStore.CleanupKind && migration.Kind == FieldMigrationKind.Derive)
        {
            // A derive migration's source field belongs to the application: there is nothing to clean up.
            JobLease? lease = await jobs.TryAcquireAsync(migration.Id, kind, owner, cancellationToken).ConfigureAwait(false);
            if (lease is null)
            {
                return MigrationJobOutcome.AlreadyRunning;
            }

            await jobs.ReleaseAsync(lease, new BsonDocument { { "status", JobStatus.Completed.ToString() }, { "updatedAt", time.GetUtcNow().UtcDateTime } }, CancellationToken.None).ConfigureAwait(false);
            return MigrationJobOutcome.Completed;
        }

        IBatchWork work = kind == JobStateStore.CleanupKind ? new OldFieldCleanup(collection, migration) : Converter(collection, migration);
        var run = new BatchJobRun(jobs, collection, migration, kind, work, options.Value.Backfill, time, log);
        Func<CancellationToken, Task<BsonDocument>>? finish = kind == JobStateStore.BackfillKind
            ? async ct =>
            {
                VerificationResult result = await new MigrationVerifier(log).VerifyAsync(collection, migration, work, ct).ConfigureAwait(false);
                await jobs.RecordVerificationAsync(migration.Id, result, ct).ConfigureAwait(false);
                return [];
            }
            : null;
        return await run.RunAsync(owner, finish, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The backfill's batch work for a migration: on the server when the conversion is expressible, here otherwise.</summary>
    public IBatchWork Converter(IMongoCollection<BsonDocument> collection, IFieldMigration migration) => migration.Kind switch
    {
        FieldMigrationKind.Derive => new DerivedConversion(collection, migration, (IDerivedValueResolver)ActivatorUtilities.GetServiceOrCreateInstance(services, migration.ResolverType!)),
        _ when migration.ForwardExpression is not null => new ServerSideConversion(collection, migration),
        _ => new ClientSideConversion(collection, migration),
    };
}
