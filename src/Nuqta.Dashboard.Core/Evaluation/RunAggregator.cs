using System.Buffers;
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
    /// values are sorted once. Walking them in sorted order fills every segment's group already
    /// sorted, so the quantiles of all segments need no further sort.
    /// </summary>
    public static IEnumerable<RunAggregate> Compute(int runId, Metric metric, double[] values, IReadOnlyList<(string Name, string[] Values, int[] Codes)> dimensions) =>
        Compute(runId, metric, values.AsSpan(), dimensions);

    /// <inheritdoc cref="Compute(int, Metric, double[], IReadOnlyList{ValueTuple{string, string[], int[]}})"/>
    internal static List<RunAggregate> Compute(int runId, Metric metric, ReadOnlySpan<double> values, IReadOnlyList<(string Name, string[] Values, int[] Codes)> dimensions)
    {
        var presentCount = 0;
        foreach (var value in values)
        {
            if (!double.IsNaN(value))
            {
                presentCount++;
            }
        }

        // The scratch arrays come from the shared pool, because an import aggregates several
        // metrics of up to a million values, and new arrays of that size are garbage on the large
        // object heap until a full collection.
        var sortedArray = ArrayPool<double>.Shared.Rent(presentCount);
        var indexArray = ArrayPool<int>.Shared.Rent(presentCount);
        var groupedArray = ArrayPool<double>.Shared.Rent(presentCount);
        try
        {
            var sorted = sortedArray.AsSpan(0, presentCount);
            var indexes = indexArray.AsSpan(0, presentCount);
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

            RadixSort.Sort(sorted, indexes);
            var results = new List<RunAggregate> { SummarizeSorted(runId, metric, sorted, values.Length - presentCount, null, null) };
            foreach (var (name, segmentValues, codes) in dimensions)
            {
                AddSegments(results, runId, metric, values, sorted, indexes, groupedArray, name, segmentValues, codes);
            }

            return results;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sortedArray);
            ArrayPool<int>.Shared.Return(indexArray);
            ArrayPool<double>.Shared.Return(groupedArray);
        }
    }

    // Groups the sorted present values by segment value into one scratch array, each group in
    // sorted order, and summarises every group.
    private static void AddSegments(
        List<RunAggregate> results, int runId, Metric metric, ReadOnlySpan<double> values, ReadOnlySpan<double> sorted, ReadOnlySpan<int> indexes,
        double[] grouped, string name, string[] segmentValues, int[] codes)
    {
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

        var starts = new int[segmentValues.Length];
        for (var code = 1; code < segmentValues.Length; code++)
        {
            starts[code] = starts[code - 1] + presentPerCode[code - 1];
        }

        var filled = (int[])starts.Clone();
        for (var k = 0; k < sorted.Length; k++)
        {
            var example = indexes[k];
            if (example < codes.Length)
            {
                grouped[filled[codes[example]]++] = sorted[k];
            }
        }

        for (var code = 0; code < segmentValues.Length; code++)
        {
            var present = grouped.AsSpan(starts[code], presentPerCode[code]);
            results.Add(SummarizeSorted(runId, metric, present, examples[code] - present.Length, name, segmentValues[code]));
        }
    }

    /// <summary>Summarises one set of present values, sorted ascending; <paramref name="missing"/> counts the NaN values left out.</summary>
    public static RunAggregate Summarize(int runId, Metric metric, double[] sortedPresent, int missing, string? dimension, string? segmentValue) =>
        SummarizeSorted(runId, metric, sortedPresent, DescriptiveStatistics.Summarize(sortedPresent), missing, dimension, segmentValue);

    // The values come from the import's own NaN-free scratch arrays, so they are summarised without a copy.
    private static RunAggregate SummarizeSorted(int runId, Metric metric, ReadOnlySpan<double> sortedPresent, int missing, string? dimension, string? segmentValue) =>
        SummarizeSorted(runId, metric, sortedPresent, DescriptiveStatistics.SummarizePresent(sortedPresent, missingCount: 0), missing, dimension, segmentValue);

    private static RunAggregate SummarizeSorted(int runId, Metric metric, ReadOnlySpan<double> sortedPresent, DescriptiveSummary summary, int missing, string? dimension, string? segmentValue)
    {
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
