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

        // Each sorted value carries the segment codes of its example, packed into one integer when
        // they fit, so that grouping by segment reads them in sorted order. Looking them up by
        // example index instead jumps through the code arrays at random, a cache miss per value
        // and dimension.
        var layout = CodeLayout.For(dimensions);

        // The scratch arrays come from the shared pool, because an import aggregates several
        // metrics of up to a million values, and new arrays of that size are garbage on the large
        // object heap until a full collection.
        var sortedArray = ArrayPool<double>.Shared.Rent(presentCount);
        var itemArray = ArrayPool<int>.Shared.Rent(presentCount);
        double[]? groupedArray = null;
        try
        {
            var sorted = sortedArray.AsSpan(0, presentCount);
            var items = itemArray.AsSpan(0, presentCount);
            var next = 0;
            for (var i = 0; i < values.Length; i++)
            {
                if (!double.IsNaN(values[i]))
                {
                    sorted[next] = values[i];
                    items[next] = layout.Item(dimensions, i);
                    next++;
                }
            }

            RadixSort.Sort(sorted, items);

            // Rented after the sort, so that the pool hands back the sort's own scratch array.
            groupedArray = ArrayPool<double>.Shared.Rent(presentCount);
            var results = new List<RunAggregate> { SummarizeSorted(runId, metric, sorted, values.Length - presentCount, null, null) };
            for (var d = 0; d < dimensions.Count; d++)
            {
                AddSegments(results, runId, metric, values, sorted, items, groupedArray, dimensions[d], layout, d);
            }

            return results;
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sortedArray);
            ArrayPool<int>.Shared.Return(itemArray);
            if (groupedArray is not null)
            {
                ArrayPool<double>.Shared.Return(groupedArray);
            }
        }
    }

    /// <summary>
    /// How a sorted value's item identifies its segments: either the segment codes of every
    /// dimension packed into one integer, each dimension in its own bits, or the example index.
    /// </summary>
    private sealed class CodeLayout
    {
        private readonly int[] _shifts;
        private readonly int[] _masks;

        private CodeLayout(int[] shifts, int[] masks, bool packed)
        {
            _shifts = shifts;
            _masks = masks;
            Packed = packed;
        }

        public bool Packed { get; }

        public static CodeLayout For(IReadOnlyList<(string Name, string[] Values, int[] Codes)> dimensions)
        {
            var shifts = new int[dimensions.Count];
            var masks = new int[dimensions.Count];
            var bits = 0;
            for (var d = 0; d < dimensions.Count; d++)
            {
                // One code more than the dimension has values marks an example past the end of its codes.
                var width = 32 - System.Numerics.BitOperations.LeadingZeroCount((uint)dimensions[d].Values.Length);
                shifts[d] = bits;
                masks[d] = (1 << width) - 1;
                bits += width;
            }

            return new CodeLayout(shifts, masks, bits <= 31);
        }

        public int Item(IReadOnlyList<(string Name, string[] Values, int[] Codes)> dimensions, int example)
        {
            if (!Packed)
            {
                return example;
            }

            var item = 0;
            for (var d = 0; d < dimensions.Count; d++)
            {
                var codes = dimensions[d].Codes;
                var code = example < codes.Length ? codes[example] : dimensions[d].Values.Length;
                item |= code << _shifts[d];
            }

            return item;
        }

        // Returns the segment code of a sorted value's item in one dimension. A code equal to the
        // number of segment values means that the example has none.
        public int CodeOf(int item, int dimension, int[] codes, int segmentCount)
        {
            if (Packed)
            {
                return (item >> _shifts[dimension]) & _masks[dimension];
            }

            return item < codes.Length ? codes[item] : segmentCount;
        }
    }

    // Groups the sorted present values by segment value into one scratch array, each group in
    // sorted order, and summarises every group.
    private static void AddSegments(
        List<RunAggregate> results, int runId, Metric metric, ReadOnlySpan<double> values, ReadOnlySpan<double> sorted, ReadOnlySpan<int> items,
        double[] grouped, (string Name, string[] Values, int[] Codes) dimension, CodeLayout layout, int dimensionIndex)
    {
        var (name, segmentValues, codes) = dimension;
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
            var code = layout.CodeOf(items[k], dimensionIndex, codes, segmentValues.Length);
            if (code < segmentValues.Length)
            {
                grouped[filled[code]++] = sorted[k];
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
        var bad = metric.CountBadInSorted(sortedPresent);
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
