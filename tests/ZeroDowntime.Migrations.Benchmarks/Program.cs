using BenchmarkDotNet.Running;
using ZeroDowntime.Migrations.Benchmarks.EmbeddedMongo;

// Run with: dotnet run -c Release --project tests/ZeroDowntime.Migrations.Benchmarks -- --filter '*'
// The EmbeddedMongo scale run (1,000,000 inserts, too slow for BenchmarkDotNet): ... -- scale
if (args is ["scale", ..])
{
    await ScaleRun.RunAsync();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
