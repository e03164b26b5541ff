using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

/// <summary>
/// The internal paths that take complete pairs or sorted samples, which a comparison uses to skip
/// copies, give exactly what the public methods give on the same data.
/// </summary>
public sealed class PresortedPathsTests
{
    [Theory]
    [InlineData(WilcoxonZeroMethod.Wilcox)]
    [InlineData(WilcoxonZeroMethod.Pratt)]
    public void Wilcoxon_CompletePairsMatchesPublic(WilcoxonZeroMethod zeroMethod)
    {
        var (candidate, baseline) = Pairs(seed: 21, count: 20_000);

        var expected = WilcoxonSignedRankTest.TestPaired(candidate, baseline, zeroMethod);
        var actual = WilcoxonSignedRankTest.TestCompletePairs(candidate, baseline, zeroMethod);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Wilcoxon_InfinitePairDropped()
    {
        // +inf - +inf is NaN, which the public test drops as a missing difference.
        double[] candidate = [0.5, double.PositiveInfinity, 0.9, 0.1, 0.7];
        double[] baseline = [0.4, double.PositiveInfinity, 0.6, 0.3, 0.2];

        var expected = WilcoxonSignedRankTest.Test([0.1, 0.3, -0.2, 0.5]);
        var actual = WilcoxonSignedRankTest.TestCompletePairs(candidate, baseline);

        Assert.Equal(expected.PositiveRankSum, actual.PositiveRankSum);
        Assert.Equal(expected.PValue, actual.PValue);
    }

    [Fact]
    public void PairedMean_CompleteMatchesPublic()
    {
        var (candidate, baseline) = Pairs(seed: 22, count: 10_000);

        var expected = AnalyticIntervals.PairedMeanDifference(candidate, baseline);
        var actual = AnalyticIntervals.PairedMeanDifferenceOfComplete(candidate, baseline);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Quantile_SortedMatchesPublic()
    {
        var (candidate, baseline) = Pairs(seed: 23, count: 10_000);
        var candidateSorted = candidate.Order().ToArray();
        var baselineSorted = baseline.Order().ToArray();

        var expected = AnalyticIntervals.QuantileDifference(candidate, baseline, 0.95);
        var actual = AnalyticIntervals.QuantileDifferenceOfSorted(candidateSorted, baselineSorted, 0.95);

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void KolmogorovSmirnov_SortedMatchesPublic()
    {
        var (candidate, baseline) = Pairs(seed: 24, count: 10_000);

        var expected = KolmogorovSmirnovTest.TwoSample(candidate, baseline);
        var actual = KolmogorovSmirnovTest.TwoSampleOfSorted(candidate.Order().ToArray(), baseline.Order().ToArray());

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void OutcomeTable_ValuesMatchOutcomes()
    {
        var (candidate, baseline) = Pairs(seed: 25, count: 5_000);
        Func<double, bool> isGood = value => value >= 0.5;

        var expected = PairedOutcomeTable.FromOutcomes(candidate.Select(isGood).ToArray(), baseline.Select(isGood).ToArray());
        var actual = PairedOutcomeTable.FromValues(candidate, baseline, isGood);

        Assert.Equal(expected, actual);
        Assert.Equal(5_000, actual.Count);
    }

    [Fact]
    public void RentedPairs_MatchCompletePairs()
    {
        double[] candidate = [1, double.NaN, 3, 4, double.NaN];
        double[] baseline = [5, 6, double.NaN, 8, double.NaN];

        var (expectedCandidate, expectedBaseline) = SampleData.CompletePairs(candidate, baseline);
        var (rentedCandidate, rentedBaseline) = RentedValues.CompletePairs(candidate, baseline);
        using (rentedCandidate)
        using (rentedBaseline)
        {
            Assert.Equal(expectedCandidate, rentedCandidate.Span.ToArray());
            Assert.Equal(expectedBaseline, rentedBaseline.Span.ToArray());
        }
    }

    // Scores on a grid of 0.05, so the differences have many ties and zeros.
    private static (double[] Candidate, double[] Baseline) Pairs(int seed, int count)
    {
        var random = new Random(seed);
        var candidate = Enumerable.Range(0, count).Select(_ => random.Next(21) * 0.05).ToArray();
        var baseline = Enumerable.Range(0, count).Select(_ => random.Next(21) * 0.05).ToArray();
        return (candidate, baseline);
    }
}
