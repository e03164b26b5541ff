using System.Globalization;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>A figure with its 95 % interval; NaN where undefined (no values, or one value for a t interval).</summary>
public readonly record struct AggregateValue(double Value, double Lower, double Upper)
{
    public static readonly AggregateValue Undefined = new(double.NaN, double.NaN, double.NaN);
}

/// <summary>The statistics of one pool of values: counts, mean, good-rate and quantiles, each with its interval where one exists.</summary>
public sealed record PooledFigure(
    int Count,
    int Missing,
    int BadCount,
    AggregateValue Mean,
    AggregateValue? GoodRate,
    double P50,
    double P90,
    double P95,
    double P99,
    AggregateValue Value);

/// <summary>
/// The scorecard aggregates: <c>mean</c> (Student t interval, cut at the ends of a bounded scale),
/// <c>good-rate</c> (share of present values that are not bad, Wilson interval) and quantiles
/// written <c>p50</c>, <c>p95</c> or <c>p99.9</c> (linear interpolation between order statistics,
/// NumPy's and R's default, with the distribution-free order-statistic interval).
/// </summary>
public static class ScorecardAggregates
{
    public const string Mean = "mean";

    public const string GoodRate = "good-rate";

    /// <summary>Returns true for <c>mean</c>, <c>good-rate</c> and quantiles <c>p0</c> to <c>p100</c>.</summary>
    public static bool IsValid(string? aggregate) =>
        aggregate is Mean or GoodRate || QuantileLevel(aggregate) is not null;

    /// <summary>Returns the probability of a quantile aggregate (0.95 for <c>p95</c>), or null for other aggregates.</summary>
    public static double? QuantileLevel(string? aggregate)
    {
        if (aggregate is null || aggregate.Length < 2 || aggregate[0] != 'p')
        {
            return null;
        }

        return double.TryParse(aggregate.AsSpan(1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent) && percent is >= 0 and <= 100
            ? percent / 100.0
            : null;
    }

    /// <summary>
    /// Evaluates <paramref name="aggregate"/> on values sorted ascending without NaN. A good-rate of
    /// a metric without a bad threshold is undefined.
    /// </summary>
    public static AggregateValue Evaluate(string aggregate, Metric metric, ReadOnlySpan<double> sortedPresent, int badCount)
    {
        if (aggregate == Mean)
        {
            return MeanOf(metric, sortedPresent);
        }

        if (aggregate == GoodRate)
        {
            return metric.BadWhen is null ? AggregateValue.Undefined : GoodRateOf(sortedPresent.Length, badCount);
        }

        var level = QuantileLevel(aggregate) ?? throw new ArgumentException($"Unknown aggregate '{aggregate}'; use mean, good-rate or a quantile such as p95.", nameof(aggregate));
        return QuantileOf(sortedPresent, level);
    }

    /// <summary>Returns the mean of values without NaN with its t interval, cut at the ends of the metric's scale.</summary>
    public static AggregateValue MeanOf(Metric metric, ReadOnlySpan<double> values)
    {
        if (values.Length == 0)
        {
            return AggregateValue.Undefined;
        }

        var summary = DescriptiveStatistics.SummarizePresent(values, missingCount: 0);
        var lower = summary.MeanInterval.Lower;
        var upper = summary.MeanInterval.Upper;
        if (metric.ScaleMin is { } min && lower < min)
        {
            lower = min;
        }

        if (metric.ScaleMax is { } max && upper > max)
        {
            upper = max;
        }

        return new AggregateValue(summary.Mean, lower, upper);
    }

    /// <summary>Returns the good-rate (good = present and not bad) with its Wilson interval.</summary>
    public static AggregateValue GoodRateOf(int count, int badCount)
    {
        if (count == 0)
        {
            return AggregateValue.Undefined;
        }

        var interval = Proportions.WilsonInterval(count - badCount, count);
        return new AggregateValue((count - badCount) / (double)count, interval.Lower, interval.Upper);
    }

    /// <summary>Returns the quantile with its order-statistic interval; an interval end the sample cannot reach is NaN.</summary>
    public static AggregateValue QuantileOf(ReadOnlySpan<double> sortedValues, double probability)
    {
        if (sortedValues.Length == 0)
        {
            return AggregateValue.Undefined;
        }

        var estimate = AnalyticIntervals.OrderStatisticQuantileOfSorted(sortedValues, probability);
        return new AggregateValue(
            Quantiles.QuantileOfSorted(sortedValues, probability),
            double.IsInfinity(estimate.Interval.Lower) ? double.NaN : estimate.Interval.Lower,
            double.IsInfinity(estimate.Interval.Upper) ? double.NaN : estimate.Interval.Upper);
    }
}

/// <summary>Computes the statistics of one weekly pool of values.</summary>
public static class WeeklyFigureCalculator
{
    /// <summary>
    /// Computes the figure of pooled values, NaN marking missing ones. Every value counts once,
    /// so two trials of 150 examples give n = 300; missing values count as missing, never as bad.
    /// </summary>
    public static PooledFigure Compute(Metric metric, ReadOnlySpan<double> pooledValues)
    {
        using var present = RentedValues.SortedWithoutNaN(pooledValues);
        ReadOnlySpan<double> sorted = present.Span;
        var badCount = metric.CountBadInSorted(sorted);
        return new PooledFigure(
            sorted.Length,
            pooledValues.Length - sorted.Length,
            badCount,
            ScorecardAggregates.MeanOf(metric, sorted),
            metric.BadWhen is null ? null : ScorecardAggregates.GoodRateOf(sorted.Length, badCount),
            Quantiles.QuantileOfSorted(sorted, 0.50),
            Quantiles.QuantileOfSorted(sorted, 0.90),
            Quantiles.QuantileOfSorted(sorted, 0.95),
            Quantiles.QuantileOfSorted(sorted, 0.99),
            ScorecardAggregates.IsValid(metric.Aggregate) ? ScorecardAggregates.Evaluate(metric.Aggregate, metric, sorted, badCount) : AggregateValue.Undefined);
    }
}
