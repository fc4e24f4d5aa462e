using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Backfill;

/// <summary>Faults injected with the <c>failCommand</c> fail point, aimed at the worker's client only (by application name).</summary>
[Collection(TimingSensitive.Name)]
public sealed class BatchJobRunFaultTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "fault-user-displayname";
    private const int Documents = 200;

    [Theory]
    [InlineData("find")]
    [InlineData("update")]
    [InlineData("findAndModify")]
    [InlineData("aggregate")]
    public async Task Backfill_TransientErrorsOnACommand_RetriesAndLosesNothing(string command)
    {
        await using JobScope scope = Scope();
        string app = App();
        ServiceProvider worker = await scope.NewWorkerAsync(app);
        await SeedAndStartAsync(scope);
        MigrationJobOutcome outcome;
        long fired;
        FailPoint failPoint = await FailPoint.SetAsync(scope.Client, FailPoint.Times(3), new BsonDocument
        {
            { "failCommands", new BsonArray { command } },
            { "errorCode", 91 },
            { "appName", app },
        });
        try
        {
            outcome = await RunAsync(worker);
        }
        finally
        {
            fired = await failPoint.OffAsync();
        }

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Assert.Equal(3, fired);
        await AssertAllConvertedAsync(scope);
        Assert.Contains(scope.Logs.Lines, l => l.Contains("attempt 1 failed", StringComparison.Ordinal) && l.Contains("91", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Backfill_ConnectionDropped_ReconnectsRetriesAndLosesNothing()
    {
        await using JobScope scope = Scope();
        string app = App();
        ServiceProvider worker = await scope.NewWorkerAsync(app);
        await SeedAndStartAsync(scope);
        MigrationJobOutcome outcome;
        long fired;
        FailPoint failPoint = await FailPoint.SetAsync(scope.Client, FailPoint.Times(4), new BsonDocument
        {
            { "failCommands", new BsonArray { "find", "update" } },
            { "closeConnection", true },
            { "appName", app },
        });
        try
        {
            outcome = await RunAsync(worker);
        }
        finally
        {
            fired = await failPoint.OffAsync();
        }

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Assert.Equal(4, fired);
        await AssertAllConvertedAsync(scope);
        Assert.Equal(Documents, (await scope.BackfillAsync(MigrationId)).Converted);
    }

    [Fact]
    public async Task Backfill_SlowBatches_BackOffGrowsThenShrinksAndNothingIsLost()
    {
        await using JobScope scope = Scope(o => o.Backfill.SlowBatchThreshold = TimeSpan.FromMilliseconds(300));
        string app = App();
        ServiceProvider worker = await scope.NewWorkerAsync(app);
        await SeedAndStartAsync(scope);
        using var observer = new BatchObserver(MigrationId);
        MigrationJobOutcome outcome;
        // The worker's first two updates: the conversions of batches 1 and 2 (its job-state writes are findAndModify).
        FailPoint failPoint = await FailPoint.SetAsync(scope.Client, FailPoint.Times(2), new BsonDocument
        {
            { "failCommands", new BsonArray { "update" } },
            { "blockConnection", true },
            { "blockTimeMS", 400 },
            { "appName", app },
        });
        try
        {
            outcome = await RunAsync(worker);
        }
        finally
        {
            await failPoint.OffAsync();
        }

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        double[] pauses = observer.DocumentBatches.Select(b => (double)b.GetTagItem("zdm.batch.pause")!).ToArray();
        Assert.Equal([0.1, 0.2, 0.1, 0.05], pauses.Take(4));
        Assert.True(observer.DocumentBatches[0].Duration > TimeSpan.FromMilliseconds(400), $"first batch took {observer.DocumentBatches[0].Duration}");
        await AssertAllConvertedAsync(scope);
    }

    [Fact]
    public async Task Backfill_TransientErrorsOutlastTheRetries_FailsAndResumesFromCheckpointLater()
    {
        await using JobScope scope = Scope(o => o.Backfill.MaxRetries = 2);
        string app = App();
        ServiceProvider worker = await scope.NewWorkerAsync(app);
        await SeedAndStartAsync(scope);
        MigrationJobOutcome failed;
        FailPoint? failPoint = null;
        using var observer = new BatchObserver(MigrationId, batch =>
        {
            if (batch == 3)
            {
                // Batch 4's conversion fails on its first try and both retries (multi-document updates are not retried
                // by the driver).
                failPoint = FailPoint.SetAsync(scope.Client, FailPoint.Times(3), new BsonDocument
                {
                    { "failCommands", new BsonArray { "update" } },
                    { "errorCode", 91 },
                    { "appName", app },
                }).GetAwaiter().GetResult();
            }
        });
        try
        {
            failed = await RunAsync(worker);
        }
        finally
        {
            if (failPoint is not null)
            {
                await failPoint.OffAsync();
            }
        }

        JobProgress atFailure = await scope.BackfillAsync(MigrationId);
        MigrationJobOutcome resumed = await RunAsync(worker);

        Assert.Equal(MigrationJobOutcome.Failed, failed);
        Assert.Equal((JobStatus.Failed, 60L), (atFailure.Status, atFailure.Processed));
        Assert.Contains("91", atFailure.LastError, StringComparison.Ordinal);
        Assert.Equal(MigrationJobOutcome.Completed, resumed);
        Assert.Equal(Documents, (await scope.BackfillAsync(MigrationId)).Processed);
        await AssertAllConvertedAsync(scope);
    }

    private static string App() => "zdm-worker-" + Guid.NewGuid().ToString("N")[..8];

    private static Task<MigrationJobOutcome> RunAsync(ServiceProvider worker) =>
        worker.GetRequiredService<IMigrationJobRunner>().RunAsync(new MigrationJob(MigrationJobTypes.Backfill, MigrationId));

    private static async Task SeedAndStartAsync(JobScope scope)
    {
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, Documents).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));
        await scope.StartBackfillAsync(MigrationId);
    }

    private static async Task AssertAllConvertedAsync(JobScope scope)
    {
        List<BsonDocument> users = await scope.Collection("users").Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        Assert.Equal(Documents, users.Count);
        Assert.All(users, u => Assert.Equal(u["fullName"], u.GetValue("displayName", BsonNull.Value)));
    }

    private JobScope Scope(Action<ZeroDowntimeMigrationsOptions>? configure = null) =>
        new(
            fixture,
            b => b.AddFieldMigration<FaultUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)),
            o =>
            {
                o.Backfill.BatchSize = 20;
                o.Backfill.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
                configure?.Invoke(o);
            },
            TimeProvider.System);

    public sealed class FaultUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
