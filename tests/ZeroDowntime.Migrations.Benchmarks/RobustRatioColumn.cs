using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Mathematics;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace ZeroDowntime.Migrations.Benchmarks;

/// <summary>
/// The ratio to the baseline of the fastest (or median) iteration rather than of the means: on a shared machine noise
/// only ever adds time, in bursts, so the minimum is the stable estimate of what the code costs.
/// </summary>
public sealed class RobustRatioColumn(string name, Func<Statistics, double> statistic) : IColumn
{
    public static readonly IColumn Min = new RobustRatioColumn("Ratio(min)", s => s.Min);

    public static readonly IColumn Median = new RobustRatioColumn("Ratio(median)", s => s.Median);

    public string Id => nameof(RobustRatioColumn) + "." + ColumnName;

    public string ColumnName { get; } = name;

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Baseline;

    public int PriorityInCategory => 1;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => $"The benchmark's {ColumnName[6..^1]} iteration time divided by the baseline's";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkCase? baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        Statistics? mine = summary[benchmarkCase]?.ResultStatistics;
        Statistics? theirs = baseline is null ? null : summary[baseline]?.ResultStatistics;
        return mine is null || theirs is null ? "?" : (statistic(mine) / statistic(theirs)).ToString("0.00", style.CultureInfo);
    }

    public bool IsAvailable(Summary summary) => summary.HasBaselines();

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;
}
