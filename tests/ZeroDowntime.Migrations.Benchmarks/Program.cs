using BenchmarkDotNet.Running;
using ZeroDowntime.Migrations.Benchmarks.Backfill;
using ZeroDowntime.Migrations.Benchmarks.EmbeddedMongo;

// Run with: dotnet run -c Release --project tests/ZeroDowntime.Migrations.Benchmarks -- --filter '*'
// The EmbeddedMongo scale run (1,000,000 inserts, too slow for BenchmarkDotNet): ... -- scale
if (args is ["scale", ..])
{
    await ScaleRun.RunAsync();
    return 0;
}

// The backfill memory comparison (child processes, too slow for BenchmarkDotNet): ... -- memory
if (args is [string first, ..] && first.StartsWith("memory", StringComparison.Ordinal))
{
    return await BackfillMemory.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
