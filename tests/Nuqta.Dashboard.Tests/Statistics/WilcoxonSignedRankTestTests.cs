using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

// Reference values: SciPy 1.10.1 scipy.stats.wilcoxon with alternative='two-sided'. SciPy reports
// zstatistic for min(R+, R−), so only its absolute value is compared with ZScore, which standardizes R+.
public class WilcoxonSignedRankTestTests
{
    private static readonly double[] TenWithoutTies = [0.12, -0.05, 0.33, 0.08, -0.21, 0.41, 0.02, 0.17, -0.09, 0.26];

    private static readonly double[] TiesWithoutZeros = [0.1, -0.1, 0.2, 0.2, 0.3, -0.3, 0.3, 0.4, 0.5, 0.1, 0.6, -0.2];

    private static readonly double[] WithZeros = [0.0, 0.4, -0.1, 0.0, 0.7, 0.2, -0.3, 0.5, 0.0, 0.6, 0.2, -0.1, 0.9, 0.35];

    [Fact]
    public void Wilcoxon_ExactMatchesScipyWithoutTies()
    {
        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='exact') -> (13.0, 0.16015625)
        WilcoxonResult result = WilcoxonSignedRankTest.Test(TenWithoutTies);

        Assert.True(result.IsExact);
        ReferenceAssert.Statistic(13.0, result.Statistic);
        ReferenceAssert.Statistic(42.0, result.PositiveRankSum);
        ReferenceAssert.PValue(0.16015625, result.PValue);
    }

    [Fact]
    public void Wilcoxon_ExactAtFiftyDifferences()
    {
        // d = [((i*37) % 101) - 30.3 for i in 1..50]
        // scipy.stats.wilcoxon(d) (auto picks exact at n = 50) -> (229.0, 3.818192634774675e-05)
        double[] differences = Enumerable.Range(1, 50).Select(i => ((i * 37) % 101) - 30.3).ToArray();

        WilcoxonResult result = WilcoxonSignedRankTest.Test(differences);

        Assert.True(result.IsExact);
        ReferenceAssert.Statistic(229.0, result.Statistic);
        ReferenceAssert.PValue(3.818192634774675e-05, result.PValue);
    }

    [Fact]
    public void Wilcoxon_ApproximateAboveFiftyDifferences()
    {
        // d = [((i*37) % 101) - 30.3 for i in 1..60]
        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx')
        //   -> (315.0, 1.0009791136884498e-05), zstatistic -4.416961800975906
        double[] differences = Enumerable.Range(1, 60).Select(i => ((i * 37) % 101) - 30.3).ToArray();

        WilcoxonResult result = WilcoxonSignedRankTest.Test(differences);

        Assert.False(result.IsExact);
        ReferenceAssert.Statistic(315.0, result.Statistic);
        ReferenceAssert.Statistic(4.416961800975906, Math.Abs(result.ZScore));
        ReferenceAssert.PValue(1.0009791136884498e-05, result.PValue);
    }

    [Fact]
    public void Wilcoxon_AsymptoticMatchesScipyApprox()
    {
        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx')
        //   -> (13.0, 0.13941397332153205), zstatistic -1.4779768551691141
        WilcoxonResult result = WilcoxonSignedRankTest.Test(TenWithoutTies, method: RankTestMethod.Asymptotic);

        ReferenceAssert.Statistic(1.4779768551691141, result.ZScore);
        ReferenceAssert.PValue(0.13941397332153205, result.PValue);
    }

    [Fact]
    public void Wilcoxon_ContinuityCorrectionMatchesScipy()
    {
        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=True, method='approx')
        //   -> (13.0, 0.15357639654998376), zstatistic -1.4270121360253516
        WilcoxonResult result = WilcoxonSignedRankTest.Test(
            TenWithoutTies, continuityCorrection: true, method: RankTestMethod.Asymptotic);

        ReferenceAssert.Statistic(1.4270121360253516, result.ZScore);
        ReferenceAssert.PValue(0.15357639654998376, result.PValue);
    }

    [Fact]
    public void Wilcoxon_TiesUseTieCorrectedApproximation()
    {
        // SciPy 1.10's method='auto' would run its exact branch here. The tie-corrected normal approximation is
        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx')
        //   -> (15.0, 0.05856230219636895), zstatistic -1.8914649749738415
        WilcoxonResult result = WilcoxonSignedRankTest.Test(TiesWithoutZeros);

        Assert.False(result.IsExact);
        ReferenceAssert.Statistic(15.0, result.Statistic);
        ReferenceAssert.Statistic(1.8914649749738415, Math.Abs(result.ZScore));
        ReferenceAssert.PValue(0.05856230219636895, result.PValue);
    }

    [Fact]
    public void Wilcoxon_ZerosDroppedUnderWilcox()
    {
        // scipy.stats.wilcoxon(d, zero_method='wilcox', correction=False, method='approx')
        //   -> (8.0, 0.026083198617925456), zstatistic -2.224970797449924
        WilcoxonResult result = WilcoxonSignedRankTest.Test(WithZeros);

        Assert.False(result.IsExact);
        Assert.Equal(3, result.ZeroCount);
        Assert.Equal(11, result.Count);
        ReferenceAssert.Statistic(8.0, result.Statistic);
        ReferenceAssert.Statistic(2.224970797449924, result.ZScore);
        ReferenceAssert.PValue(0.026083198617925456, result.PValue);
    }

    [Fact]
    public void Wilcoxon_ZerosRankedUnderPratt()
    {
        // scipy.stats.wilcoxon(d, zero_method='pratt', correction=False, method='approx')
        //   -> (17.0, 0.03983261924474144), zstatistic -2.0554804791094465
        WilcoxonResult result = WilcoxonSignedRankTest.Test(WithZeros, WilcoxonZeroMethod.Pratt);

        Assert.Equal(14, result.Count);
        ReferenceAssert.Statistic(17.0, result.Statistic);
        ReferenceAssert.Statistic(2.0554804791094465, result.ZScore);
        ReferenceAssert.PValue(0.03983261924474144, result.PValue);
    }

    [Fact]
    public void Wilcoxon_PrattWithContinuityCorrection()
    {
        // scipy.stats.wilcoxon(d, zero_method='pratt', correction=True, method='approx')
        //   -> (17.0, 0.042984795070858575), zstatistic -2.0238577025077626
        WilcoxonResult result = WilcoxonSignedRankTest.Test(WithZeros, WilcoxonZeroMethod.Pratt, continuityCorrection: true);

        ReferenceAssert.Statistic(2.0238577025077626, result.ZScore);
        ReferenceAssert.PValue(0.042984795070858575, result.PValue);
    }

    [Fact]
    public void Wilcoxon_AllEqualNonzeroDifferences()
    {
        // scipy.stats.wilcoxon([0.5] * 8, method='approx') -> (0.0, 0.0046777349810472576), zstatistic -2.8284271247461903
        WilcoxonResult result = WilcoxonSignedRankTest.Test([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]);

        Assert.False(result.IsExact);
        ReferenceAssert.Statistic(2.8284271247461903, result.ZScore);
        ReferenceAssert.PValue(0.0046777349810472576, result.PValue);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-0.3)]
    public void Wilcoxon_SingleDifferenceHasPValueOne(double difference)
    {
        // scipy.stats.wilcoxon([0.3], method='exact') and ([-0.3]) -> (0.0, 1.0)
        WilcoxonResult result = WilcoxonSignedRankTest.Test([difference]);

        Assert.True(result.IsExact);
        Assert.Equal(0.0, result.Statistic);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void Wilcoxon_ExactSevenDifferences()
    {
        // scipy.stats.wilcoxon([-1.5, 1.0, -0.5, 2.0, -2.5, 3.0, 0.25], method='exact') -> (12.0, 0.8125)
        WilcoxonResult result = WilcoxonSignedRankTest.Test([-1.5, 1.0, -0.5, 2.0, -2.5, 3.0, 0.25]);

        ReferenceAssert.Statistic(12.0, result.Statistic);
        ReferenceAssert.PValue(0.8125, result.PValue);
    }

    [Fact]
    public void Wilcoxon_AllZeroDifferencesGivePValueOne()
    {
        // SciPy 1.10 raises ValueError here, but the dashboard reports no evidence of a difference instead.
        WilcoxonResult result = WilcoxonSignedRankTest.Test([0.0, 0.0, 0.0]);

        Assert.Equal(1.0, result.PValue);
        Assert.Equal(3, result.ZeroCount);
    }

    [Fact]
    public void Wilcoxon_EmptyInputIsNaN()
    {
        WilcoxonResult result = WilcoxonSignedRankTest.Test([double.NaN]);

        Assert.True(double.IsNaN(result.PValue));
        Assert.Equal(0, result.Count);
    }

    [Fact]
    public void Wilcoxon_PairedDropsIncompletePairs()
    {
        double[] baseline = [1.0, 2.0, double.NaN, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0];
        double[] candidate = new double[baseline.Length];
        int next = 0;
        for (int i = 0; i < baseline.Length; i++)
        {
            candidate[i] = i == 2 ? 0.5 : baseline[i] + TenWithoutTies[next++];
        }

        WilcoxonResult paired = WilcoxonSignedRankTest.TestPaired(candidate, baseline);
        WilcoxonResult direct = WilcoxonSignedRankTest.Test(TenWithoutTies);

        Assert.Equal(10, paired.Count);
        ReferenceAssert.Statistic(direct.Statistic, paired.Statistic);
        ReferenceAssert.PValue(direct.PValue, paired.PValue);
    }

    [Fact]
    public void Wilcoxon_ExactRejectsTies()
    {
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRankTest.Test(TiesWithoutZeros, method: RankTestMethod.Exact));
    }

    [Fact]
    public void Wilcoxon_ExactRejectsZeros()
    {
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRankTest.Test(WithZeros, method: RankTestMethod.Exact));
    }

    [Fact]
    public void Wilcoxon_PairedRejectsLengthMismatch()
    {
        Assert.Throws<ArgumentException>(() => WilcoxonSignedRankTest.TestPaired([1.0, 2.0], [1.0]));
    }
}
