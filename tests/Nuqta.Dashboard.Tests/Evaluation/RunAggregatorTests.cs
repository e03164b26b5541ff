using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Evaluation;

/// <summary>
/// The aggregates of one run, per segment value, checked against a direct computation that
/// filters each segment, sorts it with Array.Sort and tests every value with Metric.IsBad.
/// </summary>
public sealed class RunAggregatorTests
{
    private static readonly Metric Faithfulness = new()
    {
        Id = 7, Key = "faithfulness", Direction = MetricDirection.HigherIsBetter, ScaleMin = 0, ScaleMax = 1, Aggregate = "mean", BadWhen = "lt", BadThreshold = 0.5,
    };

    [Fact]
    public void SmallDimensions_MatchDirectComputation()
    {
        // Three dimensions of 3, 3 and 6 values need 2 + 2 + 3 bits, so their codes travel packed.
        var (values, dimensions) = Sample(seed: 11, examples: 20_000, [3, 3, 6]);

        AssertMatchesDirect(values, dimensions);
    }

    [Fact]
    public void WideDimensions_MatchDirectComputation()
    {
        // Four dimensions of 300 values need 9 bits each, 36 in all: more than one integer holds,
        // so the segments are found by example index instead.
        var (values, dimensions) = Sample(seed: 12, examples: 20_000, [300, 300, 300, 300]);

        AssertMatchesDirect(values, dimensions);
    }

    [Fact]
    public void ExamplesPastTheCodes_BelongToNoSegment()
    {
        var (values, dimensions) = Sample(seed: 13, examples: 10_000, [4]);
        var (name, segmentValues, codes) = dimensions[0];
        var shortened = new List<(string, string[], int[])> { (name, segmentValues, codes[..9_000]) };

        var aggregates = RunAggregator.Compute(1, Faithfulness, values, shortened).ToList();

        var segmentTotal = aggregates.Where(a => a.Dimension == name).Sum(a => a.Count + a.Missing);
        Assert.Equal(9_000, segmentTotal);
        AssertMatchesDirect(values, shortened);
    }

    private static void AssertMatchesDirect(double[] values, List<(string Name, string[] Values, int[] Codes)> dimensions)
    {
        var aggregates = RunAggregator.Compute(1, Faithfulness, values, dimensions).ToList();

        AssertGroup(aggregates.Single(a => a.Dimension is null), values);
        foreach (var (name, segmentValues, codes) in dimensions)
        {
            for (var code = 0; code < segmentValues.Length; code++)
            {
                var expected = Enumerable.Range(0, Math.Min(codes.Length, values.Length)).Where(i => codes[i] == code).Select(i => values[i]).ToArray();
                AssertGroup(aggregates.Single(a => a.Dimension == name && a.SegmentValue == segmentValues[code]), expected);
            }
        }
    }

    private static void AssertGroup(RunAggregate actual, double[] values)
    {
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        Array.Sort(present);
        Assert.Equal(present.Length, actual.Count);
        Assert.Equal(values.Length - present.Length, actual.Missing);
        Assert.Equal(present.Count(Faithfulness.IsBad), actual.BadCount);
        if (present.Length == 0)
        {
            Assert.Null(actual.Mean);
            return;
        }

        Assert.Equal(present.Average(), actual.Mean!.Value, 1e-9);
        Assert.Equal(Quantile(present, 0.5), actual.P50!.Value, 12);
        Assert.Equal(Quantile(present, 0.95), actual.P95!.Value, 12);
    }

    // Linear interpolation between order statistics (NumPy's default), written out here for the check.
    private static double Quantile(double[] sorted, double probability)
    {
        var h = (sorted.Length - 1) * probability;
        var below = (int)Math.Floor(h);
        return below + 1 < sorted.Length ? sorted[below] + ((h - below) * (sorted[below + 1] - sorted[below])) : sorted[below];
    }

    private static (double[] Values, List<(string Name, string[] Values, int[] Codes)> Dimensions) Sample(int seed, int examples, int[] sizes)
    {
        var random = new Random(seed);

        // Scores on a grid of 0.05 give many ties, and one value in twenty is missing.
        var values = Enumerable.Range(0, examples).Select(_ => random.Next(20) == 0 ? double.NaN : Math.Round(random.Next(21) * 0.05, 2)).ToArray();
        var dimensions = sizes.Select((size, d) => (
            Name: $"dimension{d}",
            Values: Enumerable.Range(0, size).Select(v => $"value{v}").ToArray(),
            Codes: Enumerable.Range(0, examples).Select(_ => random.Next(size)).ToArray())).ToList();
        return (values, dimensions);
    }
}
