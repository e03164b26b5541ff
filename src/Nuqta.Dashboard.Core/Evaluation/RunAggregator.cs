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
    /// values are sorted once. Walking them in sorted order fills every segment's array already
    /// sorted, so the quantiles of all segments need no further sort.
    /// </summary>
    public static IEnumerable<RunAggregate> Compute(int runId, Metric metric, double[] values, IReadOnlyList<(string Name, string[] Values, int[] Codes)> dimensions)
    {
        var presentCount = 0;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                presentCount++;
            }
        }

        var sorted = new double[presentCount];
        var indexes = new int[presentCount];
        var next = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsNaN(values[i]))
            {
                sorted[next] = values[i];
                indexes[next] = i;
                next++;
            }
        }

        Array.Sort(sorted, indexes);
        var results = new List<RunAggregate> { Summarize(runId, metric, sorted, values.Length - presentCount, null, null) };

        foreach (var (name, segmentValues, codes) in dimensions)
        {
            // Exact-size arrays per segment value: count first, then fill in sorted order.
            var examples = new int[segmentValues.Length];
            var presentPerCode = new int[segmentValues.Length];
            for (var i = 0; i < codes.Length && i < values.Length; i++)
            {
                examples[codes[i]]++;
                if (!double.IsNaN(values[i]))
                {
                    presentPerCode[codes[i]]++;
                }
            }

            var buckets = presentPerCode.Select(count => new double[count]).ToArray();
            var filled = new int[segmentValues.Length];
            for (var k = 0; k < sorted.Length; k++)
            {
                var example = indexes[k];
                if (example < codes.Length)
                {
                    var code = codes[example];
                    buckets[code][filled[code]++] = sorted[k];
                }
            }

            for (var code = 0; code < segmentValues.Length; code++)
            {
                var present = buckets[code];
                results.Add(Summarize(runId, metric, present, examples[code] - present.Length, name, segmentValues[code]));
            }
        }

        return results;
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
            P50 = sortedPresent.Length == 0 ? null : Quantiles.QuantileOfSorted(sortedPresent, 0.5),
            P95 = sortedPresent.Length == 0 ? null : Quantiles.QuantileOfSorted(sortedPresent, 0.95),
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
