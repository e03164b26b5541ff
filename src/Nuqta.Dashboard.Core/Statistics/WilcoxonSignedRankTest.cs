using System.Buffers;

namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Treatment of zero differences in the Wilcoxon signed-rank test, as the zero_method argument of
/// scipy.stats.wilcoxon.
/// </summary>
public enum WilcoxonZeroMethod
{
    /// <summary>Drops zero differences before ranking (Wilcoxon's original rule, SciPy's default).</summary>
    Wilcox,

    /// <summary>
    /// Ranks zero differences with the others, then drops their ranks (Pratt's rule). The normal approximation
    /// subtracts the zeros' share of the mean and variance.
    /// </summary>
    Pratt,
}

/// <summary>
/// Result of a two-sided Wilcoxon signed-rank test.
/// </summary>
/// <param name="Statistic">min(R⁺, R⁻), the statistic scipy.stats.wilcoxon reports for a two-sided test.</param>
/// <param name="PositiveRankSum">R⁺, the sum of the ranks of |d| over positive differences.</param>
/// <param name="NegativeRankSum">R⁻, the sum of the ranks of |d| over negative differences.</param>
/// <param name="PValue">Two-sided p-value, or NaN when no difference remains after dropping NaN.</param>
/// <param name="ZScore">
/// Standardized R⁺, positive when positive differences dominate. NaN for the exact method.
/// Its absolute value equals that of SciPy's zstatistic, which standardizes min(R⁺, R⁻) instead.
/// </param>
/// <param name="Count">Number of differences ranked: zeros excluded under Wilcox, included under Pratt.</param>
/// <param name="ZeroCount">Number of zero differences in the input.</param>
/// <param name="IsExact">True when the p-value comes from the exact null distribution.</param>
public sealed record WilcoxonResult(
    double Statistic,
    double PositiveRankSum,
    double NegativeRankSum,
    double PValue,
    double ZScore,
    int Count,
    int ZeroCount,
    bool IsExact);

/// <summary>
/// Two-sided Wilcoxon signed-rank test for paired differences, matching scipy.stats.wilcoxon in SciPy 1.10
/// with alternative='two-sided'.
/// </summary>
/// <remarks>
/// <para>
/// Method choice under <see cref="RankTestMethod.Auto"/>: the exact null distribution of R⁺ when at most
/// <see cref="MaxAutoExactCount"/> differences remain and none is zero or tied, otherwise the normal
/// approximation. SciPy 1.10's method='auto' also falls back for zeros, but it keeps the exact method when
/// nonzero |d| are tied, which truncates a fractional R⁺. This class uses the normal approximation with tie
/// correction for tied data instead, which equals SciPy's method='approx'.
/// </para>
/// <para>
/// Continuity correction: off by default, as SciPy's correction=False. When on, |R⁺ − mean| is reduced
/// by 0.5 before standardizing.
/// </para>
/// </remarks>
public static class WilcoxonSignedRankTest
{
    /// <summary>Maximum number of differences for which <see cref="RankTestMethod.Auto"/> picks the exact method (SciPy 1.10: 50).</summary>
    public const int MaxAutoExactCount = 50;

    /// <summary>
    /// Maximum number of differences accepted with <see cref="RankTestMethod.Exact"/>, because the exact
    /// distribution costs O(n³) time, about 5·10⁸ additions at this size.
    /// </summary>
    public const int MaxExactCount = 1000;

    /// <summary>
    /// Tests whether paired differences d = candidate − baseline are symmetric about zero.
    /// NaN differences are dropped.
    /// </summary>
    /// <param name="differences">Paired differences, candidate minus baseline.</param>
    /// <param name="zeroMethod">Treatment of zero differences, <see cref="WilcoxonZeroMethod.Wilcox"/> by default.</param>
    /// <param name="continuityCorrection">Whether the normal approximation applies a 0.5 continuity correction, off by default.</param>
    /// <param name="method">P-value method, <see cref="RankTestMethod.Auto"/> by default.</param>
    /// <returns>
    /// The test result. When every difference is zero the p-value is 1 and R⁺ = R⁻ = 0, where SciPy 1.10
    /// raises ValueError. An empty input gives NaN statistic and p-value.
    /// </returns>
    /// <exception cref="ArgumentException">
    /// <paramref name="method"/> is <see cref="RankTestMethod.Exact"/> and the differences contain zeros or ties,
    /// or more than <see cref="MaxExactCount"/> values.
    /// </exception>
    public static WilcoxonResult Test(
        ReadOnlySpan<double> differences,
        WilcoxonZeroMethod zeroMethod = WilcoxonZeroMethod.Wilcox,
        bool continuityCorrection = false,
        RankTestMethod method = RankTestMethod.Auto)
    {
        using RentedValues present = RentedValues.WithoutNaN(differences);
        return TestPresent(present.Span, zeroMethod, continuityCorrection, method);
    }

