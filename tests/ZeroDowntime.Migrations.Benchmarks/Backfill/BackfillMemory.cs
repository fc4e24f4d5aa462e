using System.Diagnostics;
using System.Globalization;
using EmbeddedMongo;
using MongoDB.Driver;

namespace ZeroDowntime.Migrations.Benchmarks.Backfill;

/// <summary>
/// The memory mode (<c>-- memory</c>): the peak working set of a backfill over 1,000,000 documents must stay within
/// 1.2× the peak over 100,000 — memory depends on the batch size, not the collection size.
/// <para>
/// To measure the backfill's own memory, EmbeddedMongo runs in a child process of its own (<c>memory-server</c>),
/// this process seeds it, and every backfill runs in a fresh child process (<c>memory-backfill</c>) that only
/// connects, warms up by running the same job over <see cref="WarmupDocuments"/> documents of another database for at
/// least <see cref="WarmupTime"/>, runs the measured job and reports its <see cref="Process.PeakWorkingSet64"/> and the
/// working set it had just before the measured job started. Without the warm-up a short run (a server-side backfill
/// of 100,000 documents takes half a second) ends before the runtime's tiered JIT has recompiled the hot paths and
/// before the GC has grown its budgets: memory that depends on how long the process has run, not on how many
/// documents the job converts.
/// </para>
/// </summary>
internal static class BackfillMemory
{
    private const int Runs = 3;
    private const int WarmupDocuments = 100_000;
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(5);

