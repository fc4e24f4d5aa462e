using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/ZeroDowntime.Migrations.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
