using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Runner;

public sealed class MigrationRunnerTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "runner-user-displayname";
    private const string IndexName = "ix_runner_displayName";

    [Fact]
    public async Task UpAsync_NewMigration_EnqueuesExactlyOneBackfillJob()
    {
        await using JobScope scope = Scope();

        IReadOnlyList<MigrationState> states = await scope.Runner.UpAsync();

        MigrationJob job = Assert.Single(scope.Enqueuer.Jobs);
        Assert.Equal(new MigrationJob(MigrationJobTypes.Backfill, MigrationId, MigrationJobPriority.Low), job);
        MigrationState state = Assert.Single(states);
        Assert.Equal(MigrationPhase.Backfill, state.Phase);
        Assert.Equal([(null, MigrationPhase.DualWrite), (MigrationPhase.DualWrite, MigrationPhase.Backfill)], state.History.Select(h => (h.From, h.To)));
    }

    [Fact]
    public async Task UpAsync_SecondTime_EnqueuesNothingMore()
    {
        await using JobScope scope = Scope();
        await scope.Runner.UpAsync();

        IReadOnlyList<MigrationState> again = await scope.NewProvider().GetRequiredService<IMigrationRunner>().UpAsync();

        Assert.Single(scope.Enqueuer.Jobs);
        Assert.Equal(2, Assert.Single(again).Version);
    }

    [Fact]
    public async Task UpAsync_WithoutStartOnUp_StaysInDualWriteAndEnqueuesNothing()
    {
        await using JobScope scope = Scope(o => o.Backfill.StartOnUp = false);

        IReadOnlyList<MigrationState> states = await scope.Runner.UpAsync();

        Assert.Equal(MigrationPhase.DualWrite, Assert.Single(states).Phase);
        Assert.Empty(scope.Enqueuer.Jobs);
    }

    [Fact]
    public async Task UpAsync_IndexRequested_CreatesNamedIndexOnNewField()
    {
        await using JobScope scope = Scope();

        await scope.Runner.UpAsync();

        BsonDocument index = await FindIndexAsync(scope);
        Assert.NotNull(index);
        Assert.Equal(new BsonDocument("displayName", 1), index["key"].AsBsonDocument);
    }

    [Fact]
    public async Task UpAsync_ConcurrentlyFromTwoProviders_EnqueuesOneJob()
    {
        await using JobScope scope = Scope(time: TimeProvider.System);
        IMigrationRunner first = scope.NewProvider().GetRequiredService<IMigrationRunner>();
        IMigrationRunner second = scope.NewProvider().GetRequiredService<IMigrationRunner>();
        using var start = new ManualResetEventSlim();

        Task<IReadOnlyList<MigrationState>>[] ups = new[] { first, second }
            .Select(runner => Task.Run(() =>
            {
                start.Wait();
                return runner.UpAsync();
            }))
            .ToArray();
        start.Set();
        IReadOnlyList<MigrationState>[] results = await Task.WhenAll(ups);

        Assert.Single(scope.Enqueuer.Jobs);
        Assert.All(results, r => Assert.Equal(MigrationPhase.Backfill, Assert.Single(r).Phase));
        MigrationState state = (await scope.Controller.GetStateAsync(MigrationId))!;
        Assert.Equal(2, state.Version);
        Assert.Single(state.History, h => h.To == MigrationPhase.Backfill);
    }

    [Fact]
    public async Task DownAsync_AfterUp_DropsIndexAndRemovesState()
    {
        await using JobScope scope = Scope();
        await scope.Collection("users").InsertOneAsync(new BsonDocument { { "_id", 1 }, { "fullName", "Ada" } });
        await scope.Runner.UpAsync();

        await scope.Runner.DownAsync(MigrationId);

        Assert.Null(await FindIndexAsync(scope));
        Assert.Null(await scope.Controller.GetStateAsync(MigrationId));
        Assert.Equal(new BsonDocument { { "_id", 1 }, { "fullName", "Ada" } }, await scope.Collection("users").Find(FilterDefinition<BsonDocument>.Empty).SingleAsync());
        Assert.Equal(MigrationJobOutcome.NotApplicable, await scope.RunBackfillAsync(MigrationId));
    }

    [Fact]
    public async Task DownAsync_ThenUp_StartsAgainFromDualWrite()
    {
        await using JobScope scope = Scope();
        await scope.Runner.UpAsync();
        await scope.Runner.DownAsync(MigrationId);

        IReadOnlyList<MigrationState> states = await scope.Runner.UpAsync();

        Assert.Equal(MigrationPhase.Backfill, Assert.Single(states).Phase);
        Assert.Equal(2, scope.Enqueuer.Jobs.Count);
        Assert.NotNull(await FindIndexAsync(scope));
    }

    [Fact]
    public async Task DownAsync_WhileBackfillRuns_StopsTheJobWithoutConvertingMore()
    {
        using var inBatch = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        int calls = 0;
        await using JobScope scope = Scope(o => o.Backfill.BatchSize = 5, migrations: b => b.AddFieldMigration<RunnerBlockingUser>("runner-blocking", m => m
            .InCollection("users")
            .Convert("fullName", u => u.DisplayName, forward: v =>
            {
                if (Interlocked.Increment(ref calls) == 1)
                {
                    inBatch.Release();
                    release.Wait();
                }

                return v;
            })));
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 20).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"n{i}" } }));
        await scope.Runner.UpAsync();
        Task<MigrationJobOutcome> job = Task.Run(() => scope.RunBackfillAsync("runner-blocking"));
        await inBatch.WaitAsync();

        await scope.Runner.DownAsync("runner-blocking");
        release.Release();
        MigrationJobOutcome outcome = await job;

        Assert.Equal(MigrationJobOutcome.LeaseLost, outcome);
        Assert.Null(await scope.Controller.GetStateAsync("runner-blocking"));
        long converted = await scope.Collection("users").CountDocumentsAsync(new BsonDocument("displayName", new BsonDocument("$exists", true)));
        Assert.InRange(converted, 0, 5); // At most the batch in flight when down was called.
    }

    [Fact]
    public async Task DownAsync_CompletedMigration_IsRefusedAndKeepsState()
    {
        await using JobScope scope = Scope();
        await scope.Runner.UpAsync();
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(MigrationId));
        await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "test");
        await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.Completed, "test");

        PhaseTransitionRefusedException error = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(() => scope.Runner.DownAsync(MigrationId));

        Assert.Contains("Completed", error.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationPhase.Completed, (await scope.Controller.GetStateAsync(MigrationId))!.Phase);
        Assert.NotNull(await FindIndexAsync(scope));
    }

    [Fact]
    public async Task DownAsync_NeverUp_DoesNothing()
    {
        await using JobScope scope = Scope();

        await scope.Runner.DownAsync(MigrationId);

        Assert.Null(await scope.Controller.GetStateAsync(MigrationId));
        Assert.Equal(0, await scope.States.CountDocumentsAsync(FilterDefinition<BsonDocument>.Empty));
    }

    private static async Task<BsonDocument> FindIndexAsync(JobScope scope)
    {
        List<BsonDocument> indexes = await (await scope.Collection("users").Indexes.ListAsync()).ToListAsync();
        return indexes.SingleOrDefault(i => i["name"] == IndexName)!;
    }

    private JobScope Scope(Action<ZeroDowntimeMigrationsOptions>? configure = null, TimeProvider? time = null, Action<IZeroDowntimeMigrationsBuilder>? migrations = null) =>
        new(fixture, migrations ?? (b => b.AddFieldMigration<RunnerUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName).WithIndexOnNewField(IndexName))), configure, time);

    public sealed class RunnerUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }

    public sealed class RunnerBlockingUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
