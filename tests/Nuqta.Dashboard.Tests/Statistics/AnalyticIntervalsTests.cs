using Nuqta.Dashboard.Core.Statistics;
using Xunit.Abstractions;

namespace Nuqta.Dashboard.Tests.Statistics;

public class AnalyticIntervalsTests
{
    private readonly ITestOutputHelper _output;

    public AnalyticIntervalsTests(ITestOutputHelper output)
    {
        _output = output;
    }

    private static readonly double[] PairedCandidate = [0.82, 0.75, 0.91, 0.66, 0.88, 0.79, 0.95, 0.70];

    private static readonly double[] PairedBaseline = [0.78, 0.77, 0.85, 0.60, 0.86, 0.71, 0.90, 0.72];

    private static readonly double[] WelchCandidate = [0.82, 0.75, 0.91, 0.66, 0.88, 0.79, 0.95, 0.70, 0.83, 0.77, 0.93];

    private static readonly double[] WelchBaseline = [0.61, 0.72, 0.55, 0.80, 0.69];

    private static readonly double[] FortyDistinct = Enumerable.Range(1, 40).Select(i => ((i * 53) % 97) / 10.0).ToArray();

    [Fact]
    public void PairedT_MatchesScipy()
    {
        // SciPy 1.10.1, d = c - b: d.mean() -/+ scipy.stats.t.ppf(0.975, 7) * scipy.stats.sem(d);
        // p-value from scipy.stats.ttest_rel(c, b) -> (2.552888830190288, 0.037943287963163784)
        DifferenceEstimate result = AnalyticIntervals.PairedMeanDifference(PairedCandidate, PairedBaseline);

        Assert.Equal(IntervalMethod.PairedStudentT, result.Method);
        ReferenceAssert.Statistic(0.03375, result.Difference);
        ReferenceAssert.Statistic(0.002488917446064824, result.Interval.Lower);
        ReferenceAssert.Statistic(0.06501108255393517, result.Interval.Upper);
        ReferenceAssert.PValue(0.037943287963163784, result.PValue);
    }

    [Fact]
    public void Welch_MatchesScipyAndStatsmodels()
    {
        // statsmodels 0.13.5: CompareMeans(DescrStatsW(c), DescrStatsW(b)).tconfint_diff(alpha=0.05, usevar='unequal');
        // SciPy 1.10.1: scipy.stats.ttest_ind(c, b, equal_var=False) -> (2.7597103430358416, 0.0259017052913495)
        DifferenceEstimate result = AnalyticIntervals.WelchMeanDifference(WelchCandidate, WelchBaseline);

        Assert.Equal(IntervalMethod.WelchStudentT, result.Method);
        ReferenceAssert.Statistic(0.1432727272727271, result.Difference);
        ReferenceAssert.Statistic(0.0224746121950381, result.Interval.Lower);
        ReferenceAssert.Statistic(0.26407084235041633, result.Interval.Upper);
        ReferenceAssert.PValue(0.0259017052913495, result.PValue);
    }

    [Fact]
    public void Welch_UsesConfidenceLevel()
    {
        // statsmodels 0.13.5: CompareMeans(DescrStatsW(c), DescrStatsW(b)).tconfint_diff(alpha=0.10, usevar='unequal')
        DifferenceEstimate result = AnalyticIntervals.WelchMeanDifference(WelchCandidate, WelchBaseline, 0.90);

        ReferenceAssert.Statistic(0.046085264098100195, result.Interval.Lower);
        ReferenceAssert.Statistic(0.24046019044735423, result.Interval.Upper);
    }

    [Fact]
    public void PairedT_SinglePairIsNaN()
    {
        DifferenceEstimate result = AnalyticIntervals.PairedMeanDifference([0.9], [0.8]);

        Assert.True(double.IsNaN(result.Interval.Lower));
        Assert.True(double.IsNaN(result.PValue));
    }

    [Fact]
    public void PairedT_ConstantDifferenceGivesPointInterval()
    {
        DifferenceEstimate result = AnalyticIntervals.PairedMeanDifference([1.5, 2.5, 3.5], [1.0, 2.0, 3.0]);

        Assert.Equal(0.5, result.Interval.Lower);
        Assert.Equal(0.5, result.Interval.Upper);
        Assert.Equal(0.0, result.PValue);
    }

