using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Benchmarks.Backfill;

/// <summary>
/// Client-side backfill (a convert without a forward expression) of 200,000 documents against a naive loop that
/// reads one document, converts it and updates it, one at a time. Target: the batched backfill ≥ 10× faster.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 0, iterationCount: 3)]
[MemoryDiagnoser]
public class ClientSideBackfillBenchmarks
{
    private BackfillBench bench = null!;

    [Params(200_000)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void GlobalSetup() => bench = BackfillBench.StartAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void IterationSetup() => bench.ResetAsync(BackfillBench.People, BackfillBench.ClientSideId, Documents).GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "naive: read one, convert, update one")]
    public async Task<long> OneAtATime()
    {
        IMongoCollection<BsonDocument> people = bench.Collection(BackfillBench.People);
        var projection = new BsonDocument { { "_id", 1 }, { "fullName", 1 } };
        long converted = 0;
        BsonValue? last = null;
        while (true)
        {
            var filter = new BsonDocument { { "fullName", new BsonDocument("$exists", true) }, { "displayName", new BsonDocument("$exists", false) } };
            if (last is not null)
            {
                filter["_id"] = new BsonDocument("$gt", last);
            }

            BsonDocument? document = await people.Find(filter).Sort(new BsonDocument("_id", 1)).Limit(1).Project(projection).FirstOrDefaultAsync();
            if (document is null)
            {
                break;
            }

            BsonValue old = document["fullName"];
            UpdateResult result = await people.UpdateOneAsync(
                new BsonDocument { { "_id", document["_id"] }, { "fullName", old }, { "displayName", new BsonDocument("$exists", false) } },
                new BsonDocument("$set", new BsonDocument("displayName", BackfillBench.Forward(old))));
            converted += result.ModifiedCount;
            last = document["_id"];
        }

        return converted == Documents ? converted : throw new InvalidOperationException($"converted {converted} of {Documents}");
    }

    [Benchmark(Description = "backfill: batches + sweep")]
    public async Task<long> BatchedConversion()
    {
        MigrationJobOutcome outcome = await bench.RunConversionAsync(BackfillBench.ClientSideId);
        return outcome == MigrationJobOutcome.Completed ? Documents : throw new InvalidOperationException($"the backfill ended {outcome}");
    }

    [GlobalCleanup]
    public void GlobalCleanup() => bench.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
