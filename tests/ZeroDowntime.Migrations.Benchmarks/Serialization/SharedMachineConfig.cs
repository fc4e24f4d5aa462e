using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace ZeroDowntime.Migrations.Benchmarks.Serialization;

/// <summary>
/// Ratios of the fastest and median iterations beside BenchmarkDotNet's ratio of means; with
/// <c>ZDM_BENCH_CLOCK=thread-cpu</c> set, every job (including one given on the command line, e.g. <c>--job short</c>)
/// measures with <see cref="ThreadCpuClock"/>, otherwise the defaults (wall clock) apply.
/// </summary>
public sealed class SharedMachineConfig : ManualConfig
{
    public SharedMachineConfig()
    {
        AddColumn(RobustRatioColumn.Min, RobustRatioColumn.Median);
        if (Environment.GetEnvironmentVariable("ZDM_BENCH_CLOCK") == "thread-cpu")
        {
            AddJob(Job.Default.WithClock(new ThreadCpuClock()).AsMutator());
        }
    }
}
