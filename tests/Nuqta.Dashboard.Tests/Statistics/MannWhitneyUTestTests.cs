using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

// Reference values: SciPy 1.10.1 scipy.stats.mannwhitneyu(x, y, alternative='two-sided', ...), which reports U1,
// the statistic of x. The method SciPy's 'auto' picked was read from scipy.stats._mannwhitneyu._mwu_choose_method.
public class MannWhitneyUTestTests
{
    private static readonly double[] SmallX = [1.3, 2.7, 0.4, 3.9, 2.2];

    private static readonly double[] SmallY = [1.1, 0.2, 1.9, 0.7, 3.1, 0.9, 2.5];

    private static readonly double[] EightX = [0.15, 1.35, 2.55, 0.85, 3.05, 1.95, 2.25, 0.45];

    private static readonly double[] TwelveY = [0.1, 0.3, 0.5, 0.7, 0.9, 1.1, 1.3, 1.5, 1.7, 1.9, 2.1, 2.3];

    private static readonly double[] TiedX = [1, 2, 2, 3, 4, 4, 5];

    private static readonly double[] TiedY = [2, 3, 3, 4, 6, 6, 7, 8];

    [Fact]
    public void MannWhitney_ExactMatchesScipyForSmallSamples()
    {
        // scipy.stats.mannwhitneyu(x, y) ('auto' -> exact) -> (23.0, 0.4318181818181819)
        MannWhitneyResult result = MannWhitneyUTest.Test(SmallX, SmallY);

        Assert.True(result.IsExact);
        ReferenceAssert.Statistic(23.0, result.U1);
        ReferenceAssert.Statistic(12.0, result.U2);
        ReferenceAssert.PValue(0.4318181818181819, result.PValue);
    }

    [Fact]
    public void MannWhitney_AsymptoticMatchesScipyForSmallSamples()
    {
        // scipy.stats.mannwhitneyu(x, y, method='asymptotic') -> (23.0, 0.41679281184762706)
        MannWhitneyResult result = MannWhitneyUTest.Test(SmallX, SmallY, method: RankTestMethod.Asymptotic);

        Assert.False(result.IsExact);
        ReferenceAssert.PValue(0.41679281184762706, result.PValue);
    }

    [Fact]
    public void MannWhitney_AsymptoticWithoutContinuityCorrection()
    {
        // scipy.stats.mannwhitneyu(x, y, method='asymptotic', use_continuity=False) -> (23.0, 0.3717512896455607)
        MannWhitneyResult result = MannWhitneyUTest.Test(
            SmallX, SmallY, continuityCorrection: false, method: RankTestMethod.Asymptotic);

        ReferenceAssert.PValue(0.3717512896455607, result.PValue);
    }

    [Fact]
    public void MannWhitney_ExactWhenSmallerSampleIsEight()
    {
        // scipy.stats.mannwhitneyu(x8, y12) ('auto' -> exact, since not both sizes exceed 8) -> (59.0, 0.42686353893784235)
        MannWhitneyResult result = MannWhitneyUTest.Test(EightX, TwelveY);

        Assert.True(result.IsExact);
        ReferenceAssert.Statistic(59.0, result.U1);
        ReferenceAssert.PValue(0.42686353893784235, result.PValue);
    }

    [Fact]
    public void MannWhitney_AsymptoticWhenBothSamplesExceedEight()
    {
        // scipy.stats.mannwhitneyu(x8 + [2.75], y12[:10]) ('auto' -> asymptotic) -> (64.0, 0.1309111278962908)
        double[] nineX = [.. EightX, 2.75];
        double[] tenY = TwelveY[..10];

        MannWhitneyResult result = MannWhitneyUTest.Test(nineX, tenY);

        Assert.False(result.IsExact);
        ReferenceAssert.Statistic(64.0, result.U1);
        ReferenceAssert.PValue(0.1309111278962908, result.PValue);
    }

    [Fact]
    public void MannWhitney_AsymptoticWithoutCorrectionAboveEight()
    {
        // scipy.stats.mannwhitneyu(x8 + [2.75], y12[:10], use_continuity=False) -> (64.0, 0.12081938653567083)
        double[] nineX = [.. EightX, 2.75];
        double[] tenY = TwelveY[..10];

        MannWhitneyResult result = MannWhitneyUTest.Test(nineX, tenY, continuityCorrection: false);

        ReferenceAssert.PValue(0.12081938653567083, result.PValue);
    }