    /// <summary>Runs a mode; <c>memory [small large]</c> compares the two sizes (by default 100,000 and 1,000,000).</summary>
    public static async Task<int> RunAsync(string[] args) => args[0] switch
    {
        "memory-server" => await ServeAsync(),
        "memory-backfill" => await BackfillAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture), args[5]),
        _ => await CompareAsync(args.Length == 3 ? [int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture)] : [100_000, 1_000_000]),
    };

    private static async Task<int> CompareAsync(int[] sizes)
    {
        using Process server = Start("memory-server");
        string uri = (await server.StandardOutput.ReadLineAsync())!;
        Console.WriteLine($"EmbeddedMongo in child process {server.Id} at {uri}");
        var results = new List<(string Mode, int Size, long Baseline, long Peak, double Seconds)>();
        try
        {
            var client = new MongoClient(uri);
            foreach (string mode in new[] { "server-side", "client-side" })
            {
                string collection = mode == "server-side" ? BackfillBench.Users : BackfillBench.People;
                string warmup = $"zdm_memory_warmup_{mode.Replace('-', '_')}";
                await BackfillBench.SeedAsync(client.GetDatabase(warmup).GetCollection<MongoDB.Bson.BsonDocument>(collection), WarmupDocuments);
                foreach (int size in sizes)
                {
                    string database = $"zdm_memory_{mode.Replace('-', '_')}_{size}";
                    var seeding = Stopwatch.StartNew();
                    await BackfillBench.SeedAsync(client.GetDatabase(database).GetCollection<MongoDB.Bson.BsonDocument>(collection), size);
                    Console.WriteLine($"seeded {size:N0} documents in {seeding.Elapsed.TotalSeconds:F1} s");
                    // Three fresh children per size (the data reset in between); the median damps the GC's timing.
                    var runs = new List<(long Baseline, long Peak, double Seconds)>();
                    for (int run = 0; run < Runs; run++)
                    {
                        if (run > 0)
                        {
                            await UnconvertAsync(client.GetDatabase(database).GetCollection<MongoDB.Bson.BsonDocument>(collection));
                        }

                        using Process child = Start("memory-backfill", uri, database, mode, size.ToString(CultureInfo.InvariantCulture), warmup);
                        string output = await child.StandardOutput.ReadToEndAsync();
                        await child.WaitForExitAsync();
                        Console.Write(output);
                        string[] result = output.Split('\n').Single(l => l.StartsWith("RESULT ", StringComparison.Ordinal)).Split(' ');
                        runs.Add((long.Parse(result[1], CultureInfo.InvariantCulture), long.Parse(result[2], CultureInfo.InvariantCulture), double.Parse(result[3], CultureInfo.InvariantCulture)));
                    }

                    (long baseline, long peak, double seconds) = runs.OrderBy(r => r.Peak - r.Baseline).ElementAt(Runs / 2);
                    results.Add((mode, size, baseline, peak, seconds));
                    await client.DropDatabaseAsync(database);
                }

                await client.DropDatabaseAsync(warmup);
            }
        }
        finally
        {
            server.StandardInput.Close(); // The server child stops when its input closes.
            await server.WaitForExitAsync();
        }

        Console.WriteLine();
        Console.WriteLine($"median of {Runs} runs:");
        Console.WriteLine("| mode | documents | working set before (MiB) | peak working set (MiB) | peak − before (MiB) | time (s) |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|");
        foreach ((string mode, int size, long baseline, long peak, double seconds) in results)
        {
            Console.WriteLine($"| {mode} | {size:N0} | {Mib(baseline):F1} | {Mib(peak):F1} | {Mib(peak - baseline):F1} | {seconds:F1} |");
        }

        bool ok = true;
        foreach (IGrouping<string, (string Mode, int Size, long Baseline, long Peak, double Seconds)> mode in results.GroupBy(r => r.Mode))
        {
            var small = mode.Single(r => r.Size == sizes[0]);
            var large = mode.Single(r => r.Size == sizes[1]);
            double peakRatio = (double)large.Peak / small.Peak;
            double ownRatio = (double)(large.Peak - large.Baseline) / (small.Peak - small.Baseline);
            Console.WriteLine($"{mode.Key}: peak {sizes[1]:N0} / {sizes[0]:N0} = {peakRatio:F2} (target ≤ 1.2); backfill's own memory (peak − before) ratio = {ownRatio:F2}");
            ok &= peakRatio <= 1.2;
        }

        return ok ? 0 : 1;
    }

    private static async Task<int> ServeAsync()
    {
        await using EmbeddedMongoServer server = await EmbeddedMongoServer.StartAsync();
        Console.WriteLine(server.ConnectionString);
        await Console.In.ReadToEndAsync(); // Until the parent closes our input.
        return 0;
    }

    /// <summary>Takes the backfill's work back: removes the new field from every document.</summary>
    private static Task UnconvertAsync(IMongoCollection<MongoDB.Bson.BsonDocument> collection) =>
        collection.UpdateManyAsync(MongoDB.Bson.BsonDocument.Parse("{}"), MongoDB.Bson.BsonDocument.Parse("{$unset: {displayName: ''}}"));

    private static async Task<int> BackfillAsync(string uri, string database, string mode, int size, string warmupDatabase)
    {
        string migrationId = mode == "server-side" ? BackfillBench.ServerSideId : BackfillBench.ClientSideId;
        await using (BackfillBench warmup = await BackfillBench.StartAsync(uri, warmupDatabase))
        {
            string collection = mode == "server-side" ? BackfillBench.Users : BackfillBench.People;
            var warming = Stopwatch.StartNew();
            do
            {
                await warmup.StartBackfillAsync(migrationId);
                if (await warmup.RunJobAsync(migrationId) != MigrationJobOutcome.Completed)
                {
                    Console.WriteLine("the warm-up backfill did not complete");
                    return 1;
                }

                await UnconvertAsync(warmup.Collection(collection));
            }
            while (warming.Elapsed < WarmupTime);
        }

        await using BackfillBench bench = await BackfillBench.StartAsync(uri, database);
        await bench.StartBackfillAsync(migrationId);
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        using Process self = Process.GetCurrentProcess();
        self.Refresh();
        long before = self.WorkingSet64;
        var clock = Stopwatch.StartNew();
        MigrationJobOutcome outcome = await bench.RunJobAsync(migrationId);
        clock.Stop();
        self.Refresh();
        if (outcome != MigrationJobOutcome.Completed)
        {
            Console.WriteLine($"the backfill ended {outcome}");
            return 1;
        }

        long heapAfter = GC.GetTotalMemory(forceFullCollection: true); // What the run left behind: no growth means nothing accumulates per document.
        Console.WriteLine($"{mode} backfill of {size:N0} documents: {clock.Elapsed.TotalSeconds:F1} s, working set before {Mib(before):F1} MiB, peak {Mib(self.PeakWorkingSet64):F1} MiB; " +
            $"managed heap after a full collection {Mib(heapBefore):F1} MiB before, {Mib(heapAfter):F1} MiB after; {Mib(GC.GetTotalAllocatedBytes()):F0} MiB allocated in all, {GC.CollectionCount(2)} gen2 collections");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT {before} {self.PeakWorkingSet64} {clock.Elapsed.TotalSeconds}"));
        return 0;
    }

    private static Process Start(params string[] args)
    {
        string path = Environment.ProcessPath!;
        var start = new ProcessStartInfo { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet")
        {
            start.FileName = path;
            start.ArgumentList.Add(typeof(BackfillMemory).Assembly.Location);
        }
        else
        {
            start.FileName = path;
        }

        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private static double Mib(long bytes) => bytes / 1024.0 / 1024.0;
}
