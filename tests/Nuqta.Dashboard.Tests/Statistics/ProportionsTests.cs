using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

public class ProportionsTests
{
    // statsmodels 0.13.5: proportion_confint(count, nobs, alpha=0.05, method='wilson')
    [Theory]
    [InlineData(0, 10, 0.0, 0.27753279986288926)]
    [InlineData(7, 10, 0.39677814746114537, 0.8922087325936989)]
    [InlineData(10, 10, 0.7224672001371106, 1.0)]
    [InlineData(56, 70, 0.6918335550374695, 0.8769526075163705)]
    public void Wilson_MatchesStatsmodels(int successes, int trials, double lower, double upper)
    {
        ConfidenceInterval interval = Proportions.WilsonInterval(successes, trials);

        ReferenceAssert.Statistic(lower, interval.Lower);
        ReferenceAssert.Statistic(upper, interval.Upper);
    }

    // statsmodels 0.13.5: confint_proportions_2indep(count1, nobs1, count2, nobs2, method='newcomb', compare='diff')
    [Theory]
    [InlineData(56, 70, 48, 80, 0.05243147240236498, 0.33387265403690614)]
    [InlineData(0, 10, 0, 20, -0.1611251580528194, 0.27753279986288926)]
    [InlineData(10, 10, 0, 10, 0.6075093504305241, 1.0)]
    [InlineData(1, 1, 0, 1, -0.12210872068194178, 1.0)]
    [InlineData(5, 1000, 3, 12, -0.5273198466895483, -0.08380440022423302)]
    [InlineData(37, 40, 12, 15, -0.05406430369075868, 0.381608220951862)]
    public void Newcombe_MatchesStatsmodels(
        int candidateGood, int candidateCount, int baselineGood, int baselineCount, double lower, double upper)
    {
        ProportionDifference result = Proportions.NewcombeDifference(candidateGood, candidateCount, baselineGood, baselineCount);

        ReferenceAssert.Statistic(lower, result.Interval.Lower);
        ReferenceAssert.Statistic(upper, result.Interval.Upper);
    }

    [Fact]
    public void Newcombe_ReportsObservedDifference()
    {
        ProportionDifference result = Proportions.NewcombeDifference(5, 1000, 3, 12);

        ReferenceAssert.Statistic(-0.245, result.Difference);
    }

    [Fact]
    public void Newcombe_UsesAlpha()
    {
        // statsmodels 0.13.5: confint_proportions_2indep(56, 70, 48, 80, method='newcomb', compare='diff', alpha=0.1)
        ProportionDifference result = Proportions.NewcombeDifference(56, 70, 48, 80, alpha: 0.1);

        ReferenceAssert.Statistic(0.07656419154407207, result.Interval.Lower);
        ReferenceAssert.Statistic(0.31364458358294384, result.Interval.Upper);
    }

    [Fact]
    public void Newcombe_EmptySampleIsNaN()
    {
        ProportionDifference result = Proportions.NewcombeDifference(0, 0, 3, 12);

        Assert.True(double.IsNaN(result.Interval.Lower));
    }

    // Hand computation of Newcombe's paired method 10 (see Proportions.NewcombePairedDifference): Wilson limits
    // from statsmodels 0.13.5 proportion_confint(k, n, method='wilson'), then the square-and-add formula with
    // the corrected phi, evaluated in Python 3.11 double precision. For (a, b, c, d) = (50, 12, 5, 33):
    //   n = 100, p1 = 0.62, p2 = 0.55, D = 0.07
    //   (l1, u1) = (0.5220975529551107, 0.7090240074752127), (l2, u2) = (0.4524460299744213, 0.6438546202048803)
    //   A = ad - bc = 1650 - 60 = 1590 > n/2, so phi = (1590 - 50) / sqrt(62 * 38 * 55 * 45) = 0.637742670687969
    //   lower = D - sqrt((p1 - l1)^2 - 2 phi (p1 - l1)(u2 - p2) + (u2 - p2)^2) = -0.011692460543216557
    //   upper = D + sqrt((u1 - p1)^2 - 2 phi (u1 - p1)(p2 - l2) + (p2 - l2)^2) = 0.14978040565865242
    // The other rows: (2, 8, 6, 4) has A = -40 < 0, so phi = A / sqrt(efgh) = -0.408248290463863;
    // (1, 1, 7, 12) has 0 <= A = 5 <= n/2, so phi = 0. (59, 6, 16, 80) has phi = 0.7161737195063973.
    [Theory]
    [InlineData(50, 12, 5, 33, -0.011692460543216557, 0.14978040565865242)]
    [InlineData(2, 8, 6, 4, -0.24756606024148414, 0.42063216768184053)]
    [InlineData(1, 1, 7, 12, -0.506920226686141, -0.025559124164859837)]
    [InlineData(59, 6, 16, 80, -0.11862119563870999, -0.004625113933050061)]
    [InlineData(10, 0, 0, 0, -0.27753279986288937, 0.27753279986288937)]
    public void NewcombePaired_MatchesHandComputation(int both, int candidateOnly, int baselineOnly, int neither, double lower, double upper)
    {
        var table = new PairedOutcomeTable(both, candidateOnly, baselineOnly, neither);

        ProportionDifference result = Proportions.NewcombePairedDifference(table);

        ReferenceAssert.Statistic(lower, result.Interval.Lower);
        ReferenceAssert.Statistic(upper, result.Interval.Upper);
    }