    [Fact]
    public void MannWhitney_TiesUseTieCorrectedApproximation()
    {
        // scipy.stats.mannwhitneyu([1,2,2,3,4,4,5], [2,3,3,4,6,6,7,8]) ('auto' -> asymptotic) -> (14.0, 0.11392892811978714)
        MannWhitneyResult result = MannWhitneyUTest.Test(TiedX, TiedY);

        Assert.False(result.IsExact);
        ReferenceAssert.Statistic(14.0, result.U1);
        ReferenceAssert.PValue(0.11392892811978714, result.PValue);
    }

    [Fact]
    public void MannWhitney_TiesWithoutContinuityCorrection()
    {
        // scipy.stats.mannwhitneyu([1,2,2,3,4,4,5], [2,3,3,4,6,6,7,8], use_continuity=False) -> (14.0, 0.10114563753477031)
        MannWhitneyResult result = MannWhitneyUTest.Test(TiedX, TiedY, continuityCorrection: false);

        ReferenceAssert.PValue(0.10114563753477031, result.PValue);
    }

    [Fact]
    public void MannWhitney_SingleValueFirstSample()
    {
        // scipy.stats.mannwhitneyu([5.5], [1, 2, 6, 7, 8, 9]) ('auto' -> exact) -> (2.0, 0.8571428571428571)
        MannWhitneyResult result = MannWhitneyUTest.Test([5.5], [1.0, 2.0, 6.0, 7.0, 8.0, 9.0]);

        Assert.True(result.IsExact);
        ReferenceAssert.Statistic(2.0, result.U1);
        ReferenceAssert.PValue(0.8571428571428571, result.PValue);
    }

    [Fact]
    public void MannWhitney_AllEqualValues()
    {
        // scipy.stats.mannwhitneyu([1.0, 1.0, 1.0], [1.0, 1.0]) ('auto' -> asymptotic) -> (3.0, 1.0)
        MannWhitneyResult result = MannWhitneyUTest.Test([1.0, 1.0, 1.0], [1.0, 1.0]);

        ReferenceAssert.Statistic(3.0, result.U1);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void MannWhitney_ExactForVeryUnequalSizes()
    {
        // y = [((i*7919) % 10007) / 100.0 for i in 1..300]
        // scipy.stats.mannwhitneyu(x, y) ('auto' -> exact) -> (1106.0, 0.7118995713904264)
        double[] x = [12.345, 40.005, 77.775, 3.215, 55.555, 91.115, 23.465, 66.605];
        double[] y = Enumerable.Range(1, 300).Select(i => ((i * 7919) % 10007) / 100.0).ToArray();

        MannWhitneyResult result = MannWhitneyUTest.Test(x, y);

        Assert.True(result.IsExact);
        ReferenceAssert.Statistic(1106.0, result.U1);
        ReferenceAssert.PValue(0.7118995713904264, result.PValue);
    }

    [Fact]
    public void MannWhitney_ExactThreeAgainstForty()
    {
        // y = [i / 10.0 + 0.05 for i in 0..39]
        // scipy.stats.mannwhitneyu([0.5, 0.6, 0.7], y) ('auto' -> exact) -> (18.0, 0.04440482943035411)
        double[] y = Enumerable.Range(0, 40).Select(i => (i / 10.0) + 0.05).ToArray();

        MannWhitneyResult result = MannWhitneyUTest.Test([0.5, 0.6, 0.7], y);

        Assert.True(result.IsExact);
        ReferenceAssert.Statistic(18.0, result.U1);
        ReferenceAssert.PValue(0.04440482943035411, result.PValue);
    }

    [Fact]
    public void MannWhitney_ZScoreSignFollowsFirstSample()
    {
        MannWhitneyResult higherFirst = MannWhitneyUTest.Test(TiedY, TiedX);
        MannWhitneyResult lowerFirst = MannWhitneyUTest.Test(TiedX, TiedY);

        Assert.True(higherFirst.ZScore > 0.0);
        Assert.True(lowerFirst.ZScore < 0.0);
        Assert.Equal(higherFirst.PValue, lowerFirst.PValue, 1e-15);
    }

    [Fact]
    public void MannWhitney_DropsNaN()
    {
        MannWhitneyResult withNaN = MannWhitneyUTest.Test([1.3, double.NaN, 2.7, 0.4, 3.9, 2.2], SmallY);
        MannWhitneyResult withoutNaN = MannWhitneyUTest.Test(SmallX, SmallY);

        Assert.Equal(withoutNaN, withNaN);
    }

    [Fact]
    public void MannWhitney_EmptySampleIsNaN()
    {
        MannWhitneyResult result = MannWhitneyUTest.Test([], SmallY);

        Assert.True(double.IsNaN(result.PValue));
    }

    [Fact]
    public void MannWhitney_ExactRejectsTies()
    {
        Assert.Throws<ArgumentException>(() => MannWhitneyUTest.Test(TiedX, TiedY, method: RankTestMethod.Exact));
    }
}
