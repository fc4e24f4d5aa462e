using System.Diagnostics;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using ZeroDowntime.Migrations.Backfill;
using ZeroDowntime.Migrations.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ZeroDowntime.Migrations.Tests.Backfill;

public sealed class ThrottleTests
{
    private static readonly TimeSpan Threshold = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(1);

    [Fact]
    public void After_SlowBatches_DoublesTheBackOffUpToTheMaximum()
    {
        var throttle = new Throttle(new ThrottleSettings(100, TimeSpan.Zero, null), Threshold, MaxBackOff);

        TimeSpan[] pauses = Enumerable.Range(0, 6).Select(_ => throttle.After(100, TimeSpan.FromSeconds(1))).ToArray();

        Assert.Equal([100, 200, 400, 800, 1000, 1000], pauses.Select(p => p.TotalMilliseconds));
    }

    [Fact]
    public void After_FastBatchesFollowingSlowOnes_HalveTheBackOffToZero()
    {
        var throttle = new Throttle(new ThrottleSettings(100, TimeSpan.Zero, null), Threshold, MaxBackOff);
        throttle.After(100, TimeSpan.FromSeconds(1));
        throttle.After(100, TimeSpan.FromSeconds(1));

        TimeSpan[] pauses = Enumerable.Range(0, 6).Select(_ => throttle.After(100, TimeSpan.FromMilliseconds(10))).ToArray();

        Assert.Equal([100, 50, 25, 12.5, 0, 0], pauses.Select(p => p.TotalMilliseconds));
    }

    [Fact]
    public void After_RateLimit_PausesForTheRestOfTheBatchsShare()
    {
        var throttle = new Throttle(new ThrottleSettings(200, TimeSpan.FromMilliseconds(5), 2_000), Threshold, MaxBackOff);

        TimeSpan pause = throttle.After(200, TimeSpan.FromMilliseconds(30));
        TimeSpan belowDelay = throttle.After(1, TimeSpan.FromMilliseconds(30));

        Assert.Equal(70, pause.TotalMilliseconds, precision: 6);
        Assert.Equal(5, belowDelay.TotalMilliseconds, precision: 6);
    }

    [Fact]
    public void Retune_ChangesTheSettingsUsedForTheNextPause()
    {
        var throttle = new Throttle(new ThrottleSettings(100, TimeSpan.Zero, null), Threshold, MaxBackOff);

        throttle.Retune(new ThrottleSettings(100, TimeSpan.FromMilliseconds(40), null));

        Assert.Equal(TimeSpan.FromMilliseconds(40), throttle.After(100, TimeSpan.FromMilliseconds(1)));
    }
}

[Collection(TimingSensitive.Name)]
public sealed class ThrottleRateTests(MongoDatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "throttle-user-displayname";

    [Fact]
    public async Task Backfill_WithRateLimit_ProcessesWithinTwentyPercentOfIt()
    {
        const int documents = 6_000;
        const double limit = 2_000;
        await using JobScope scope = new(
            fixture,
            b => b.AddFieldMigration<ThrottledUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)),
            o =>
            {
                o.Backfill.BatchSize = 200;
                o.Backfill.MaxDocumentsPerSecond = limit;
            },
            TimeProvider.System);
        await JobScope.SeedAsync(scope.Collection("users"), Enumerable.Range(1, documents).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"name {i}" } }));
        await scope.StartBackfillAsync(MigrationId);
        using var observer = new BatchObserver(MigrationId);

        MigrationJobOutcome outcome = await scope.RunBackfillAsync(MigrationId);

        Assert.Equal(MigrationJobOutcome.Completed, outcome);
        IReadOnlyList<Activity> batches = observer.DocumentBatches;
        DateTime first = batches.Min(b => b.StartTimeUtc);
        DateTime last = batches.Max(b => b.StartTimeUtc + b.Duration);
        double rate = documents / (last - first).TotalSeconds;
        output.WriteLine($"{documents} documents in {batches.Count} batches over {(last - first).TotalSeconds:F2} s: {rate:F0} documents/s (limit {limit})");
        Assert.Equal(documents / 200, batches.Count);
        Assert.InRange(rate, limit * 0.8, limit * 1.2);
        Assert.InRange((await scope.BackfillAsync(MigrationId)).DocumentsPerSecond, limit * 0.8, limit * 1.2);
    }

    public sealed class ThrottledUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";
    }
}
