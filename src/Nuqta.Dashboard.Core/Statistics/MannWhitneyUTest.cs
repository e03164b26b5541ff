namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Result of a two-sided Mann-Whitney U test.
/// </summary>
/// <param name="U1">U statistic of the first sample: the number of pairs (x, y) with x &gt; y, ties counting ½.
/// scipy.stats.mannwhitneyu reports this value.</param>
/// <param name="U2">U statistic of the second sample, n₁·n₂ − U1.</param>
/// <param name="PValue">Two-sided p-value, or NaN when either sample is empty after dropping NaN.</param>
/// <param name="ZScore">
/// Standardized U1, positive when the first sample tends to be larger, with the continuity correction
/// applied toward the mean. NaN for the exact method.
/// </param>
/// <param name="IsExact">True when the p-value comes from the exact null distribution of U.</param>
public sealed record MannWhitneyResult(double U1, double U2, double PValue, double ZScore, bool IsExact);

/// <summary>
/// Two-sided Mann-Whitney U (Wilcoxon rank-sum) test for two independent samples, matching
/// scipy.stats.mannwhitneyu in SciPy 1.10 with alternative='two-sided'.
/// </summary>
/// <remarks>
/// <para>
/// Method choice under <see cref="RankTestMethod.Auto"/> follows SciPy 1.10's _mwu_choose_method: the exact
/// distribution when min(n₁, n₂) ≤ <see cref="MaxAutoExactSmallerSize"/> and the pooled sample has no ties,
/// the normal approximation otherwise. SciPy's docstring states "less than 8", but its code tests
/// "n1 &gt; 8 and n2 &gt; 8" for the asymptotic branch, so a sample of exactly 8 still gets the exact method.
/// </para>
/// <para>
/// The normal approximation uses the tie-corrected variance n₁n₂/12·((n + 1) − Σ(t³ − t)/(n(n − 1))) and,
/// by default, the continuity correction of 0.5 as SciPy's use_continuity=True.
/// </para>
/// </remarks>
public static class MannWhitneyUTest
{
    /// <summary>Maximum size of the smaller sample for which <see cref="RankTestMethod.Auto"/> may pick the exact method (SciPy 1.10: 8).</summary>
    public const int MaxAutoExactSmallerSize = 8;

    /// <summary>
    /// Tests whether the distributions underlying <paramref name="x"/> and <paramref name="y"/> are equal.
    /// NaN values are dropped from each sample.
    /// </summary>
    /// <param name="x">First sample, for example the candidate scores.</param>
    /// <param name="y">Second sample, for example the baseline scores.</param>
    /// <param name="continuityCorrection">Whether the normal approximation applies a 0.5 continuity correction, on by default.</param>
    /// <param name="method">P-value method, <see cref="RankTestMethod.Auto"/> by default.</param>
    /// <returns>
    /// The test result. When every pooled value is equal, the tie-corrected variance is zero and the
    /// p-value is 1 (SciPy returns 1 with the continuity correction and NaN without it).
    /// </returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="method"/> is <see cref="RankTestMethod.Exact"/> and the pooled sample has ties, or the
    /// number of arrangements C(n₁ + n₂, n₁) exceeds 10³⁰⁰ and would overflow a double.
    /// </exception>
    public static MannWhitneyResult Test(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        bool continuityCorrection = true,
        RankTestMethod method = RankTestMethod.Auto)
    {
        double[] first = SampleData.WithoutNaN(x);
        double[] second = SampleData.WithoutNaN(y);
        int n1 = first.Length;
        int n2 = second.Length;
        if (n1 == 0 || n2 == 0)
        {
            return new MannWhitneyResult(double.NaN, double.NaN, double.NaN, double.NaN, false);
        }

        var pooled = new double[n1 + n2];
        first.CopyTo(pooled, 0);
        second.CopyTo(pooled, n1);
        double[] ranks = Ranking.AverageRanks(pooled, out List<(double Value, int Size)> tieSizes);

        double firstRankSum = 0.0;
        for (int i = 0; i < n1; i++)
        {
            firstRankSum += ranks[i];
        }

        double u1 = firstRankSum - (n1 * (n1 + 1.0) / 2.0);
        double u2 = ((double)n1 * n2) - u1;

        bool exact = ChooseExact(method, n1, n2, tieSizes.Count > 0);
        if (exact)
        {
            // With no ties U is an integer, and the two-sided p-value doubles the lower tail at min(U1, U2).
            int smallerU = (int)Math.Min(u1, u2);
            double lowerTail = ExactLowerTail(n1, n2, smallerU);
            return new MannWhitneyResult(u1, u2, Math.Min(1.0, 2.0 * lowerTail), double.NaN, true);
        }

        double n = n1 + n2;
        double mean = n1 * (double)n2 / 2.0;
        double variance = n1 * (double)n2 / 12.0 * ((n + 1.0) - (Ranking.TieTerm(tieSizes) / (n * (n - 1.0))));
        if (!(variance > 0.0))
        {
            return new MannWhitneyResult(u1, u2, 1.0, 0.0, false);
        }

        double standardDeviation = Math.Sqrt(variance);
        double deviation = u1 - mean;
        double correction = continuityCorrection ? 0.5 : 0.0;

        // SciPy standardizes max(U1, U2) − mean − 0.5 and clips the doubled tail at 1. A |deviation| below 0.5
        // thus gives a negative z there and a p-value of 1, and the same arithmetic on |deviation| does so here.
        double magnitude = (Math.Abs(deviation) - correction) / standardDeviation;
        double pValue = Math.Min(1.0, 2.0 * MathNet.Numerics.Distributions.Normal.CDF(0.0, 1.0, -magnitude));
        double z = Math.Sign(deviation) * magnitude;
        return new MannWhitneyResult(u1, u2, pValue, z, false);
    }