    [Fact]
    public void NewcombePaired_ZeroPhiEqualsIndependentInterval()
    {
        // With phi = 0 the paired formula reduces to the independent one at n1 = n2 = n.
        // statsmodels 0.13.5: confint_proportions_2indep(10, 20, 10, 20, method='newcomb') for (5, 5, 5, 5), A = 0,
        // and confint_proportions_2indep(0, 10, 7, 10, method='newcomb') for (0, 0, 7, 3), a zero margin.
        ProportionDifference balanced = Proportions.NewcombePairedDifference(new PairedOutcomeTable(5, 5, 5, 5));
        ProportionDifference zeroMargin = Proportions.NewcombePairedDifference(new PairedOutcomeTable(0, 0, 7, 3));

        ReferenceAssert.Statistic(-0.28383547880138194, balanced.Interval.Lower);
        ReferenceAssert.Statistic(0.28383547880138194, balanced.Interval.Upper);
        ReferenceAssert.Statistic(-0.8922087325936989, zeroMargin.Interval.Lower);
        ReferenceAssert.Statistic(-0.28894289100317283, zeroMargin.Interval.Upper);
    }

    [Fact]
    public void NewcombePaired_ReportsDifferenceOfDiscordantCounts()
    {
        ProportionDifference result = Proportions.NewcombePairedDifference(new PairedOutcomeTable(50, 12, 5, 33));

        ReferenceAssert.Statistic(0.07, result.Difference);
    }

    [Fact]
    public void PairedTable_CountsOutcomes()
    {
        bool[] candidate = [true, true, false, false, true, false, true];
        bool[] baseline = [true, false, true, false, true, false, false];

        PairedOutcomeTable table = PairedOutcomeTable.FromOutcomes(candidate, baseline);

        Assert.Equal(new PairedOutcomeTable(BothGood: 2, CandidateOnlyGood: 2, BaselineOnlyGood: 1, NeitherGood: 2), table);
        Assert.Equal(7, table.Count);
    }

    [Fact]
    public void PairedTable_RejectsLengthMismatch()
    {
        Assert.Throws<ArgumentException>(() => PairedOutcomeTable.FromOutcomes([true], [true, false]));
    }

    // statsmodels 0.13.5: mcnemar([[20, b], [c, 40]], exact=True) -> (statistic, pvalue)
    [Theory]
    [InlineData(12, 5, 5.0, 0.143463134765625)]
    [InlineData(0, 0, 0.0, 1.0)]
    [InlineData(7, 7, 7.0, 1.0)]
    [InlineData(1, 0, 0.0, 1.0)]
    [InlineData(30, 55, 30.0, 0.008836205876094518)]
    [InlineData(0, 9, 0.0, 0.00390625)]
    public void McNemar_ExactMatchesStatsmodels(int candidateOnly, int baselineOnly, double statistic, double pValue)
    {
        HypothesisTestResult result = Proportions.McNemarExact(new PairedOutcomeTable(20, candidateOnly, baselineOnly, 40));

        ReferenceAssert.Statistic(statistic, result.Statistic);
        ReferenceAssert.PValue(pValue, result.PValue);
    }

    // statsmodels 0.13.5: proportions_ztest([count1, count2], [nobs1, nobs2]) -> (zstat, pvalue), pooled variance
    [Theory]
    [InlineData(56, 70, 48, 80, 2.6501719512585336, 0.00804508136819656)]
    [InlineData(5, 1000, 3, 12, -9.526538210645274, 1.6261554146985306e-21)]
    [InlineData(10, 10, 0, 10, 4.47213595499958, 7.74421643104407e-06)]
    [InlineData(1, 1, 0, 1, 1.414213562373095, 0.15729920705028516)]
    public void ZTest_PooledMatchesStatsmodels(
        int candidateGood, int candidateCount, int baselineGood, int baselineCount, double z, double pValue)
    {
        HypothesisTestResult result = Proportions.TwoProportionZTest(candidateGood, candidateCount, baselineGood, baselineCount);

        ReferenceAssert.Statistic(z, result.Statistic);
        ReferenceAssert.PValue(pValue, result.PValue);
    }

    [Fact]
    public void ZTest_ZeroPooledVarianceGivesPValueOne()
    {
        // statsmodels 0.13.5 proportions_ztest([0, 0], [10, 20]) returns (nan, nan).
        HypothesisTestResult result = Proportions.TwoProportionZTest(0, 10, 0, 20);

        Assert.Equal(0.0, result.Statistic);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Proportions_RejectSuccessesAboveTrials()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.WilsonInterval(11, 10));
    }

    [Fact]
    public void Proportions_RejectNegativeCell()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Proportions.McNemarExact(new PairedOutcomeTable(1, -1, 0, 0)));
    }
}
