using BenchmarkDotNet.Attributes;
using EmbeddedMongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Benchmarks.EmbeddedMongo;

/// <summary>
/// A find by <c>_id</c> through the driver on a 1,000,000-document collection against the same on 1,000 documents:
/// the issue requires the ratio to stay at or below 2x.
/// Run with: <c>dotnet run -c Release --project tests/ZeroDowntime.Migrations.Benchmarks -- --filter '*FindByIdBenchmarks*'</c>
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
[MemoryDiagnoser]
public class FindByIdBenchmarks
{
    private const int Small = 1_000;
    private const int Large = 1_000_000;
    private EmbeddedMongoServer server = null!;
    private MongoClient client = null!;
    private IMongoCollection<BsonDocument> collection = null!;
    private int[] ids = [];
    private int next;

    [GlobalSetup(Target = nameof(FindById_1K))]
    public Task SetUpSmallAsync() => SetUpAsync(Small);

    [GlobalSetup(Target = nameof(FindById_1M))]
    public Task SetUpLargeAsync() => SetUpAsync(Large);

    [Benchmark(Baseline = true)]
    public Task<BsonDocument> FindById_1K() => FindNextAsync();

    [Benchmark]
    public Task<BsonDocument> FindById_1M() => FindNextAsync();

    [GlobalCleanup]
    public async Task CleanUpAsync()
    {
        client.Dispose();
        await server.DisposeAsync();
    }

    private async Task SetUpAsync(int size)
    {
        server = await EmbeddedMongoServer.StartAsync();
        client = new MongoClient(server.ConnectionString);
        collection = client.GetDatabase("bench").GetCollection<BsonDocument>("users");
        await ScaleData.InsertAsync(collection, size);
        ids = ScaleData.LookupIds(size, 4_096);
    }

    private Task<BsonDocument> FindNextAsync()
    {
        int id = ids[next++ & (ids.Length - 1)];
        return collection.Find(new BsonDocument("_id", id)).FirstOrDefaultAsync();
    }
}
