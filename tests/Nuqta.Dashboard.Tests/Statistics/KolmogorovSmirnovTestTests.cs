using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

// Reference values from SciPy 1.10.1: D from scipy.stats.ks_2samp(x, y).statistic, and the p-value from
// scipy.stats.kstwobign.sf(sqrt(n1*n2/(n1+n2)) * D), the limiting distribution this class uses.
public class KolmogorovSmirnovTestTests
{
    [Fact]
    public void KolmogorovSmirnov_MatchesScipyWithTies()
    {
        double[] x = [0.1, 0.4, 0.4, 0.7, 1.2, 1.5, 2.0];
        double[] y = [0.3, 0.4, 0.9, 1.1, 1.1, 2.5, 2.6, 3.0, 3.3];

        KolmogorovSmirnovResult result = KolmogorovSmirnovTest.TwoSample(x, y);

        ReferenceAssert.Statistic(0.4444444444444444, result.Statistic);
        ReferenceAssert.PValue(0.41817617944774216, result.PValue);
    }

    [Fact]
    public void KolmogorovSmirnov_MatchesScipyForLargerSamples()
    {
        // x = [((i*7919) % 10007) / 1000.0 for i in 1..200], y = [((i*6007) % 10009) / 1000.0 + 0.8 for i in 1..150]
        double[] x = Enumerable.Range(1, 200).Select(i => ((i * 7919) % 10007) / 1000.0).ToArray();
        double[] y = Enumerable.Range(1, 150).Select(i => (((i * 6007) % 10009) / 1000.0) + 0.8).ToArray();

        KolmogorovSmirnovResult result = KolmogorovSmirnovTest.TwoSample(x, y);

        ReferenceAssert.Statistic(0.105, result.Statistic);
        ReferenceAssert.PValue(0.3011019491597175, result.PValue);
    }

    [Fact]
    public void KolmogorovSmirnov_IdenticalSamplesHaveZeroDistance()
    {
        KolmogorovSmirnovResult result = KolmogorovSmirnovTest.TwoSample([1.0, 2.0, 2.0, 3.0], [3.0, 2.0, 1.0, 2.0]);

        Assert.Equal(0.0, result.Statistic);
        Assert.Equal(1.0, result.PValue);
    }

    [Fact]
    public void KolmogorovSmirnov_DisjointSamplesHaveDistanceOne()
    {
        KolmogorovSmirnovResult result = KolmogorovSmirnovTest.TwoSample([1.0, 2.0], [5.0, 6.0, 7.0]);

        Assert.Equal(1.0, result.Statistic);
    }

    [Fact]
    public void KolmogorovSmirnov_EmptySampleIsNaN()
    {
        KolmogorovSmirnovResult result = KolmogorovSmirnovTest.TwoSample([double.NaN], [1.0]);

        Assert.True(double.IsNaN(result.Statistic));
    }
}