    private static bool ChooseExact(RankTestMethod method, int n1, int n2, bool hasTies)
    {
        switch (method)
        {
            case RankTestMethod.Asymptotic:
                return false;
            case RankTestMethod.Exact:
                if (hasTies)
                {
                    throw new ArgumentException(
                        "The exact Mann-Whitney p-value requires a pooled sample without ties. " +
                        "Use RankTestMethod.Auto or Asymptotic.",
                        nameof(method));
                }

                double logArrangements = MathNet.Numerics.SpecialFunctions.FactorialLn(n1 + n2)
                    - MathNet.Numerics.SpecialFunctions.FactorialLn(n1)
                    - MathNet.Numerics.SpecialFunctions.FactorialLn(n2);
                if (logArrangements > 300.0 * Math.Log(10.0))
                {
                    throw new ArgumentException(
                        $"The exact Mann-Whitney p-value cannot handle sample sizes {n1} and {n2}: " +
                        "C(n1 + n2, n1) exceeds 1e300. Use RankTestMethod.Auto or Asymptotic.",
                        nameof(method));
                }

                return true;
            default:
                return Math.Min(n1, n2) <= MaxAutoExactSmallerSize && !hasTies;
        }
    }

    /// <summary>
    /// Returns P(U ≤ <paramref name="maxU"/>) under the null hypothesis for sample sizes n₁ and n₂.
    /// </summary>
    /// <remarks>
    /// The number of arrangements with U = k is the coefficient of q^k in the Gaussian binomial coefficient
    /// [n₁ + n₂ choose m]_q = Π_{j=1..m} (1 − q^(n+j)) / (1 − q^j), with m the smaller and n the larger size.
    /// Each step multiplies by (1 − q^(n+j)) and divides by (1 − q^j), a strided running sum, so the partial
    /// product after step j is [n + j choose j]_q. Only coefficients up to <paramref name="maxU"/> are kept,
    /// which costs O(m·maxU) time and O(maxU) memory, and the division by C(n₁ + n₂, m) turns counts into
    /// probabilities.
    /// </remarks>
    private static double ExactLowerTail(int n1, int n2, int maxU)
    {
        int m = Math.Min(n1, n2);
        int n = Math.Max(n1, n2);
        var counts = new double[maxU + 1];
        counts[0] = 1.0;
        double arrangements = 1.0;
        for (int j = 1; j <= m; j++)
        {
            int shift = n + j;
            for (int k = maxU; k >= shift; k--)
            {
                counts[k] -= counts[k - shift];
            }

            for (int k = j; k <= maxU; k++)
            {
                counts[k] += counts[k - j];
            }

            arrangements = arrangements * (n + j) / j;
        }

        double total = 0.0;
        foreach (double count in counts)
        {
            total += count;
        }

        return total / arrangements;
    }
}
