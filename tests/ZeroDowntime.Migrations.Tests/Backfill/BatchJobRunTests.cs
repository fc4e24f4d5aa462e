using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using MongoDB.Driver.Core.Events;
using ZeroDowntime.Migrations.Tests.Infrastructure;

namespace ZeroDowntime.Migrations.Tests.Backfill;

public sealed class BatchJobRunTests(MongoDatabaseFixture fixture) : IClassFixture<MongoDatabaseFixture>
{
    private const string RenameId = "batch-rename";
    private const string ClientId = "batch-client";
    private const int Documents = 100;

    [Fact]
    public async Task RunAsync_CancelledBetweenBatches_ResumesFromCheckpointWithoutRepeatsOrGaps()
    {
        await using JobScope scope = RenameScope();
        await SeedAsync(scope.Collection("users"));
        await scope.StartBackfillAsync(RenameId);
        using var stop = new CancellationTokenSource();
        using var observer = new BatchObserver(RenameId, batch =>
        {
            if (batch == 3)
            {
                stop.Cancel();
            }
        });

        MigrationJobOutcome first = await scope.RunBackfillAsync(RenameId, stop.Token);
        JobProgress interrupted = await scope.BackfillAsync(RenameId);
        long convertedAfterFirst = await CountConvertedAsync(scope.Collection("users"), "displayName");
        MigrationJobOutcome second = await scope.RunBackfillAsync(RenameId);

        Assert.Equal(MigrationJobOutcome.Interrupted, first);
        Assert.Equal((JobStatus.Interrupted, 30L, 30L), (interrupted.Status, interrupted.Processed, interrupted.Converted));
        Assert.Null(interrupted.LeaseHolder);
        Assert.Equal(30, convertedAfterFirst);
        Assert.Equal(MigrationJobOutcome.Completed, second);
        JobProgress done = await scope.BackfillAsync(RenameId);
        Assert.Equal((JobStatus.Completed, (long)Documents, (long)Documents), (done.Status, done.Processed, done.Converted));
        Assert.Equal(Enumerable.Repeat(10, Documents / 10), observer.BatchSizes);
        Assert.Equal(Documents, await CountConvertedAsync(scope.Collection("users"), "displayName"));
    }

    [Fact]
    public async Task RunAsync_EachBatch_RenewsTheLeaseInItsProgressWrite()
    {
        var expiries = new List<(DateTimeOffset Now, DateTimeOffset? ExpiresAt, long Processed)>();
        JobScope? holder = null;
        await using JobScope scope = ClientScope(_ => holder!.FakeTime.Advance(TimeSpan.FromMilliseconds(1)));
        holder = scope;
        await SeedAsync(scope.Collection("people"));
        await scope.StartBackfillAsync(ClientId);
        using var observer = new BatchObserver(ClientId, batch =>
        {
            JobProgress progress = scope.BackfillAsync(ClientId).GetAwaiter().GetResult();
            expiries.Add((scope.Time.GetUtcNow(), progress.LeaseExpiresAt, progress.Processed));
        });

        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(ClientId));

