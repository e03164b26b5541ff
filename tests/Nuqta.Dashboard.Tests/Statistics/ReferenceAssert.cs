namespace Nuqta.Dashboard.Tests.Statistics;

/// <summary>
/// Comparisons against reference values from SciPy 1.10.1 and statsmodels 0.13.5.
/// </summary>
internal static class ReferenceAssert
{
    /// <summary>Maximum deviation of a statistic or interval bound, relative to max(1, |expected|).</summary>
    public const double StatisticTolerance = 1e-9;

    /// <summary>Maximum deviation of a p-value, relative to the expected p-value.</summary>
    public const double PValueTolerance = 1e-6;

    public static void Statistic(double expected, double actual)
    {
        Assert.Equal(expected, actual, StatisticTolerance * Math.Max(1.0, Math.Abs(expected)));
    }

    public static void PValue(double expected, double actual)
    {
        Assert.Equal(expected, actual, PValueTolerance * Math.Abs(expected));
    }
}
