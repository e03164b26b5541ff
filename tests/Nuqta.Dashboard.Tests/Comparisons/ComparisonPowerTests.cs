using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Comparisons;

public sealed class ComparisonPowerTests
{
    /// <summary>
    /// Paired differences with SD 0.13 and a drop of 0.05 in one 300-example segment, against a tolerance of
    /// 0.02. The standard error of the mean difference is 0.13/√300 ≈ 0.0075, so the upper bound near
    /// −0.05 + 1.96·0.0075 ≈ −0.035 lies beyond −0.02 in about 98 % of draws. The requirement is a Regression
    /// in at least 90 % of 200 seeded draws, with Benjamini-Hochberg across all ten cells of each comparison
    /// (overall and four segments, each with a mean and a bad-rate cell). Bad-rate cells are not checked for
    /// false alarms, because the added noise really does raise the share of values below 0.5.
    /// </summary>
    [Fact]
    public void Engine_DetectsPlantedSegmentDrop()
    {
        const int Draws = 200;
        const int SegmentSize = 300;
        int[] codes = ComparisonFixtures.Blocks(SegmentSize, SegmentSize, SegmentSize, SegmentSize);
        var dimension = new DimensionCodes("intent", ["billing", "travel", "account", "other"], codes);
        var regressions = new bool[Draws];
        var otherSegmentRegressions = new int[Draws];

        Parallel.For(0, Draws, draw =>
        {
            var generator = new Xoshiro256StarStar((ulong)(1000 + draw));
            var baseline = new double[codes.Length];
            var candidate = new double[codes.Length];
            for (int i = 0; i < codes.Length; i++)
            {
                baseline[i] = 0.75 + (0.1 * generator.NextStandardNormal());
                double shift = codes[i] == 0 ? -0.05 : 0.0;
                candidate[i] = baseline[i] + shift + (0.13 * generator.NextStandardNormal());
            }

            var samples = new MetricSamples(ComparisonFixtures.Faithfulness(), candidate, baseline);
            var result = ComparisonCalculator.Compare([samples], [dimension], new ComparisonOptions { Seed = (ulong)draw });

            Assert.Equal(10, result.Cells.Count);
            var billing = result.Cells.Single(c => c.Segment == "billing" && c.Statistic == "mean");
            regressions[draw] = billing.Verdict == Verdict.Regression;
            otherSegmentRegressions[draw] = result.Cells.Count(c => c.Segment is "travel" or "account" or "other" && c.Statistic == "mean" && c.Verdict == Verdict.Regression);
        });

        int detected = regressions.Count(r => r);
        Assert.True(detected >= 180, $"The planted drop was a Regression in {detected} of {Draws} draws; at least 180 are required.");
        Assert.True(otherSegmentRegressions.Sum() <= Draws / 20, $"Means of segments without a drop were a Regression {otherSegmentRegressions.Sum()} times.");
    }
}
