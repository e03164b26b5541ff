using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

public class QuantilesTests
{
    private static readonly double[] UnsortedWithTies = [3.1, -1.2, 7.5, 0.0, 2.2, 2.2, 9.9, -4.4, 5.0];

    // numpy 1.24.2: numpy.percentile(UnsortedWithTies, [0, 10, 25, 50, 90, 95, 100], method='linear')
    [Theory]
    [InlineData(0.0, -4.4)]
    [InlineData(0.1, -1.8399999999999999)]
    [InlineData(0.25, 0.0)]
    [InlineData(0.5, 2.2)]
    [InlineData(0.9, 7.98)]
    [InlineData(0.95, 8.94)]
    [InlineData(1.0, 9.9)]
    public void Quantile_MatchesNumpyLinear(double probability, double expected)
    {
        ReferenceAssert.Statistic(expected, Quantiles.Quantile(UnsortedWithTies, probability));
    }

    [Fact]
    public void Quantile_SortedInputMatchesUnsorted()
    {
        double[] sorted = (double[])UnsortedWithTies.Clone();
        Array.Sort(sorted);

        foreach (double probability in new[] { 0.0, 0.1, 0.37, 0.5, 0.95, 1.0 })
        {
            Assert.Equal(Quantiles.Quantile(UnsortedWithTies, probability), Quantiles.QuantileOfSorted(sorted, probability));
        }
    }

    [Fact]
    public void Quantile_HandComputedCase()
    {
        // Values 10, 20, 30, 40 (n = 4). For p = 0.3, h = (n − 1)·p = 0.9, so the quantile is
        // x[0] + 0.9·(x[1] − x[0]) = 10 + 0.9·10 = 19. For p = 0.95, h = 2.85 and 30 + 0.85·10 = 38.5.
        double[] values = [40.0, 10.0, 30.0, 20.0];

        ReferenceAssert.Statistic(19.0, Quantiles.Quantile(values, 0.3));
        ReferenceAssert.Statistic(38.5, Quantiles.Quantile(values, 0.95));
    }

    [Fact]
    public void Quantile_IgnoresNaN()
    {
        // numpy 1.24.2: numpy.nanquantile([nan, 1, 5, nan, 2], [0.5, 0.9], method='linear') = [2.0, 4.4]
        double[] values = [double.NaN, 1.0, 5.0, double.NaN, 2.0];

        double[] quantiles = Quantiles.Quantile(values, [0.5, 0.9]);

        ReferenceAssert.Statistic(2.0, quantiles[0]);
        ReferenceAssert.Statistic(4.4, quantiles[1]);
    }

    [Fact]
    public void Quantile_SingleValueIsEveryQuantile()
    {
        Assert.Equal(4.2, Quantiles.Quantile([4.2], 0.0));
        Assert.Equal(4.2, Quantiles.Quantile([4.2], 0.95));
        Assert.Equal(4.2, Quantiles.Quantile([4.2], 1.0));
    }

    [Fact]
    public void Quantile_AllEqualValues()
    {
        Assert.Equal(2.0, Quantiles.Quantile([2.0, 2.0, 2.0, 2.0], 0.37));
    }

    [Fact]
    public void Quantile_EmptyOrAllNaNIsNaN()
    {
        Assert.True(double.IsNaN(Quantiles.Quantile([], 0.5)));
        Assert.True(double.IsNaN(Quantiles.Quantile([double.NaN, double.NaN], 0.5)));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    [InlineData(double.NaN)]
    public void Quantile_RejectsProbabilityOutsideUnitInterval(double probability)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.Quantile([1.0, 2.0], probability));
    }
}
