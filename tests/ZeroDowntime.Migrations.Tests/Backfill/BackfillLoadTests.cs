using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MongoDB.Bson;
using MongoDB.Bson.Serialization.Attributes;
using MongoDB.Driver;
using ZeroDowntime.Migrations.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ZeroDowntime.Migrations.Tests.Backfill;

/// <summary>
/// The issue's load test: a backfill over 50,000 documents while 8 V2 writers update and insert through the
/// migrating collection, the worker cancelled at random points and restarted twice.
/// </summary>
[Collection(TimingSensitive.Name)]
public sealed class BackfillLoadTests(MongoDatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<MongoDatabaseFixture>
{
    private const string MigrationId = "load-user-displayname";
    private const int Documents = 50_000;
    private const int Writers = 8;

    [Fact]
    public async Task Backfill_UnderConcurrentWritersWithTwoRandomInterruptions_LosesNoWriteAndMissesNoDocument()
    {
        int seed = Environment.TickCount;
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        await using JobScope scope = new(
            fixture,
            b => b.AddFieldMigration<LoadUser>(MigrationId, m => m.InCollection("users").Rename("fullName", u => u.DisplayName)),
            o =>
            {
                o.Backfill.BatchSize = 500;
                o.Backfill.RetryBaseDelay = TimeSpan.FromMilliseconds(20);
            },
            TimeProvider.System);
        IMongoCollection<BsonDocument> raw = scope.Collection("users");
        await JobScope.SeedAsync(raw, Enumerable.Range(0, Documents).Select(i => new BsonDocument { { "_id", i }, { "fullName", $"seed-{i}" }, { "writes", 0 } }));
        TimeSpan seeded = clock.Elapsed;
        await scope.StartBackfillAsync(MigrationId);
        IMongoCollection<LoadUser>? migrating = scope.Provider.GetService<IMongoCollection<LoadUser>>();

        // Each writer owns the ids ≡ w (mod 8) and its own range for inserts, so its last acknowledged write per id is known.
        var acknowledged = new ConcurrentDictionary<int, string>();
        long updates = 0, inserts = 0;
        using var stopWriters = new CancellationTokenSource();
        Task[] writers = Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var rng = new Random(seed + w + 1);
            var mine = new List<int>(Enumerable.Range(0, Documents).Where(i => i % Writers == w));
            for (int sequence = 0; !stopWriters.IsCancellationRequested; sequence++)
            {
                string value = $"w{w}-{sequence}";
                if (rng.Next(10) == 0)
                {
                    int id = 1_000_000 + (w * 100_000) + sequence;
                    await InsertAsync(migrating, raw, id, value);
                    mine.Add(id);
                    acknowledged[id] = value;
                    Interlocked.Increment(ref inserts);
                }
                else
                {
                    int id = mine[rng.Next(mine.Count)];
                    await UpdateAsync(migrating, raw, id, value);
                    acknowledged[id] = value;
                    Interlocked.Increment(ref updates);
                }
            }
        })).ToArray();

        // Three runs of the worker: the first two cancelled at a random point inside a random batch.
        var outcomes = new List<MigrationJobOutcome>();
        int[] cancelAfterBatch = [random.Next(5, 25), random.Next(5, 25)];
        int run = 0;
        CancellationTokenSource? current = null;
        using var observer = new BatchObserver(MigrationId, _ =>
        {
            if (run < 2 && --cancelAfterBatch[run] == 0)
            {
                current!.CancelAfter(TimeSpan.FromMilliseconds(random.Next(0, 15)));
            }
        });
        for (; run < 3; run++)
        {
            using var cancellation = new CancellationTokenSource();
            current = cancellation;
            outcomes.Add(await scope.RunBackfillAsync(MigrationId, cancellation.Token));
        }

        TimeSpan backfilled = clock.Elapsed;
        await stopWriters.CancelAsync();
        await Task.WhenAll(writers);

        List<BsonDocument> all = await raw.Find(FilterDefinition<BsonDocument>.Empty).ToListAsync();
        int missed = all.Count(d => !d.Contains("displayName"));
        int inconsistent = all.Count(d => d.Contains("displayName") && d["displayName"] != d["fullName"]);
        Dictionary<int, BsonDocument> byId = all.ToDictionary(d => d["_id"].AsInt32);
        int lost = acknowledged.Count(a => !byId.TryGetValue(a.Key, out BsonDocument? d) || d.GetValue("displayName", BsonNull.Value) != a.Value || d["fullName"] != a.Value);
        JobProgress progress = await scope.BackfillAsync(MigrationId);
        output.WriteLine($"seed {seed}; writers through {(migrating is null ? "raw dual-writing updates (no migrating collection registered)" : "the migrating collection")}");
        output.WriteLine($"documents: {Documents:N0} seeded + {inserts:N0} inserted = {all.Count:N0} in the collection");
        output.WriteLine($"writes acknowledged: {updates:N0} updates, {inserts:N0} inserts, on {acknowledged.Count:N0} distinct documents");
        output.WriteLine($"runs: {string.Join(", ", outcomes)}; batches with documents: {observer.DocumentBatches.Count}; processed {progress.Processed:N0}, converted {progress.Converted:N0}");
        output.WriteLine($"lost writes: {lost}; documents missed: {missed}; documents whose fields disagree: {inconsistent}");
        output.WriteLine($"time: seeding {seeded.TotalSeconds:F1} s, backfill under load {(backfilled - seeded).TotalSeconds:F1} s, total {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal([MigrationJobOutcome.Interrupted, MigrationJobOutcome.Interrupted, MigrationJobOutcome.Completed], outcomes);
        Assert.Equal(Documents + inserts, all.Count);
        Assert.Equal(0, lost);
        Assert.Equal(0, missed);
        Assert.Equal(0, inconsistent);
        Assert.True(updates > 1_000, $"only {updates} updates ran during the backfill");
        Assert.True((await scope.StatusAsync(MigrationId)).LastVerification!.Passed);
        Assert.InRange(progress.Converted, 1, Documents);
    }

    private static Task InsertAsync(IMongoCollection<LoadUser>? migrating, IMongoCollection<BsonDocument> raw, int id, string value) =>
        migrating is not null
            ? migrating.InsertOneAsync(new LoadUser { Id = id, DisplayName = value })
            : raw.InsertOneAsync(new BsonDocument { { "_id", id }, { "fullName", value }, { "displayName", value }, { "writes", 1 } });

    private static Task UpdateAsync(IMongoCollection<LoadUser>? migrating, IMongoCollection<BsonDocument> raw, int id, string value) =>
        migrating is not null
            ? migrating.UpdateOneAsync(u => u.Id == id, Builders<LoadUser>.Update.Set(u => u.DisplayName, value).Inc(u => u.Writes, 1))
            : raw.UpdateOneAsync(new BsonDocument("_id", id), new BsonDocument { { "$set", new BsonDocument { { "fullName", value }, { "displayName", value } } }, { "$inc", new BsonDocument("writes", 1) } });

    [BsonIgnoreExtraElements]
    public sealed class LoadUser
    {
        public int Id { get; set; }

        [BsonElement("displayName")]
        public string DisplayName { get; set; } = "";

        [BsonElement("writes")]
        public int Writes { get; set; }
    }
}
