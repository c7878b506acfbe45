using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace DevOpsVision.Blogging.Benchmarks;

/// <summary>
/// Each benchmark's median time over its baseline's median (same parameters), beside BenchmarkDotNet's ratio of means:
/// on a shared machine a few slow iterations move a mean much more than a median, and the query goal is stated on medians.
/// </summary>
public sealed class MedianRatioColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(MedianRatioColumn);

    /// <inheritdoc />
    public string ColumnName => "Median Ratio";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Baseline;

    /// <inheritdoc />
    public int PriorityInCategory => 2;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Median of the benchmark divided by the median of its baseline";

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        BenchmarkCase? baseline = summary.GetBaseline(summary.GetLogicalGroupKey(benchmarkCase));
        double? own = summary[benchmarkCase]?.ResultStatistics?.Median;
        double? anchor = baseline is null ? null : summary[baseline]?.ResultStatistics?.Median;
        return own is { } value && anchor is > 0 ? (value / anchor.Value).ToString("0.00", CultureInfo.InvariantCulture) : "?";
    }

    /// <inheritdoc />
    public override string ToString() => ColumnName;
}

/// <summary>Adds the median and <see cref="MedianRatioColumn"/> to a benchmark class's table.</summary>
public sealed class MedianRatioConfig : ManualConfig
{
    /// <summary>The median column and the ratio of medians.</summary>
    public MedianRatioConfig()
    {
        AddColumn(StatisticColumn.Median, new MedianRatioColumn());
    }
}
