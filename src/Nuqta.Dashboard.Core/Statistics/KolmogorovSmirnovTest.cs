namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Result of a two-sample Kolmogorov-Smirnov test.
/// </summary>
/// <param name="Statistic">D = sup |F₁(x) − F₂(x)| over the two empirical CDFs.</param>
/// <param name="PValue">Asymptotic two-sided p-value, as described at <see cref="KolmogorovSmirnovTest.TwoSample"/>.</param>
public sealed record KolmogorovSmirnovResult(double Statistic, double PValue);

/// <summary>
/// Two-sample Kolmogorov-Smirnov test of equal distributions.
/// </summary>
public static class KolmogorovSmirnovTest
{
    /// <summary>
    /// Computes D, as scipy.stats.ks_2samp(x, y).statistic, and the p-value P(K &gt; √(n₁n₂/(n₁ + n₂))·D)
    /// from the limiting Kolmogorov distribution, as scipy.stats.kstwobign.sf. NaN values are dropped, and an
    /// empty sample gives NaN.
    /// </summary>
    /// <remarks>
    /// NOTE: the limiting distribution is accurate for large samples only. For small samples SciPy 1.10's
    /// ks_2samp computes an exact p-value, and its method='asymp' uses the finite-n one-sample distribution
    /// at the rounded effective size, so both differ from this p-value.
    /// </remarks>
    public static KolmogorovSmirnovResult TwoSample(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        return TwoSampleOfSorted(SampleData.SortedWithoutNaN(x), SampleData.SortedWithoutNaN(y));
    }

    /// <summary>
    /// <see cref="TwoSample"/> of samples already sorted ascending without NaN, without the copies
    /// and sorts; the order is not checked.
    /// </summary>
    internal static KolmogorovSmirnovResult TwoSampleOfSorted(ReadOnlySpan<double> first, ReadOnlySpan<double> second)
    {
        int n1 = first.Length;
        int n2 = second.Length;
        if (n1 == 0 || n2 == 0)
        {
            return new KolmogorovSmirnovResult(double.NaN, double.NaN);
        }

        // Merge walk: step past every copy of the next smallest value in both samples before comparing the
        // CDFs, so that tied values move both CDFs together.
        int i = 0;
        int j = 0;
        double maxDistance = 0.0;
        while (i < n1 && j < n2)
        {
            double value = Math.Min(first[i], second[j]);
            while (i < n1 && first[i] == value)
            {
                i++;
            }

            while (j < n2 && second[j] == value)
            {
                j++;
            }

            double distance = Math.Abs(((double)i / n1) - ((double)j / n2));
            maxDistance = Math.Max(maxDistance, distance);
        }

        double effectiveSize = n1 * (double)n2 / (n1 + n2);
        double pValue = DistributionFunctions.KolmogorovSurvival(Math.Sqrt(effectiveSize) * maxDistance);
        return new KolmogorovSmirnovResult(maxDistance, pValue);
    }
}
