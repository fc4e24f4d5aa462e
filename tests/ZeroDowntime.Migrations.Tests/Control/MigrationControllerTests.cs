using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Phases;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Control;

public sealed class MigrationControllerTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>, IDisposable
{
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> providers = [];
    private readonly string stateCollection = "_zdm_" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task RegisterAsync_NewMigration_StartsInDualWriteWithHistory()
    {
        IMigrationController controller = Controller();

        MigrationState state = await controller.RegisterAsync(ControllerMigration.MigrationId, "ops");

        Assert.Equal(MigrationPhase.DualWrite, state.Phase);
        Assert.Equal(1, state.Version);
        PhaseTransition entry = Assert.Single(state.History);
        Assert.Equal((null, MigrationPhase.DualWrite, "ops"), (entry.From, entry.To, entry.By));
        Assert.Equal(time.GetUtcNow(), entry.At);
    }

    [Fact]
    public async Task RegisterAsync_Twice_KeepsFirstState()
    {
        IMigrationController controller = Controller();
        await controller.RegisterAsync(ControllerMigration.MigrationId, "first");
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, "ops");

        MigrationState again = await controller.RegisterAsync(ControllerMigration.MigrationId, "second");

        Assert.Equal(MigrationPhase.Backfill, again.Phase);
        Assert.Equal("first", again.History[0].By);
    }

    [Fact]
    public async Task AdvanceAsync_ThroughEveryPhase_PersistsVersionAndHistory()
    {
        IMigrationController controller = Controller();
        await controller.RegisterAsync(ControllerMigration.MigrationId, "ops");

        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, "ops", "start");
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.SwitchRead, "ops", "verified");
        MigrationState state = (await controller.GetStateAsync(ControllerMigration.MigrationId))!;

        Assert.Equal(MigrationPhase.SwitchRead, state.Phase);
        Assert.Equal(3, state.Version);
        Assert.Equal(
            [(null, MigrationPhase.DualWrite), (MigrationPhase.DualWrite, MigrationPhase.Backfill), (MigrationPhase.Backfill, MigrationPhase.SwitchRead)],
            state.History.Select(h => (h.From, h.To)));
        Assert.Equal([1L, 2L, 3L], state.History.Select(h => h.Version));
        Assert.Equal("verified", state.History[^1].Reason);
    }

    [Theory]
    [InlineData(MigrationPhase.SwitchRead, "one at a time")]
    [InlineData(MigrationPhase.Completed, "one at a time")]
    [InlineData(MigrationPhase.DualWrite, "already in DualWrite")]
    public async Task AdvanceAsync_ForbiddenTarget_IsRefusedAndNothingChanges(MigrationPhase to, string reason)
    {
        IMigrationController controller = Controller();
        await controller.RegisterAsync(ControllerMigration.MigrationId, "ops");

        PhaseTransitionRefusedException error = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => controller.AdvanceAsync(ControllerMigration.MigrationId, to, "ops"));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(ControllerMigration.MigrationId, error.MigrationId);
        Assert.Equal(1, (await controller.GetStateAsync(ControllerMigration.MigrationId))!.Version);
    }

    [Fact]
    public async Task AdvanceAsync_WithoutState_IsRefused()
    {
        IMigrationController controller = Controller();

        PhaseTransitionRefusedException error = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, "ops"));

        Assert.Null(error.From);
        Assert.Contains("no state yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdvanceAsync_UnknownMigration_NamesRegisteredOnes()
    {
        IMigrationController controller = Controller();

        ZeroDowntimeMigrationException error = await Assert.ThrowsAsync<ZeroDowntimeMigrationException>(
            () => controller.AdvanceAsync("nope", MigrationPhase.Backfill, "ops"));

        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        Assert.Contains(ControllerMigration.MigrationId, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackAsync_FromSwitchRead_ReturnsToDualWriteKeepingHistory()
    {
        IMigrationController controller = Controller();
        await controller.RegisterAsync(ControllerMigration.MigrationId, "ops");
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, "ops");
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.SwitchRead, "ops");

        MigrationState state = await controller.RollbackAsync(ControllerMigration.MigrationId, MigrationPhase.DualWrite, "ops", "bad deploy");

        Assert.Equal(MigrationPhase.DualWrite, state.Phase);
        Assert.Equal(4, state.History.Count);
        Assert.Equal((MigrationPhase.SwitchRead, MigrationPhase.DualWrite, "bad deploy"), (state.History[^1].From, state.History[^1].To, state.History[^1].Reason));
    }

    [Fact]
    public async Task RollbackAsync_ToLaterPhase_IsRefused()
    {
        IMigrationController controller = Controller();
        await controller.RegisterAsync(ControllerMigration.MigrationId, "ops");

        PhaseTransitionRefusedException error = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => controller.RollbackAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, "ops"));

        Assert.Contains("not earlier", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackAsync_FromCompleted_IsRefused()
    {
        IMigrationController controller = Controller();
        await AdvanceToCompletedAsync(controller);

        PhaseTransitionRefusedException error = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => controller.RollbackAsync(ControllerMigration.MigrationId, MigrationPhase.SwitchRead, "ops"));

        Assert.Equal(MigrationPhase.Completed, error.From);
        Assert.Contains("final", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdvanceAsync_RacingFromManyTasks_ExactlyOneWinsAndLosersNameWinner()
    {
        await Controller().RegisterAsync(ControllerMigration.MigrationId, "setup");
        IMigrationController[] controllers = Enumerable.Range(0, 12).Select(_ => Controller()).ToArray();
        using var start = new ManualResetEventSlim();

        Task<MigrationState>[] racers = controllers.Select((c, i) => Task.Run(() =>
        {
            start.Wait();
            return c.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, $"racer-{i}");
        })).ToArray();
        start.Set();
        await Task.WhenAll(racers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));

        Task<MigrationState> winner = Assert.Single(racers, r => r.IsCompletedSuccessfully);
        string winnerName = (await winner).History[^1].By;
        foreach (Task<MigrationState> loser in racers.Where(r => !r.IsCompletedSuccessfully))
        {
            Exception error = loser.Exception!.InnerException!;
            Assert.True(error is PhaseTransitionConflictException or PhaseTransitionRefusedException, error.ToString());
            Assert.Contains(winnerName, error.Message, StringComparison.Ordinal);
        }

        MigrationState final = (await controllers[0].GetStateAsync(ControllerMigration.MigrationId))!;
        Assert.Equal(2, final.Version);
        Assert.Single(final.History, h => h.To == MigrationPhase.Backfill);
    }

    [Fact]
    public async Task AdvanceToCompleted_InstanceStillObservingBackfill_IsRefusedUntilItRefreshes()
    {
        ServiceProvider laggingInstance = Provider();
        IMigrationController controller = Controller();
        await controller.RegisterAsync(ControllerMigration.MigrationId, "ops");
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, "ops");
        await laggingInstance.GetRequiredService<MigrationPhaseCache>().RefreshAsync(default);
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.SwitchRead, "ops");

        PhaseTransitionRefusedException refused = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Completed, "ops"));
        await laggingInstance.GetRequiredService<MigrationPhaseCache>().RefreshAsync(default);
        MigrationState completed = await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Completed, "ops");

        Assert.Contains("observes Backfill", refused.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationPhase.Completed, completed.Phase);
    }

    [Fact]
    public async Task AdvanceToCompleted_InstanceStoppedHeartbeating_DoesNotBlock()
    {
        ServiceProvider goneInstance = Provider();
        IMigrationController controller = Controller();
        await controller.RegisterAsync(ControllerMigration.MigrationId, "ops");
        await goneInstance.GetRequiredService<MigrationPhaseCache>().RefreshAsync(default);
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, "ops");
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.SwitchRead, "ops");

        time.Advance(TimeSpan.FromSeconds(31));
        MigrationState completed = await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Completed, "ops");

        Assert.Equal(MigrationPhase.Completed, completed.Phase);
    }

    [Fact]
    public async Task GetLiveInstancesAsync_AfterRefresh_ReportsObservedPhase()
    {
        ServiceProvider instance = Provider(o => o.InstanceId = "instance-a");
        IMigrationController controller = Controller();
        await controller.RegisterAsync(ControllerMigration.MigrationId, "ops");
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, "ops");

        await instance.GetRequiredService<MigrationPhaseCache>().RefreshAsync(default);
        IReadOnlyList<LiveInstance> live = await controller.GetLiveInstancesAsync();

        LiveInstance a = Assert.Single(live, i => i.InstanceId == "instance-a");
        Assert.Equal(MigrationPhase.Backfill, a.ObservedPhases[ControllerMigration.MigrationId]);
        Assert.Equal(time.GetUtcNow(), a.LastSeen);
    }

    [Theory]
    [InlineData("{ _id: 'controller-user-name', phase: 'Sideways', version: NumberLong(1), updatedAt: ISODate('2026-01-01T00:00:00Z'), history: [] }", "unknown phase")]
    [InlineData("{ _id: 'controller-user-name', phase: 'Backfill', updatedAt: ISODate('2026-01-01T00:00:00Z'), history: [] }", "'version'")]
    [InlineData("{ _id: 'controller-user-name', phase: 'Backfill', version: NumberLong(1), updatedAt: ISODate('2026-01-01T00:00:00Z') }", "'history' is missing")]
    [InlineData("{ _id: 'controller-user-name', phase: 3, version: NumberLong(1), updatedAt: ISODate('2026-01-01T00:00:00Z'), history: [] }", "'phase' is Int32")]
    public async Task CorruptedStateDocument_IsAClearErrorEverywhere(string json, string problem)
    {
        await fixture.Database.GetCollection<BsonDocument>(stateCollection).InsertOneAsync(BsonDocument.Parse(json));
        ServiceProvider provider = Provider();
        IMigrationController controller = provider.GetRequiredService<IMigrationController>();
        MigrationPhaseCache cache = provider.GetRequiredService<MigrationPhaseCache>();
        IFieldMigration migration = provider.GetRequiredService<MigrationRegistry>().Get(ControllerMigration.MigrationId);

        MigrationStateException read = await Assert.ThrowsAsync<MigrationStateException>(() => controller.GetStateAsync(ControllerMigration.MigrationId));
        MigrationStateException cached = Assert.Throws<MigrationStateException>(() => cache.GetPhase(migration));

        Assert.Contains(problem, read.Message, StringComparison.Ordinal);
        Assert.Contains(ControllerMigration.MigrationId, cached.Message, StringComparison.Ordinal);
        Assert.Equal(ControllerMigration.MigrationId, read.MigrationId);
    }

    [Fact]
    public async Task PhaseCache_WithoutState_ActsAsDualWrite()
    {
        ServiceProvider provider = Provider();
        IFieldMigration migration = provider.GetRequiredService<MigrationRegistry>().Get(ControllerMigration.MigrationId);

        MigrationPhase phase = provider.GetRequiredService<MigrationPhaseCache>().GetPhase(migration);

        Assert.Equal(MigrationPhase.DualWrite, phase);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task PhaseRefreshService_PicksUpAnotherInstancesTransitionOnItsInterval()
    {
        ServiceProvider reader = Provider(o => o.PhaseRefreshInterval = TimeSpan.FromSeconds(5));
        IFieldMigration migration = reader.GetRequiredService<MigrationRegistry>().Get(ControllerMigration.MigrationId);
        MigrationPhaseCache cache = reader.GetRequiredService<MigrationPhaseCache>();
        Microsoft.Extensions.Hosting.IHostedService service = reader.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PhaseRefreshService>().Single();
        IMigrationController writer = Controller();
        await writer.RegisterAsync(ControllerMigration.MigrationId, "ops");
        await service.StartAsync(default);
        try
        {
            await writer.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, "ops");
            MigrationPhase before = cache.GetPhase(migration);

            time.Advance(TimeSpan.FromSeconds(5));
            MigrationPhase after = await WaitForAsync(() => cache.GetPhase(migration), MigrationPhase.Backfill);

            Assert.Equal(MigrationPhase.DualWrite, before);
            Assert.Equal(MigrationPhase.Backfill, after);
        }
        finally
        {
            await service.StopAsync(default);
        }
    }

    public void Dispose()
    {
        foreach (ServiceProvider provider in providers)
        {
            provider.Dispose();
        }
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, T expected)
    {
        for (int i = 0; i < 200 && !EqualityComparer<T>.Default.Equals(read(), expected); i++)
        {
            await Task.Delay(10);
        }

        return read();
    }

    private async Task AdvanceToCompletedAsync(IMigrationController controller)
    {
        await controller.RegisterAsync(ControllerMigration.MigrationId, "ops");
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Backfill, "ops");
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.SwitchRead, "ops");
        await controller.AdvanceAsync(ControllerMigration.MigrationId, MigrationPhase.Completed, "ops");
    }

    private IMigrationController Controller() => Provider().GetRequiredService<IMigrationController>();

    private ServiceProvider Provider(Action<ZeroDowntimeMigrationsOptions>? configure = null)
    {
        ServiceProvider provider = MigrationServices.Create(
            fixture.Database,
            b => b.AddFieldMigration(new ControllerMigration()),
            time,
            o =>
            {
                o.StateCollectionName = stateCollection;
                o.InstancesCollectionName = stateCollection + "_instances";
                configure?.Invoke(o);
            });
        providers.Add(provider);
        return provider;
    }

    private sealed class ControllerMigration : FieldMigration<ControllerUser>
    {
        public const string MigrationId = "controller-user-name";

        public override string Id => MigrationId;

        protected override void Configure(FieldMigrationBuilder<ControllerUser> migration) =>
            migration.InCollection("users").Rename("fullName", u => u.DisplayName);
    }

    public sealed class ControllerUser
    {
        public ObjectId Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