    [Fact]
    public void OrderStatistic_MatchesBinomialRanksForUpperQuantile()
    {
        // values = [((i*53) % 97) / 10.0 for i in 1..40], p = 0.9, n = 40 (SciPy 1.10.1, numpy 1.24.2):
        // l = scipy.stats.binom.ppf(0.025, 40, 0.9) = 32, u = scipy.stats.binom.ppf(0.975, 40, 0.9) + 1 = 40,
        // bounds sorted[l-1] = 7.3 and sorted[u-1] = 9.1, coverage binom.cdf(39) - binom.cdf(31) = 0.9697238116441209,
        // estimate numpy.quantile(values, 0.9) = 8.209999999999999.
        QuantileEstimate estimate = AnalyticIntervals.OrderStatisticQuantile(FortyDistinct, 0.9);

        ReferenceAssert.Statistic(8.209999999999999, estimate.Quantile);
        ReferenceAssert.Statistic(7.3, estimate.Interval.Lower);
        ReferenceAssert.Statistic(9.1, estimate.Interval.Upper);
        ReferenceAssert.PValue(0.9697238116441209, estimate.Coverage);
    }

    [Fact]
    public void OrderStatistic_MatchesBinomialRanksForMedian()
    {
        // Same values, p = 0.5: l = 14, u = 27, bounds 2.9 and 6.3, coverage 0.9615226917157997, estimate 4.65.
        QuantileEstimate estimate = AnalyticIntervals.OrderStatisticQuantile(FortyDistinct, 0.5);

        ReferenceAssert.Statistic(4.65, estimate.Quantile);
        ReferenceAssert.Statistic(2.9, estimate.Interval.Lower);
        ReferenceAssert.Statistic(6.3, estimate.Interval.Upper);
        ReferenceAssert.PValue(0.9615226917157997, estimate.Coverage);
    }

    [Fact]
    public void OrderStatistic_SmallSampleHasInfiniteUpperBound()
    {
        // n = 10, p = 0.95: l = scipy.stats.binom.ppf(0.025, 10, 0.95) = 8, so the lower bound is sorted[7] = 5.5;
        // u = binom.ppf(0.975, 10, 0.95) + 1 = 11 > n, so no order statistic bounds the 95th percentile from above.
        double[] values = [3.0, 1.0, 4.0, 1.5, 5.0, 9.0, 2.0, 6.0, 5.5, 3.5];

        QuantileEstimate estimate = AnalyticIntervals.OrderStatisticQuantile(values, 0.95);

        ReferenceAssert.Statistic(5.5, estimate.Interval.Lower);
        Assert.Equal(double.PositiveInfinity, estimate.Interval.Upper);
        ReferenceAssert.PValue(0.9884964426207031, estimate.Coverage);
    }

    [Fact]
    public void QuantileDifference_CombinesIntervalsBySquareAndAdd()
    {
        double[] shifted = FortyDistinct.Select(value => value + 1.0).ToArray();
        QuantileEstimate candidate = AnalyticIntervals.OrderStatisticQuantile(shifted, 0.5);
        QuantileEstimate baseline = AnalyticIntervals.OrderStatisticQuantile(FortyDistinct, 0.5);

        DifferenceEstimate result = AnalyticIntervals.QuantileDifference(shifted, FortyDistinct, 0.5);

        double expectedLower = 1.0 - Math.Sqrt(
            Math.Pow(candidate.Quantile - candidate.Interval.Lower, 2) + Math.Pow(baseline.Interval.Upper - baseline.Quantile, 2));
        double expectedUpper = 1.0 + Math.Sqrt(
            Math.Pow(candidate.Interval.Upper - candidate.Quantile, 2) + Math.Pow(baseline.Quantile - baseline.Interval.Lower, 2));
        Assert.Equal(IntervalMethod.OrderStatisticMover, result.Method);
        ReferenceAssert.Statistic(1.0, result.Difference);
        ReferenceAssert.Statistic(expectedLower, result.Interval.Lower);
        ReferenceAssert.Statistic(expectedUpper, result.Interval.Upper);
        Assert.True(double.IsNaN(result.PValue));
    }

    [Fact]
    public void OrderStatistic_CoversTrueQuantileAtNominalRate()
    {
        // 1,000 seeded standard normal samples of 200. The true 90th percentile is 1.2815515655446004
        // (scipy.stats.norm.ppf(0.9)). The guaranteed coverage is at least 95%, so at least 930 of 1,000 intervals
        // should contain it (about 2.8 binomial standard deviations below 95%).
        const double trueQuantile = 1.2815515655446004;
        int covered = 0;
        for (int simulation = 0; simulation < 1000; simulation++)
        {
            var generator = new Xoshiro256StarStar(50_000UL + (ulong)simulation);
            double[] sample = SimulatedSamples.Normal(generator, 200, 0.0, 1.0);

            QuantileEstimate estimate = AnalyticIntervals.OrderStatisticQuantile(sample, 0.9);

            if (estimate.Interval.Lower <= trueQuantile && trueQuantile <= estimate.Interval.Upper)
            {
                covered++;
            }
        }

        _output.WriteLine($"Order-statistic coverage: {covered} of 1000");
        Assert.InRange(covered, 930, 1000);
    }
}
