using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Benchmarks.Backfill;

/// <summary>
/// Server-side backfill (rename) of 200,000 documents against its floor cost: one unbatched <c>updateMany</c>
/// pipeline over the whole collection. Target: the batched conversion takes at most ~1.43× the baseline
/// (≥ 0.7× its throughput) at the default batch size. Each iteration starts from a freshly seeded collection.
/// Four warm-up iterations: the job's first two run partly on unoptimised (tier-0) code, at 2–3× the steady time.
/// Three processes per case: on a shared machine one process's state alone moved a median by ±20%.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 3, warmupCount: 4, iterationCount: 10)]
[MemoryDiagnoser]
[Config(typeof(MedianRatioConfig))]
public class ServerSideBackfillBenchmarks
{
    private BackfillBench bench = null!;

    [Params(200_000)]
    public int Documents { get; set; }

    /// <summary>The backfill's batch size (1,000 is the default); the baseline has none and runs once per value.</summary>
    [Params(1_000, 5_000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void GlobalSetup() => bench = BackfillBench.StartAsync().GetAwaiter().GetResult();

    [IterationSetup]
    public void IterationSetup()
    {
        bench.ResetAsync(BackfillBench.Users, BackfillBench.ServerSideId, Documents).GetAwaiter().GetResult();
        bench.RetuneAsync(BackfillBench.ServerSideId, BatchSize).GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "single updateMany pipeline")]
    public async Task<long> UpdateManyPipeline()
    {
        var filter = new BsonDocument { { "fullName", new BsonDocument("$exists", true) }, { "displayName", new BsonDocument("$exists", false) } };
        PipelineDefinition<BsonDocument, BsonDocument> pipeline = new BsonDocument[] { new("$set", new BsonDocument("displayName", "$fullName")) };
        UpdateResult result = await bench.Collection(BackfillBench.Users).UpdateManyAsync(filter, Builders<BsonDocument>.Update.Pipeline(pipeline));
        return Check(result.ModifiedCount);
    }

    [Benchmark(Description = "backfill: batches + sweep")]
    public async Task<long> BatchedConversion()
    {
        Check(await bench.RunConversionAsync(BackfillBench.ServerSideId));
        return Documents;
    }

    [Benchmark(Description = "backfill job: batches + sweep + verification")]
    public async Task<long> WholeJob()
    {
        Check(await bench.RunJobAsync(BackfillBench.ServerSideId));
        return Documents;
    }

    [GlobalCleanup]
    public void GlobalCleanup() => bench.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private long Check(long modified) => modified == Documents ? modified : throw new InvalidOperationException($"converted {modified} of {Documents}");

    private static void Check(MigrationJobOutcome outcome)
    {
        if (outcome != MigrationJobOutcome.Completed)
        {
            throw new InvalidOperationException($"the backfill ended {outcome}");
        }
    }
}