        // Each batch's conversions advance the clock by 10 ms; the lease runs 60 s from the write that recorded the batch.
        Assert.Equal(Documents / 10, expiries.Count);
        Assert.All(expiries, e => Assert.Equal(e.Now + TimeSpan.FromSeconds(60), e.ExpiresAt));
        Assert.Equal(Enumerable.Range(1, Documents / 10).Select(i => i * 10L), expiries.Select(e => e.Processed));
    }

    [Fact]
    public async Task RunAsync_ServerSideBatchSizeRetunedWhileRunning_NextRangeHasTheNewSize()
    {
        await using JobScope scope = RenameScope();
        await SeedAsync(scope.Collection("users"));
        await scope.StartBackfillAsync(RenameId);

        // Given while batch 3 runs, the retune is read with batch 3's progress and bounds batch 4's range.
        using var observer = new BatchObserver(RenameId, duringBatch: batch =>
        {
            if (batch == 3)
            {
                scope.Controller.RetuneAsync(RenameId, new ThrottleSettings(7, TimeSpan.Zero, null)).GetAwaiter().GetResult();
            }
        });

        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(RenameId));

        Assert.Equal([10, 10, 10, .. Enumerable.Repeat(7, 10)], observer.BatchSizes);
        Assert.Equal(Documents, await CountConvertedAsync(scope.Collection("users"), "displayName"));
    }

    [Fact]
    public async Task RunAsync_ServerSideOverManyBatches_ReadsTheBoundariesOfSeveralBatchesPerQuery()
    {
        // 25,000 documents in batches of 2,500: one boundary read walks 10,000 documents, the ends of four batches.
        int boundaryReads = 0;
        await using JobScope scope = RenameScope();
        ServiceProvider worker = await scope.NewWorkerAsync("boundaries", o => o.Backfill.BatchSize = 2_500, client: s => s.ClusterConfigurator = b => b.Subscribe<CommandStartedEvent>(e =>
        {
            if (e.CommandName == "aggregate" && e.Command["pipeline"].ToJson().Contains("$push", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref boundaryReads);
            }
        }));
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, 25_000).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));
        await scope.StartBackfillAsync(RenameId);
        using var observer = new BatchObserver(RenameId);

        MigrationJobOutcome outcome = await worker.GetRequiredService<IMigrationJobRunner>().RunAsync(new MigrationJob(MigrationJobTypes.Backfill, RenameId));

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Assert.Equal(Enumerable.Repeat(2_500, 10), observer.BatchSizes);
        Assert.Equal(25_000, await CountConvertedAsync(scope.Collection("users"), "displayName"));

        // Batch 1 goes by documents; reads before batches 2, 6 and 10 bound batches 2-5, 6-9 and 10; the fourth finds
        // less than a batch left.
        Assert.Equal(4, boundaryReads);
    }

    [Fact]
    public async Task RunAsync_DocumentInsertedIntoARangeAlreadyBounded_IsConvertedWithThatRange()
    {
        await using JobScope scope = RenameScope();

        // Batch 2's boundary read also bounded the later ranges: (50, 60] is fixed before 55.5 exists.
        (MigrationJobOutcome outcome, IReadOnlyList<int> batchSizes) = await RunInsertingAfterBatch2Async(scope, new BsonDocument { { "_id", 55.5 }, { "fullName", "between" } });

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Assert.Equal([10, 10, 10, 10, 10, 11, 10, 10, 10, 10], batchSizes);
        BsonDocument between = await scope.Collection("users").Find(new BsonDocument("_id", 55.5)).SingleAsync();
        Assert.Equal("between", between["displayName"].AsString);
        Assert.Equal(Documents + 1, await CountConvertedAsync(scope.Collection("users"), "displayName"));
    }

    [Fact]
    public async Task RunAsync_SecondRunAfterCompletion_ChangesNothing()
    {
        await using JobScope scope = RenameScope();
        await SeedAsync(scope.Collection("users"));
        await scope.StartBackfillAsync(RenameId);
        Assert.Equal(MigrationJobOutcome.Completed, await scope.RunBackfillAsync(RenameId));
        List<BsonDocument> before = await AllAsync(scope.Collection("users"));
        using var observer = new BatchObserver(RenameId);

        MigrationJobOutcome again = await scope.RunBackfillAsync(RenameId);

        Assert.Equal(MigrationJobOutcome.Completed, again);
        Assert.Equal(before, await AllAsync(scope.Collection("users")));
        Assert.Empty(observer.DocumentBatches);
        JobProgress progress = await scope.BackfillAsync(RenameId);
        Assert.Equal((Documents, Documents), ((int)progress.Processed, (int)progress.Converted));
    }

    [Fact]
    public async Task RunAsync_DocumentInsertedBehindTheCursor_IsConvertedByTheSweep()
    {
        await using JobScope scope = RenameScope();

        // A V1 instance inserts behind the cursor: _id 0 sorts before the checkpoint.
        (MigrationJobOutcome outcome, IReadOnlyList<int> batchSizes) = await RunInsertingAfterBatch2Async(scope, new BsonDocument { { "_id", 0 }, { "fullName", "late" } });

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        BsonDocument late = await scope.Collection("users").Find(new BsonDocument("_id", 0)).SingleAsync();
        Assert.Equal("late", late["displayName"].AsString);
        Assert.Equal(Documents + 1, (await scope.BackfillAsync(RenameId)).Converted);
        Assert.Equal([.. Enumerable.Repeat(10, Documents / 10), 1], batchSizes);
    }

    [Fact]
    public async Task RunAsync_AfterEachBatch_PersistsCheckpointProgressRateAndEta()
    {
        JobProgress? afterThird = null;
        BsonDocument? stateAfterThird = null;
        JobScope? holder = null;
        await using JobScope scope = ClientScope(_ => holder!.FakeTime.Advance(TimeSpan.FromMilliseconds(1)));
        holder = scope;
        await SeedAsync(scope.Collection("people"));
        await scope.StartBackfillAsync(ClientId);
        using var observer = new BatchObserver(ClientId, batch =>
        {
            if (batch == 3)
            {
                afterThird = scope.BackfillAsync(ClientId).GetAwaiter().GetResult();
                stateAfterThird = scope.States.Find(new BsonDocument("_id", ClientId)).Single();
            }
        });

        await scope.RunBackfillAsync(ClientId);

        Assert.NotNull(afterThird);
        Assert.Equal((JobStatus.Running, 30L, 30L, 70L), (afterThird.Status, afterThird.Processed, afterThird.Converted, afterThird.RemainingEstimate));
        Assert.Equal(30, stateAfterThird!["jobs"]["backfill"]["checkpoint"].ToInt32());
        Assert.InRange(afterThird.DocumentsPerSecond, 900, 1100); // 10 documents per 10 ms of the fake clock.
        Assert.NotNull(afterThird.EstimatedTimeRemaining);
        Assert.InRange(afterThird.EstimatedTimeRemaining.Value.TotalMilliseconds, 60, 80);
        Assert.StartsWith(scope.Provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<ZeroDowntimeMigrationsOptions>>().Value.InstanceId, afterThird.LeaseHolder, StringComparison.Ordinal);
        Assert.Equal(scope.Time.GetUtcNow(), (await scope.BackfillAsync(ClientId)).UpdatedAt);
    }

    [Fact]
    public async Task RunAsync_TwoRunnersStartedTogether_OnlyOneProcessesBatches()
    {
        using var blocked = new SemaphoreSlim(0);
        using var release = new SemaphoreSlim(0);
        int[] conversions = new int[2];
        await using JobScope scope = new(fixture, _ => { });
        ServiceProvider[] workers = new[] { 0, 1 }.Select(w => scope.NewProvider(builder: b => b.AddFieldMigration<BatchClientUser>(ClientId, m => m
            .InCollection("people")
            .Convert("fullName", u => u.DisplayName, forward: v =>
            {
                if (Interlocked.Increment(ref conversions[w]) == 1)
                {
                    blocked.Release();
                    release.Wait();
                }

                return v;
            })))).ToArray();
        await SeedAsync(scope.Collection("people"));
        await scope.StartBackfillAsync(ClientId, workers[0]);

        Task<MigrationJobOutcome>[] runs = workers
            .Select(w => Task.Run(() => w.GetRequiredService<IMigrationJobRunner>().RunAsync(new MigrationJob(MigrationJobTypes.Backfill, ClientId))))
            .ToArray();
        Task<MigrationJobOutcome> firstDone = await Task.WhenAny(runs);
        MigrationJobOutcome loser = await firstDone;
        await blocked.WaitAsync();
        release.Release();
        MigrationJobOutcome winner = await runs.Single(r => r != firstDone);

        Assert.Equal(MigrationJobOutcome.AlreadyRunning, loser);
        Assert.Equal(MigrationJobOutcome.Completed, winner);
        Assert.Equal(0, conversions[Array.IndexOf(runs, firstDone)]);
        Assert.Equal(Documents, await CountConvertedAsync(scope.Collection("people"), "displayName"));
    }

    [Fact]
    public async Task RunAsync_LeaseExpiredWhileWorkerStalls_StalledWorkerIsFencedOutAndNewHolderContinues()
    {
        using var oldBlocked = new SemaphoreSlim(0);
        using var oldRelease = new SemaphoreSlim(0);
        using var newBlocked = new SemaphoreSlim(0);
        using var newRelease = new SemaphoreSlim(0);
        int oldCalls = 0, newCalls = 0;
        await using JobScope scope = new(fixture, _ => { }, o => o.Backfill.BatchSize = 10);
        ServiceProvider stalled = scope.NewProvider(builder: b => b.AddFieldMigration<BatchClientUser>(ClientId, m => m.InCollection("people").Convert("fullName", u => u.DisplayName, forward: v =>
        {
            if (Interlocked.Increment(ref oldCalls) == 1)
            {
                oldBlocked.Release();
                oldRelease.Wait();
            }

            return v;
        })));
        ServiceProvider successor = scope.NewProvider(builder: b => b.AddFieldMigration<BatchClientUser>(ClientId, m => m.InCollection("people").Convert("fullName", u => u.DisplayName, forward: v =>
        {
            if (Interlocked.Increment(ref newCalls) == 21)
            {
                newBlocked.Release(); // In its third batch.
                newRelease.Wait();
            }

            return v;
        })));
        await SeedAsync(scope.Collection("people"));
        await scope.StartBackfillAsync(ClientId, stalled);
        var job = new MigrationJob(MigrationJobTypes.Backfill, ClientId);

        Task<MigrationJobOutcome> old = Task.Run(() => stalled.GetRequiredService<IMigrationJobRunner>().RunAsync(job));
        await oldBlocked.WaitAsync();
        scope.FakeTime.Advance(TimeSpan.FromSeconds(61));
        Task<MigrationJobOutcome> next = Task.Run(() => successor.GetRequiredService<IMigrationJobRunner>().RunAsync(job));
        await newBlocked.WaitAsync();
        JobProgress midway = await scope.BackfillAsync(ClientId, successor);
        oldRelease.Release();
        MigrationJobOutcome oldOutcome = await old;
        JobProgress afterFencing = await scope.BackfillAsync(ClientId, successor);
        newRelease.Release();
        MigrationJobOutcome nextOutcome = await next;

        Assert.Equal(MigrationJobOutcome.LeaseLost, oldOutcome);
        Assert.Equal(MigrationJobOutcome.Completed, nextOutcome);
        Assert.Equal(20, midway.Processed);
        Assert.Equal(Snapshot(midway), Snapshot(afterFencing)); // The fenced worker wrote nothing.
        JobProgress done = await scope.BackfillAsync(ClientId, successor);
        Assert.Equal((JobStatus.Completed, (long)Documents, (long)Documents), (done.Status, done.Processed, done.Converted));
        Assert.Equal(Documents, await CountConvertedAsync(scope.Collection("people"), "displayName"));
    }

    [Fact]
    public async Task RunAsync_PausedBetweenBatches_StopsAtCheckpointAndResumesFromIt()
    {
        await using JobScope scope = RenameScope();
        await SeedAsync(scope.Collection("users"));
        await scope.StartBackfillAsync(RenameId);
        using var observer = new BatchObserver(RenameId, duringBatch: batch =>
        {
            if (batch == 2)
            {
                scope.Controller.PauseAsync(RenameId).GetAwaiter().GetResult();
            }
        });

        MigrationJobOutcome paused = await scope.RunBackfillAsync(RenameId);
        JobProgress atPause = await scope.BackfillAsync(RenameId);
        long convertedAtPause = await CountConvertedAsync(scope.Collection("users"), "displayName");
        await scope.Controller.ResumeAsync(RenameId);
        MigrationJobOutcome resumed = await scope.RunBackfillAsync(RenameId);

        Assert.Equal(MigrationJobOutcome.Paused, paused);
        Assert.Equal((JobStatus.Paused, 20L), (atPause.Status, atPause.Processed));
        Assert.Equal(20, convertedAtPause);
        Assert.Equal([MigrationJobTypes.Backfill, MigrationJobTypes.Backfill], scope.Enqueuer.Jobs.Select(j => j.Type));
        Assert.Equal(MigrationJobOutcome.Completed, resumed);
        Assert.Equal(Documents, (await scope.BackfillAsync(RenameId)).Processed);
        Assert.Equal(Documents / 10, observer.DocumentBatches.Count);
    }

    [Fact]
    public async Task RunAsync_PauseRequestedBeforeItRuns_ProcessesNothing()
    {
        await using JobScope scope = RenameScope();
        await SeedAsync(scope.Collection("users"));
        await scope.StartBackfillAsync(RenameId);
        await scope.Controller.PauseAsync(RenameId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(RenameId);

        Assert.Equal(MigrationJobOutcome.Paused, outcome);
        Assert.Equal(0, await CountConvertedAsync(scope.Collection("users"), "displayName"));
    }

    [Fact]
    public async Task RunAsync_CancelledByOperator_StopsKeepingCheckpointAndCanResume()
    {
        await using JobScope scope = RenameScope();
        await SeedAsync(scope.Collection("users"));
        await scope.StartBackfillAsync(RenameId);
        using var observer = new BatchObserver(RenameId, duringBatch: batch =>
        {
            if (batch == 4)
            {
                scope.Controller.CancelAsync(RenameId).GetAwaiter().GetResult();
            }
        });

        MigrationJobOutcome cancelled = await scope.RunBackfillAsync(RenameId);
        JobProgress atCancel = await scope.BackfillAsync(RenameId);
        await scope.Controller.ResumeAsync(RenameId);
        MigrationJobOutcome resumed = await scope.RunBackfillAsync(RenameId);

        Assert.Equal(MigrationJobOutcome.Cancelled, cancelled);
        Assert.Equal((JobStatus.Cancelled, 40L), (atCancel.Status, atCancel.Processed));
        Assert.Equal(MigrationJobOutcome.Completed, resumed);
        Assert.Equal(Documents, (await scope.BackfillAsync(RenameId)).Processed);
    }

    [Fact]
    public async Task RollbackToDualWrite_WhileBackfillRuns_CancelsItAtTheNextBatch()
    {
        await using JobScope scope = RenameScope();
        await SeedAsync(scope.Collection("users"));
        await scope.StartBackfillAsync(RenameId);
        using var observer = new BatchObserver(RenameId, duringBatch: batch =>
        {
            if (batch == 1)
            {
                scope.Controller.RollbackAsync(RenameId, MigrationPhase.DualWrite, "test").GetAwaiter().GetResult();
            }
        });

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(RenameId);

        Assert.Equal(MigrationJobOutcome.Cancelled, outcome);
        Assert.Equal(10, await CountConvertedAsync(scope.Collection("users"), "displayName"));
        Assert.Equal(MigrationJobOutcome.NotApplicable, await scope.RunBackfillAsync(RenameId));
    }

    [Fact]
    public async Task RunAsync_RetunedWhileABatchRuns_UsesTheNewBatchSizeFromTheNextBatch()
    {
        int conversions = 0;
        JobScope? holder = null;
        await using JobScope scope = ClientScope(_ =>
        {
            if (Interlocked.Increment(ref conversions) == 5)
            {
                holder!.Controller.RetuneAsync(ClientId, new ThrottleSettings(7, TimeSpan.Zero, null)).GetAwaiter().GetResult();
            }
        });
        holder = scope;
        await SeedAsync(scope.Collection("people"));
        await scope.StartBackfillAsync(ClientId);
        using var observer = new BatchObserver(ClientId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(ClientId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        Assert.Equal([10, .. Enumerable.Repeat(7, 12), 6], observer.BatchSizes);
        Assert.Equal(new ThrottleSettings(7, TimeSpan.Zero, null), (await scope.BackfillAsync(ClientId)).Throttle);
    }

    [Fact]
    public async Task RunAsync_MigrationNotInBackfill_IsNotApplicable()
    {
        await using JobScope scope = RenameScope();
        await SeedAsync(scope.Collection("users"));
        await scope.Controller.RegisterAsync(RenameId, "test");

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(RenameId);

        Assert.Equal(MigrationJobOutcome.NotApplicable, outcome);
        Assert.Equal(0, await CountConvertedAsync(scope.Collection("users"), "displayName"));
    }

    private static (JobStatus, long, long, string?, DateTimeOffset?) Snapshot(JobProgress p) => (p.Status, p.Processed, p.Converted, p.LeaseHolder, p.UpdatedAt);

    /// <summary>Seeds the users, runs the rename backfill and inserts <paramref name="document"/> once batch 2 is done.</summary>
    private static async Task<(MigrationJobOutcome Outcome, IReadOnlyList<int> BatchSizes)> RunInsertingAfterBatch2Async(JobScope scope, BsonDocument document)
    {
        await SeedAsync(scope.Collection("users"));
        await scope.StartBackfillAsync(RenameId);
        using var observer = new BatchObserver(RenameId, batch =>
        {
            if (batch == 2)
            {
                scope.Collection("users").InsertOne(document);
            }
        });

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(RenameId);
        return (outcome, observer.BatchSizes);
    }

    private static Task SeedAsync(IMongoCollection<BsonDocument> collection) =>
        JobScope.SeedAsync(collection, Enumerable.Range(1, Documents).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));

    private static Task<long> CountConvertedAsync(IMongoCollection<BsonDocument> collection, string field) =>
        collection.CountDocumentsAsync(new BsonDocument(field, new BsonDocument("$exists", true)));

    private static Task<List<BsonDocument>> AllAsync(IMongoCollection<BsonDocument> collection) =>
        collection.Find(FilterDefinition<BsonDocument>.Empty).Sort(new BsonDocument("_id", 1)).ToListAsync();

    private JobScope RenameScope() =>
        new(fixture, b => b.AddFieldMigration<BatchRenameUser>(RenameId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)), o => o.Backfill.BatchSize = 10);

    private JobScope ClientScope(Action<BsonValue> onConvert) =>
        new(fixture, b => b.AddFieldMigration<BatchClientUser>(ClientId, m => m.InCollection("people").Convert("fullName", u => u.DisplayName, forward: v =>
        {
            onConvert(v);
            return v;
        })), o => o.Backfill.BatchSize = 10);

    public sealed class BatchRenameUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }

    public sealed class BatchClientUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
