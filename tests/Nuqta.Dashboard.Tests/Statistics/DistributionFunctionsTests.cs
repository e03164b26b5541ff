using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

public class DistributionFunctionsTests
{
    // SciPy 1.10.1: scipy.stats.t.ppf(0.975, df) and scipy.stats.t.ppf(0.05, df)
    [Theory]
    [InlineData(1.0, 12.706204736432095, -6.313751514800938)]
    [InlineData(2.0, 4.302652729911275, -2.9199855803555175)]
    [InlineData(5.0, 2.5705818366147395, -2.0150483726691575)]
    [InlineData(29.5, 2.043724966772122, -1.6981776387974692)]
    [InlineData(1000.0, 1.9623390808264074, -1.6463788172854645)]
    public void StudentTQuantile_MatchesScipy(double degreesOfFreedom, double upper, double lower)
    {
        ReferenceAssert.Statistic(upper, DistributionFunctions.StudentTQuantile(0.975, degreesOfFreedom));
        ReferenceAssert.Statistic(lower, DistributionFunctions.StudentTQuantile(0.05, degreesOfFreedom));
    }

    // SciPy 1.10.1: scipy.stats.kstwobign.sf(lambda), on both sides of the series switch at 1.18
    [Theory]
    [InlineData(0.2, 0.999999999999495)]
    [InlineData(0.5, 0.9639452436648751)]
    [InlineData(0.8, 0.5441424115741981)]
    [InlineData(1.0, 0.26999967167735456)]
    [InlineData(1.17, 0.12939004218561884)]
    [InlineData(1.19, 0.11774229287977166)]
    [InlineData(1.5, 0.022217962616525127)]
    [InlineData(2.5, 7.453306344157342e-06)]
    [InlineData(4.0, 2.532833109818835e-14)]
    public void KolmogorovSurvival_MatchesScipyKstwobign(double lambda, double expected)
    {
        ReferenceAssert.PValue(expected, DistributionFunctions.KolmogorovSurvival(lambda));
    }

    [Fact]
    public void BinomialQuantile_IsSmallestCountReachingProbability()
    {
        // Binomial(10, 0.5): P(X <= 1) = 11/1024 = 0.0107 and P(X <= 2) = 56/1024 = 0.0547.
        Assert.Equal(2, DistributionFunctions.BinomialQuantile(0.025, 10, 0.5));
        Assert.Equal(1, DistributionFunctions.BinomialQuantile(11.0 / 1024.0, 10, 0.5));
    }
}
