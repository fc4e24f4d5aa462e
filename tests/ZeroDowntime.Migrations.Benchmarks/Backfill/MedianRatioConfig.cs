using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;

namespace ZeroDowntime.Migrations.Benchmarks.Backfill;

/// <summary>Medians and ratios of medians and minimums beside the means: iterations of a whole backfill spread widely on a shared machine.</summary>
public sealed class MedianRatioConfig : ManualConfig
{
    public MedianRatioConfig() => AddColumn(StatisticColumn.Median, RobustRatioColumn.Min, RobustRatioColumn.Median);
}
