using BenchmarkDotNet.Running;
using ZeroDowntime.Migrations.Benchmarks.Backfill;

// Run with: dotnet run -c Release --project tests/ZeroDowntime.Migrations.Benchmarks -- --filter '*'
// The backfill memory comparison (child processes, too slow for BenchmarkDotNet): ... -- memory
if (args is [string first, ..] && first.StartsWith("memory", StringComparison.Ordinal))
{
    return await BackfillMemory.RunAsync(args);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
