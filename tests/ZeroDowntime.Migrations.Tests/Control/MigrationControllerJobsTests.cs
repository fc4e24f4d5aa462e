using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Phases;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Control;

/// <summary>The controller's job operations (status, pause, resume, cancel, retune, verify) and every refused transition.</summary>
public sealed class MigrationControllerJobsTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "controljobs-user-displayname";

    [Fact]
    public async Task AdvanceToBackfill_NoQueueRegistered_IsRefusedNamingTheFix()
    {
        await using JobScope scope = Scope();
        IMigrationController controller = scope.NewProvider(withQueue: false).GetRequiredService<IMigrationController>();
        await controller.RegisterAsync(MigrationId, "test");

        PhaseTransitionRefusedException error = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => controller.AdvanceAsync(MigrationId, MigrationPhase.Backfill, "test"));

        Assert.Contains("IJobEnqueuer", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseInProcessJobQueue()", error.Message, StringComparison.Ordinal);
        Assert.Equal((MigrationPhase.DualWrite, MigrationPhase.Backfill), (error.From, error.To));
        Assert.Equal(MigrationPhase.DualWrite, (await controller.GetStateAsync(MigrationId))!.Phase);
    }

    [Fact]
    public async Task AdvanceToCompleted_NoQueueRegistered_IsRefused()
    {
        await using JobScope scope = Scope();
        await ToSwitchReadAsync(scope);
        IMigrationController withoutQueue = scope.NewProvider(withQueue: false).GetRequiredService<IMigrationController>();

        PhaseTransitionRefusedException error = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => withoutQueue.AdvanceAsync(MigrationId, MigrationPhase.Completed, "test"));

        Assert.Contains("Completed needs a job queue", error.Message, StringComparison.Ordinal);
        Assert.Equal(MigrationPhase.SwitchRead, (await scope.Controller.GetStateAsync(MigrationId))!.Phase);
    }

    [Fact]
    public async Task AdvanceToSwitchRead_BackfillNotFinished_IsRefusedAndConvertsNothing()
    {
        await using JobScope scope = Scope();
        await SeedAsync(scope, 30);
        await scope.StartBackfillAsync(MigrationId);

        PhaseTransitionRefusedException error = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "test"));

        Assert.Contains("backfill has not finished", error.Message, StringComparison.Ordinal);
        Assert.Contains("NotStarted", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await scope.Collection("users").CountDocumentsAsync(new BsonDocument("displayName", new BsonDocument("$exists", true))));
        Assert.Equal(MigrationPhase.Backfill, (await scope.Controller.GetStateAsync(MigrationId))!.Phase);
    }

    [Fact]
    public async Task AdvanceToSwitchRead_BackfillPaused_IsRefused()
    {
        await using JobScope scope = Scope();
        await SeedAsync(scope, 30);
        await scope.StartBackfillAsync(MigrationId);
        await scope.Controller.PauseAsync(MigrationId);
        Assert.Equal(MigrationJobOutcome.Paused, await scope.RunBackfillAsync(MigrationId));

        PhaseTransitionRefusedException error = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "test"));

        Assert.Contains("Paused", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdvanceToSwitchRead_AfterBackfill_PassesAndRecordsVerification()
    {
        await using JobScope scope = Scope();
        await SeedAsync(scope, 30);

        MigrationState state = await ToSwitchReadAsync(scope);

        Assert.Equal(MigrationPhase.SwitchRead, state.Phase);
        VerificationResult verification = (await scope.StatusAsync(MigrationId)).LastVerification!;
        Assert.True(verification.Passed);
    }

    [Fact]
    public async Task AdvanceToCompleted_LiveInstanceNotAcknowledged_IsRefusedNamingIt()
    {
        await using JobScope scope = Scope();
        ServiceProvider lagging = scope.NewProvider(options: o => o.InstanceId = "lagging-instance");
        await scope.StartBackfillAsync(MigrationId);
        await lagging.GetRequiredService<MigrationPhaseCache>().RefreshAsync(default);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(MigrationId));
        await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "test");

        PhaseTransitionRefusedException error = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.Completed, "test"));

        Assert.Contains("lagging-instance observes Backfill", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(scope.Enqueuer.Jobs, j => j.Type == MigrationJobTypes.Cleanup);
    }

    [Fact]
    public async Task Completed_IsFinal_RollbackAdvanceAndDownAreRefused()
    {
        await using JobScope scope = Scope();
        await ToSwitchReadAsync(scope);
        await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.Completed, "test");

        PhaseTransitionRefusedException rollback = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => scope.Controller.RollbackAsync(MigrationId, MigrationPhase.SwitchRead, "test"));
        PhaseTransitionRefusedException again = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(
            () => scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.Completed, "test"));
        PhaseTransitionRefusedException down = await Assert.ThrowsAsync<PhaseTransitionRefusedException>(() => scope.Runner.DownAsync(MigrationId));
        ZeroDowntimeMigrationException verify = await Assert.ThrowsAsync<ZeroDowntimeMigrationException>(() => scope.Controller.VerifyAsync(MigrationId));

        Assert.Contains("final", rollback.Message, StringComparison.Ordinal);
        Assert.Contains("already in Completed", again.Message, StringComparison.Ordinal);
        Assert.Contains("cannot undo a Completed migration", down.Message, StringComparison.Ordinal);
        Assert.Contains("Completed", verify.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pause")]
    [InlineData("resume")]
    [InlineData("cancel")]
    [InlineData("retune")]
    public async Task JobOperation_NoJobInThePhase_IsRefusedNamingThePhase(string operation)
    {
        await using JobScope scope = Scope();
        await scope.Controller.RegisterAsync(MigrationId, "test");
        IMigrationController controller = scope.Controller;

        ZeroDowntimeMigrationException error = await Assert.ThrowsAsync<ZeroDowntimeMigrationException>(() => operation switch
        {
            "pause" => controller.PauseAsync(MigrationId),
            "resume" => controller.ResumeAsync(MigrationId),
            "cancel" => controller.CancelAsync(MigrationId),
            _ => controller.RetuneAsync(MigrationId, new ThrottleSettings(10, TimeSpan.Zero, null)),
        });

        Assert.Contains($"Cannot {operation}", error.Message, StringComparison.Ordinal);
        Assert.Contains("DualWrite", error.Message, StringComparison.Ordinal);
        Assert.Empty(scope.Enqueuer.Jobs);
    }

    [Theory]
    [InlineData(0, 0, null, "batch size")]
    [InlineData(100, -1, null, "delay")]
    [InlineData(100, 0, 0.0, "rate limit")]
    public async Task RetuneAsync_InvalidThrottle_IsRefusedNamingTheProblem(int batchSize, int delayMs, double? rate, string problem)
    {
        await using JobScope scope = Scope();
        await scope.StartBackfillAsync(MigrationId);

        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(
            () => scope.Controller.RetuneAsync(MigrationId, new ThrottleSettings(batchSize, TimeSpan.FromMilliseconds(delayMs), rate)));

        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Null((await scope.StatusAsync(MigrationId)).Backfill!.Throttle.MaxDocumentsPerSecond);
    }

    [Fact]
    public async Task RetuneAsync_BeforeTheJobRuns_IsUsedByIt()
    {
        await using JobScope scope = Scope();
        await SeedAsync(scope, 30);
        await scope.StartBackfillAsync(MigrationId);
        using var observer = new BatchObserver(MigrationId);

        await scope.Controller.RetuneAsync(MigrationId, new ThrottleSettings(4, TimeSpan.Zero, null));
        await scope.RunBackfillAsync(MigrationId);

        Assert.Equal([4, 4, 4, 4, 4, 4, 4, 2], observer.BatchSizes);
    }

    [Fact]
    public async Task ResumeAsync_NoQueueRegistered_IsRefused()
    {
        await using JobScope scope = Scope();
        await scope.StartBackfillAsync(MigrationId);
        IMigrationController withoutQueue = scope.NewProvider(withQueue: false).GetRequiredService<IMigrationController>();

        ZeroDowntimeMigrationException error = await Assert.ThrowsAsync<ZeroDowntimeMigrationException>(() => withoutQueue.ResumeAsync(MigrationId));

        Assert.Contains("IJobEnqueuer", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyAsync_NoState_IsRefused()
    {
        await using JobScope scope = Scope();

        ZeroDowntimeMigrationException error = await Assert.ThrowsAsync<ZeroDowntimeMigrationException>(() => scope.Controller.VerifyAsync(MigrationId));

        Assert.Contains("no state yet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetStatusAsync_DuringAndAfterTheBackfill_ReportsProgressLeaseAndInstances()
    {
        MigrationStatus? during = null;
        await using JobScope scope = Scope();
        ServiceProvider instance = scope.NewProvider(options: o => o.InstanceId = "app-1");
        await SeedAsync(scope, 30);
        await scope.StartBackfillAsync(MigrationId);
        await instance.GetRequiredService<MigrationPhaseCache>().RefreshAsync(default);
        using var observer = new BatchObserver(MigrationId, batch =>
        {
            if (batch == 1)
            {
                during = scope.StatusAsync(MigrationId).GetAwaiter().GetResult();
            }
        });

        await scope.RunBackfillAsync(MigrationId);
        MigrationStatus after = await scope.StatusAsync(MigrationId);

        Assert.NotNull(during);
        Assert.Equal($"Rename users.fullName -> displayName", during.Description);
        Assert.Equal(MigrationPhase.Backfill, during.State!.Phase);
        Assert.Equal((JobStatus.Running, 10L, 20L), (during.Backfill!.Status, during.Backfill.Processed, during.Backfill.RemainingEstimate));
        Assert.NotNull(during.Backfill.LeaseHolder);
        Assert.Equal(scope.Time.GetUtcNow() + TimeSpan.FromSeconds(60), during.Backfill.LeaseExpiresAt);
        Assert.Equal(MigrationPhase.Backfill, during.LiveInstances["app-1"]);
        Assert.Null(during.Cleanup);
        Assert.Equal((JobStatus.Completed, 30L, 0L), (after.Backfill!.Status, after.Backfill.Converted, after.Backfill.RemainingEstimate));
        Assert.Null(after.Backfill.LeaseHolder);
        Assert.Null(after.Backfill.LastError);
        Assert.True(after.LastVerification!.Passed);
    }

    [Fact]
    public async Task GetStatusAsync_DriftRepairedByTwoVerifications_ReportsTheTotalAndTheLastResult()
    {
        await using JobScope scope = Scope();
        await SeedAsync(scope, 20);
        await scope.StartBackfillAsync(MigrationId);
        await scope.RunBackfillAsync(MigrationId);
        IMongoCollection<BsonDocument> users = scope.Collection("users");
        await users.UpdateManyAsync(new BsonDocument("_id", new BsonDocument("$lte", 3)), new BsonDocument("$set", new BsonDocument("fullName", "written by V1")));

        VerificationResult first = await scope.Controller.VerifyAsync(MigrationId);
        await users.UpdateOneAsync(new BsonDocument("_id", 4), new BsonDocument("$set", new BsonDocument("fullName", "written by V1 again")));
        VerificationResult second = await scope.Controller.VerifyAsync(MigrationId);
        VerificationResult third = await scope.Controller.VerifyAsync(MigrationId);
        MigrationStatus status = await scope.StatusAsync(MigrationId);

        Assert.Equal((3L, 3L), (first.DriftCount, first.DriftRepaired));
        Assert.Equal((1L, 1L), (second.DriftCount, second.DriftRepaired));
        Assert.Equal(0L, third.DriftRepaired);
        Assert.Equal(4L, status.DriftRepairedTotal);
        Assert.Equal(0L, status.LastVerification!.DriftRepaired);
        Assert.Equal("written by V1 again", (await users.Find(new BsonDocument("_id", 4)).SingleAsync())["displayName"].AsString);
    }

    private static Task SeedAsync(JobScope scope, int count) =>
        JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, count).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));

    private static async Task<MigrationState> ToSwitchReadAsync(JobScope scope)
    {
        await scope.StartBackfillAsync(MigrationId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(MigrationId));
        return await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "test");
    }

    private JobScope Scope() =>
        new(fixture, b => b.AddFieldMigration<ControlJobsUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)), o => o.Backfill.BatchSize = 10);

    public sealed class ControlJobsUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
