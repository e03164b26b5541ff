using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>
/// Computes a run's stored aggregates per metric, overall and per segment value: count, missing
/// count, bad count, mean with its 95 % t interval, sample variance, and the exact p50 and p95
/// (linear interpolation between order statistics, NumPy's default).
/// </summary>
public static class RunAggregator
{
    public static IEnumerable<RunAggregate> Compute(int runId, Metric metric, double[] values, IReadOnlyList<(string Name, string[] Values, int[] Codes)> dimensions)
    {
        yield return Summarize(runId, metric, values, null, null);
        foreach (var (name, segmentValues, codes) in dimensions)
        {
            var buckets = new List<double>[segmentValues.Length];
            for (var i = 0; i < buckets.Length; i++)
            {
                buckets[i] = [];
            }

            for (var i = 0; i < values.Length && i < codes.Length; i++)
            {
                buckets[codes[i]].Add(values[i]);
            }

            for (var code = 0; code < segmentValues.Length; code++)
            {
                yield return Summarize(runId, metric, buckets[code].ToArray(), name, segmentValues[code]);
            }
        }
    }

    /// <summary>Summarises one set of values; NaN values count as missing, never as 0.</summary>
    public static RunAggregate Summarize(int runId, Metric metric, double[] values, string? dimension, string? segmentValue)
    {
        var summary = DescriptiveStatistics.Summarize(values);
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(present);
        var bad = present.Count(metric.IsBad);
        return new RunAggregate
        {
            RunId = runId,
            MetricId = metric.Id,
            Dimension = dimension,
            SegmentValue = segmentValue,
            Count = summary.Count,
            Missing = summary.MissingCount,
            BadCount = bad,
            Mean = Defined(summary.Mean),
            Variance = Defined(summary.Variance),
            MeanLower = Defined(summary.MeanInterval.Lower),
            MeanUpper = Defined(summary.MeanInterval.Upper),
            P50 = present.Length == 0 ? null : Quantiles.QuantileOfSorted(present, 0.5),
            P95 = present.Length == 0 ? null : Quantiles.QuantileOfSorted(present, 0.95),
        };
    }

    private static double? Defined(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : value;
}
