using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Jobs;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Jobs;

public sealed class InterruptedJobRecoveryTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "recovery-user-displayname";

    [Fact]
    public async Task StartAsync_BackfillLeftRunningWithExpiredLease_ReenqueuesIt()
    {
        await using JobScope scope = Scope();
        await scope.StartBackfillAsync(MigrationId);
        await CrashWhileRunningAsync(scope, JobStateStore.BackfillKind);
        scope.FakeTime.Advance(TimeSpan.FromSeconds(61));
        ServiceProvider restarted = scope.NewProvider();

        await Recovery(restarted).StartAsync(default);

        Assert.Equal(
            [new MigrationJob(MigrationJobTypes.Backfill, MigrationId), new MigrationJob(MigrationJobTypes.Backfill, MigrationId)],
            scope.Enqueuer.Jobs);
    }

    [Fact]
    public async Task StartAsync_LeaseStillLive_DoesNotReenqueue()
    {
        await using JobScope scope = Scope();
        await scope.StartBackfillAsync(MigrationId);
        await CrashWhileRunningAsync(scope, JobStateStore.BackfillKind);
        scope.FakeTime.Advance(TimeSpan.FromSeconds(30));

        await Recovery(scope.NewProvider()).StartAsync(default);

        Assert.Single(scope.Enqueuer.Jobs); // Only the one entering Backfill enqueued.
    }

    [Theory]
    [InlineData("Completed")]
    [InlineData("Paused")]
    [InlineData("Cancelled")]
    public async Task StartAsync_JobThatStoppedDeliberately_IsNotReenqueued(string status)
    {
        await using JobScope scope = Scope();
        await scope.StartBackfillAsync(MigrationId);
        await scope.States.UpdateOneAsync(new BsonDocument("_id", MigrationId), new BsonDocument("$set", new BsonDocument("jobs.backfill.status", status)));

        await Recovery(scope.NewProvider()).StartAsync(default);

        Assert.Single(scope.Enqueuer.Jobs);
    }

    [Fact]
    public async Task StartAsync_EnqueuedButNeverRun_IsReenqueued()
    {
        await using JobScope scope = Scope();
        await scope.StartBackfillAsync(MigrationId);

        await Recovery(scope.NewProvider()).StartAsync(default);

        Assert.Equal(2, scope.Enqueuer.Jobs.Count);
    }

    [Fact]
    public async Task StartAsync_CleanupInterruptedInCompleted_ReenqueuesTheCleanup()
    {
        await using JobScope scope = Scope();
        await scope.StartBackfillAsync(MigrationId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(MigrationId));
        await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.SwitchRead, "test");
        await scope.Controller.AdvanceAsync(MigrationId, MigrationPhase.Completed, "test");
        await CrashWhileRunningAsync(scope, JobStateStore.CleanupKind);
        scope.FakeTime.Advance(TimeSpan.FromMinutes(2));

        await Recovery(scope.NewProvider()).StartAsync(default);

        Assert.Equal([MigrationJobTypes.Backfill, MigrationJobTypes.Cleanup, MigrationJobTypes.Cleanup], scope.Enqueuer.Jobs.Select(j => j.Type));
    }

    [Fact]
    public async Task StartAsync_MigrationInDualWrite_EnqueuesNothing()
    {
        await using JobScope scope = Scope();
        await scope.Controller.RegisterAsync(MigrationId, "test");

        await Recovery(scope.NewProvider()).StartAsync(default);

        Assert.Empty(scope.Enqueuer.Jobs);
    }

    [Fact]
    public async Task StartAsync_NoQueueRegistered_DoesNothing()
    {
        await using JobScope scope = Scope();
        await scope.StartBackfillAsync(MigrationId);

        await Recovery(scope.NewProvider(withQueue: false)).StartAsync(default);

        Assert.Single(scope.Enqueuer.Jobs);
    }

    /// <summary>A worker took the lease and reported Running, then its process died.</summary>
    private static async Task CrashWhileRunningAsync(JobScope scope, string kind)
    {
        JobStateStore store = scope.Provider.GetRequiredService<JobStateStore>();
        JobLease lease = (await store.TryAcquireAsync(MigrationId, kind, "crashed-worker", default))!;
        Assert.NotNull(await store.SaveAsync(lease, new BsonDocument("status", JobStatus.Running.ToString()), null, default));
    }

    private static IHostedService Recovery(ServiceProvider provider) =>
        provider.GetServices<IHostedService>().OfType<InterruptedJobRecovery>().Single();

    private JobScope Scope() =>
        new(fixture, b => b.AddFieldMigration<RecoveryUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)));

    public sealed class RecoveryUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
