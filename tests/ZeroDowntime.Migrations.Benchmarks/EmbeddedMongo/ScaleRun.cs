using System.Diagnostics;
using EmbeddedMongo;
using MongoDB.Bson;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Benchmarks.EmbeddedMongo;

/// <summary>
/// A plain timed run (one iteration is a minute's worth of work, too slow for BenchmarkDotNet's statistics):
/// inserting 1,000,000 small documents with InsertMany in batches of 1,000, then finds by <c>_id</c> on it and on a
/// 1,000-document collection. Run with: <c>dotnet run -c Release --project tests/ZeroDowntime.Migrations.Benchmarks -- scale</c>
/// </summary>
internal static class ScaleRun
{
    private const int Documents = 1_000_000;
    private const int Lookups = 20_000;

    public static async Task RunAsync()
    {
        await using EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync();
        var client = new MongoClient(server.ConnectionString);
        IMongoDatabase database = client.GetDatabase("scale");
        IMongoCollection<BsonDocument> large = database.GetCollection<BsonDocument>("large");
        IMongoCollection<BsonDocument> small = database.GetCollection<BsonDocument>("small");
        await ScaleData.InsertAsync(small, 1_000);

        using var process = Process.GetCurrentProcess();
        long allocatedBefore = GC.GetTotalAllocatedBytes();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        var insert = Stopwatch.StartNew();
        await ScaleData.InsertAsync(large, Documents);
        insert.Stop();
        process.Refresh();
        TimeSpan cpu = process.TotalProcessorTime - cpuBefore; // client and server together: both run in this process
        long allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
        long stored = await large.EstimatedDocumentCountAsync();
        Console.WriteLine($"InsertMany {stored:N0} documents in batches of {ScaleData.BatchSize:N0}: {insert.Elapsed.TotalSeconds:F2} s " +
            $"({stored / insert.Elapsed.TotalSeconds:N0} documents/s, CPU {cpu.TotalSeconds:F2} s), peak working set {process.PeakWorkingSet64 / (1024.0 * 1024):N0} MiB, " +
            $"allocated {allocated / (1024.0 * 1024):N0} MiB, GC heap after {GC.GetTotalMemory(forceFullCollection: false) / (1024.0 * 1024):N0} MiB " +
            $"({Environment.ProcessorCount} processors, load average {LoadAverage()})");

        double smallMicros = await TimeFindsAsync(small, 1_000);
        double largeMicros = await TimeFindsAsync(large, Documents);
        Console.WriteLine($"Find by _id: {smallMicros:F1} µs on 1,000 documents, {largeMicros:F1} µs on {Documents:N0} documents, ratio {largeMicros / smallMicros:F2}x");

        client.Dispose();
    }

    // The machine's load when measured, for reading the wall-clock figures (Linux only).
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";

    private static async Task<double> TimeFindsAsync(IMongoCollection<BsonDocument> collection, int size)
    {
        int[] ids = ScaleData.LookupIds(size, Lookups);
        for (int i = 0; i < 2_000; i++)
        {
            await FindAsync(collection, ids[i]); // warm-up: JIT, connection pool
        }

        var timer = Stopwatch.StartNew();
        foreach (int id in ids)
        {
            await FindAsync(collection, id);
        }

        return timer.Elapsed.TotalMicroseconds / ids.Length;
    }

    private static async Task FindAsync(IMongoCollection<BsonDocument> collection, int id)
    {
        BsonDocument found = await collection.Find(new BsonDocument("_id", id)).FirstOrDefaultAsync();
        if (found is null || found["_id"].AsInt32 != id)
        {
            throw new InvalidOperationException($"find by _id {id} returned {found?.ToJson() ?? "nothing"}");
        }
    }
}