    /// <summary>
    /// Tests paired samples that have no NaN on either side, as <see cref="TestPaired"/> does after
    /// dropping incomplete pairs, without copying them.
    /// </summary>
    internal static WilcoxonResult TestCompletePairs(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        WilcoxonZeroMethod zeroMethod = WilcoxonZeroMethod.Wilcox,
        bool continuityCorrection = false,
        RankTestMethod method = RankTestMethod.Auto)
    {
        double[] differences = ArrayPool<double>.Shared.Rent(Math.Max(candidate.Length, 1));
        try
        {
            // Infinite values on both sides give a NaN difference, which is dropped as a missing one.
            int count = 0;
            for (int i = 0; i < candidate.Length; i++)
            {
                double difference = candidate[i] - baseline[i];
                if (!double.IsNaN(difference))
                {
                    differences[count++] = difference;
                }
            }

            return TestPresent(differences.AsSpan(0, count), zeroMethod, continuityCorrection, method);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(differences);
        }
    }

    // Tests differences without NaN. The magnitudes are sorted once with each one's sign beside it,
    // so the signed rank sums come from one walk over the sorted magnitudes.
    private static WilcoxonResult TestPresent(
        ReadOnlySpan<double> present,
        WilcoxonZeroMethod zeroMethod,
        bool continuityCorrection,
        RankTestMethod method)
    {
        if (present.Length == 0)
        {
            return new WilcoxonResult(double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 0, 0, false);
        }

        int zeroCount = 0;
        foreach (double difference in present)
        {
            if (difference == 0.0)
            {
                zeroCount++;
            }
        }

        int rankedCount = zeroMethod == WilcoxonZeroMethod.Wilcox ? present.Length - zeroCount : present.Length;
        if (zeroCount == present.Length)
        {
            return new WilcoxonResult(0.0, 0.0, 0.0, 1.0, 0.0, rankedCount, zeroCount, false);
        }

        double[] magnitudeArray = ArrayPool<double>.Shared.Rent(rankedCount);
        int[] signArray = ArrayPool<int>.Shared.Rent(rankedCount);
        double positiveRankSum = 0.0;
        double negativeRankSum = 0.0;
        var nonzeroTies = new List<(double Value, int Size)>();
        try
        {
            Span<double> magnitudes = magnitudeArray.AsSpan(0, rankedCount);
            Span<int> signs = signArray.AsSpan(0, rankedCount);
            int next = 0;
            foreach (double difference in present)
            {
                if (difference != 0.0 || zeroMethod != WilcoxonZeroMethod.Wilcox)
                {
                    magnitudes[next] = Math.Abs(difference);
                    signs[next] = Math.Sign(difference);
                    next++;
                }
            }

            RadixSort.Sort(magnitudes, signs);

            // Positions start..end-1 share one magnitude and hold ranks start+1..end, whose average
            // is (start + 1 + end) / 2. Zeros tied with each other are not ties for the exact rule or
            // the variance, because they carry no sign.
            int start = 0;
            while (start < rankedCount)
            {
                int end = start + 1;
                while (end < rankedCount && magnitudes[end] == magnitudes[start])
                {
                    end++;
                }

                double averageRank = (start + 1 + end) / 2.0;
                for (int position = start; position < end; position++)
                {
                    if (signs[position] > 0)
                    {
                        positiveRankSum += averageRank;
                    }
                    else if (signs[position] < 0)
                    {
                        negativeRankSum += averageRank;
                    }
                }

                if (end - start > 1 && magnitudes[start] != 0.0)
                {
                    nonzeroTies.Add((magnitudes[start], end - start));
                }

                start = end;
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(magnitudeArray);
            ArrayPool<int>.Shared.Return(signArray);
        }

        bool exact = ChooseExact(method, present.Length, zeroCount, nonzeroTies.Count > 0);
        double statistic = Math.Min(positiveRankSum, negativeRankSum);
        if (exact)
        {
            double exactPValue = ExactTwoSidedPValue(rankedCount, (int)positiveRankSum);
            return new WilcoxonResult(
                statistic, positiveRankSum, negativeRankSum, exactPValue, double.NaN, rankedCount, zeroCount, true);
        }

        double z = StandardizedPositiveRankSum(
            rankedCount, zeroMethod == WilcoxonZeroMethod.Pratt ? zeroCount : 0, positiveRankSum, nonzeroTies, continuityCorrection);
        return new WilcoxonResult(
            statistic,
            positiveRankSum,
            negativeRankSum,
            DistributionFunctions.TwoSidedNormalPValue(z),
            z,
            rankedCount,
            zeroCount,
            false);
    }

    /// <summary>
    /// Tests paired samples by their differences candidate[i] − baseline[i]. Pairs with a NaN on either
    /// side are dropped. See <see cref="Test(ReadOnlySpan{double}, WilcoxonZeroMethod, bool, RankTestMethod)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The samples differ in length, or see the differences overload.</exception>
    public static WilcoxonResult TestPaired(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        WilcoxonZeroMethod zeroMethod = WilcoxonZeroMethod.Wilcox,
        bool continuityCorrection = false,
        RankTestMethod method = RankTestMethod.Auto)
    {
        (RentedValues candidateValues, RentedValues baselineValues) = RentedValues.CompletePairs(candidate, baseline);
        using (candidateValues)
        using (baselineValues)
        {
            return TestCompletePairs(candidateValues.Span, baselineValues.Span, zeroMethod, continuityCorrection, method);
        }
    }

    private static bool ChooseExact(RankTestMethod method, int count, int zeroCount, bool hasTies)
    {
        switch (method)
        {
            case RankTestMethod.Asymptotic:
                return false;
            case RankTestMethod.Exact:
                if (zeroCount > 0 || hasTies)
                {
                    throw new ArgumentException(
                        "The exact Wilcoxon p-value requires differences without zeros and without ties; " +
                        $"found {zeroCount} zeros and tied magnitudes: {hasTies}. Use RankTestMethod.Auto or Asymptotic.",
                        nameof(method));
                }

                if (count > MaxExactCount)
                {
                    throw new ArgumentException(
                        $"The exact Wilcoxon p-value accepts at most {MaxExactCount} differences, but {count} were given. " +
                        "Use RankTestMethod.Auto or Asymptotic.",
                        nameof(method));
                }

                return true;
            default:
                return count <= MaxAutoExactCount && zeroCount == 0 && !hasTies;
        }
    }

    /// <summary>
    /// Standardizes R⁺ with the tie-corrected null mean and variance. Under Pratt the zeros' ranks 1..n₀ are
    /// removed from both, as SciPy 1.10 does.
    /// </summary>
    private static double StandardizedPositiveRankSum(
        int count,
        int prattZeroCount,
        double positiveRankSum,
        List<(double Value, int Size)> nonzeroTies,
        bool continuityCorrection)
    {
        double n = count;
        double zeros = prattZeroCount;
        double mean = ((n * (n + 1.0)) - (zeros * (zeros + 1.0))) / 4.0;
        double varianceTimes24 = (n * (n + 1.0) * ((2.0 * n) + 1.0))
            - (zeros * (zeros + 1.0) * ((2.0 * zeros) + 1.0))
            - (0.5 * Ranking.TieTerm(nonzeroTies));
        double standardDeviation = Math.Sqrt(varianceTimes24 / 24.0);

        double deviation = positiveRankSum - mean;
        double correction = continuityCorrection ? 0.5 * Math.Sign(deviation) : 0.0;
        return (deviation - correction) / standardDeviation;
    }

    /// <summary>
    /// Returns min(1, 2·min(P(R⁺ ≤ r), P(R⁺ ≥ r))) under the exact null distribution of R⁺ for n untied,
    /// nonzero differences, where each rank 1..n is positive with probability 1/2.
    /// </summary>
    private static double ExactTwoSidedPValue(int count, int positiveRankSum)
    {
        double[] probabilities = ExactNullDistribution(count);
        double lowerTail = 0.0;
        for (int sum = 0; sum <= positiveRankSum; sum++)
        {
            lowerTail += probabilities[sum];
        }

        double upperTail = 0.0;
        for (int sum = positiveRankSum; sum < probabilities.Length; sum++)
        {
            upperTail += probabilities[sum];
        }

        return Math.Min(1.0, 2.0 * Math.Min(lowerTail, upperTail));
    }

    /// <summary>
    /// Returns P(R⁺ = s) for s = 0..n(n+1)/2 by adding ranks one at a time: P_k(s) = ½·P_{k−1}(s) + ½·P_{k−1}(s − k).
    /// Working in probabilities keeps every term in [0, 1] for any n.
    /// </summary>
    private static double[] ExactNullDistribution(int count)
    {
        int maxSum = count * (count + 1) / 2;
        var probabilities = new double[maxSum + 1];
        probabilities[0] = 1.0;
        int currentMax = 0;
        for (int rank = 1; rank <= count; rank++)
        {
            currentMax += rank;
            for (int sum = currentMax; sum >= rank; sum--)
            {
                probabilities[sum] = 0.5 * (probabilities[sum] + probabilities[sum - rank]);
            }

            for (int sum = Math.Min(rank - 1, currentMax); sum >= 0; sum--)
            {
                probabilities[sum] *= 0.5;
            }
        }

        return probabilities;
    }
}
