using Microsoft.Extensions.Options;
using MongoDB.Bson;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Hosting;
using ZeroDowntime.Migrations.Phases;

namespace ZeroDowntime.Migrations.Runner;

/// <summary><c>up</c> and <c>down</c>, each under the runner lock.</summary>
internal sealed class MigrationRunner(
    MigrationRegistry registry,
    IMigrationController controller,
    MigrationStateStore states,
    MigrationPhaseCache cache,
    JobStateStore jobs,
    MigrationDatabase database,
    IOptions<ZeroDowntimeMigrationsOptions> options,
    TimeProvider time) : IMigrationRunner
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<MigrationState>> UpAsync(CancellationToken cancellationToken = default)
    {
        string by = options.Value.InstanceId;
        await using IAsyncDisposable held = await Lock().AcquireAsync(by, LockWait, cancellationToken).ConfigureAwait(false);
        var result = new List<MigrationState>();
        foreach (IFieldMigration migration in registry.All)
        {
            MigrationState state = await controller.RegisterAsync(migration.Id, by, "up", cancellationToken).ConfigureAwait(false);
            if (migration.NewFieldIndexName is { } index)
            {
                var keys = new BsonDocument(migration.NewPath, 1);
                await Collection(migration).Indexes.CreateOneAsync(new CreateIndexModel<BsonDocument>(keys, new CreateIndexOptions { Name = index }), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            if (options.Value.Backfill.StartOnUp && state.Phase == MigrationPhase.DualWrite && state.History.Count == 1)
            {
                state = await controller.AdvanceAsync(migration.Id, MigrationPhase.Backfill, by, "up: start the backfill", cancellationToken).ConfigureAwait(false);
            }

            result.Add(state);
        }

        return result;
    }

    public async Task DownAsync(string migrationId, CancellationToken cancellationToken = default)
    {
        IFieldMigration migration = registry.Get(migrationId);
        await using IAsyncDisposable held = await Lock().AcquireAsync(options.Value.InstanceId, LockWait, cancellationToken).ConfigureAwait(false);
        MigrationState? state = await states.GetAsync(migrationId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return;
        }

        if (state.Phase == MigrationPhase.Completed)
        {
            throw new PhaseTransitionRefusedException(migrationId, state.Phase, MigrationPhase.DualWrite,
                "down cannot undo a Completed migration: writes no longer go to the old field and the cleanup removes it.");
        }

        // A running backfill stops at its next batch: its fenced writes fail once the state is gone.
        await jobs.SetControlAsync(migrationId, JobStateStore.BackfillKind, "cancel", cancellationToken).ConfigureAwait(false);
        if (migration.NewFieldIndexName is { } index)
        {
            try
            {
                await Collection(migration).Indexes.DropOneAsync(index, cancellationToken).ConfigureAwait(false);
            }
            catch (MongoCommandException e) when (e.Code is 26 or 27)
            {
                // Already gone (or the collection is): nothing to drop.
            }
        }

        await states.DeleteAsync(migrationId, cancellationToken).ConfigureAwait(false);
        cache.Forget(migrationId);
    }

    private RunnerLock Lock() => new(states.Collection, time, TimeSpan.FromMinutes(2));

    private IMongoCollection<BsonDocument> Collection(IFieldMigration migration) =>
        database.Database.GetCollection<BsonDocument>(migration.CollectionName);
}
