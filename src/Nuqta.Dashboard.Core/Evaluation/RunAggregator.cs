using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>
/// Computes a run's stored aggregates per metric, overall and per segment value: count, missing
/// count, bad count, mean with its 95 % t interval, sample variance, and the exact p50 and p95
/// (linear interpolation between order statistics, NumPy's default).
/// </summary>
public static class RunAggregator
{
    /// <summary>
    /// Returns the overall aggregate and one per value of each segment dimension. The present
    /// values are copied once for the whole run and once per dimension, grouped by segment value,
    /// and the quantiles of each group are found by selection, so no group is sorted.
    /// </summary>
    public static IEnumerable<RunAggregate> Compute(int runId, Metric metric, double[] values, IReadOnlyList<(string Name, string[] Values, int[] Codes)> dimensions)
    {
        var present = SampleData.WithoutNaN(values);
        var results = new List<RunAggregate> { SummarizeUnsorted(runId, metric, present, values.Length - present.Length, null, null) };

        // One scratch array serves every dimension: the present values grouped by segment value.
        var grouped = new double[present.Length];
        foreach (var (name, segmentValues, codes) in dimensions)
        {
            var examples = new int[segmentValues.Length];
            var presentPerCode = new int[segmentValues.Length];
            var length = Math.Min(codes.Length, values.Length);
            for (var i = 0; i < length; i++)
            {
                examples[codes[i]]++;
                if (!double.IsNaN(values[i]))
                {
                    presentPerCode[codes[i]]++;
                }
            }

            // Counting sort by segment code: each value's group starts where the groups before it end.
            var starts = new int[segmentValues.Length];
            for (var code = 1; code < segmentValues.Length; code++)
            {
                starts[code] = starts[code - 1] + presentPerCode[code - 1];
            }

            var filled = (int[])starts.Clone();
            for (var i = 0; i < length; i++)
            {
                if (!double.IsNaN(values[i]))
                {
                    grouped[filled[codes[i]]++] = values[i];
                }
            }

            for (var code = 0; code < segmentValues.Length; code++)
            {
                var group = grouped.AsSpan(starts[code], presentPerCode[code]);
                results.Add(SummarizeUnsorted(runId, metric, group, examples[code] - group.Length, name, segmentValues[code]));
            }
        }

        return results;
    }

    // Summarises present values in any order; the quantile selection reorders them.
    private static RunAggregate SummarizeUnsorted(int runId, Metric metric, Span<double> present, int missing, string? dimension, string? segmentValue)
    {
        var summary = DescriptiveStatistics.Summarize(present);
        var bad = 0;
        foreach (var value in present)
        {
            if (metric.IsBad(value))
            {
                bad++;
            }
        }

        return ToAggregate(runId, metric, summary, bad, missing, dimension, segmentValue, QuantileSelection.Quantile(present, 0.5), QuantileSelection.Quantile(present, 0.95));
    }

    /// <summary>Summarises one set of present values, sorted ascending; <paramref name="missing"/> counts the NaN values left out.</summary>
    public static RunAggregate Summarize(int runId, Metric metric, double[] sortedPresent, int missing, string? dimension, string? segmentValue)
    {
        var summary = DescriptiveStatistics.Summarize(sortedPresent);
        var bad = 0;
        foreach (var value in sortedPresent)
        {
            if (metric.IsBad(value))
            {
                bad++;
            }
        }

        var p50 = sortedPresent.Length == 0 ? double.NaN : Quantiles.QuantileOfSorted(sortedPresent, 0.5);
        var p95 = sortedPresent.Length == 0 ? double.NaN : Quantiles.QuantileOfSorted(sortedPresent, 0.95);
        return ToAggregate(runId, metric, summary, bad, missing, dimension, segmentValue, p50, p95);
    }

    private static RunAggregate ToAggregate(int runId, Metric metric, DescriptiveSummary summary, int bad, int missing, string? dimension, string? segmentValue, double p50, double p95)
    {
        return new RunAggregate
        {
            RunId = runId,
            MetricId = metric.Id,
            Dimension = dimension,
            SegmentValue = segmentValue,
            Count = summary.Count,
            Missing = missing,
            BadCount = bad,
            Mean = Defined(summary.Mean),
            Variance = Defined(summary.Variance),
            MeanLower = Defined(Clip(summary.MeanInterval.Lower, metric)),
            MeanUpper = Defined(Clip(summary.MeanInterval.Upper, metric)),
            P50 = summary.Count == 0 ? null : p50,
            P95 = summary.Count == 0 ? null : p95,
        };
    }

    // A t interval of a few values of a bounded metric can reach past its scale, below 0 for a
    // 0-1 score. No mean can lie there, so the interval is cut at the scale's ends.
    private static double Clip(double value, Metric metric)
    {
        if (metric.ScaleMin is { } min && value < min)
        {
            return min;
        }

        return metric.ScaleMax is { } max && value > max ? max : value;
    }

    private static double? Defined(double value) => double.IsNaN(value) || double.IsInfinity(value) ? null : value;
}
