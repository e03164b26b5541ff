namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Sample quantile with a distribution-free confidence interval bounded by two order statistics.
/// </summary>
/// <param name="Quantile">Type 7 sample quantile (see <see cref="Quantiles"/>).</param>
/// <param name="Interval">
/// [x₍l₎, x₍u₎]. A bound is −∞ or +∞ when the sample is too small to reach the confidence level on that side.
/// </param>
/// <param name="Coverage">
/// Exact coverage P(l ≤ B ≤ u − 1) for B ~ Binomial(n, p), at least the requested level, for continuous data.
/// </param>
public sealed record QuantileEstimate(double Quantile, ConfidenceInterval Interval, double Coverage);

/// <summary>
/// Closed-form intervals that replace the bootstrap on large samples: Student t intervals of mean differences
/// and binomial order-statistic intervals of quantiles.
/// </summary>
public static class AnalyticIntervals
{
    /// <summary>
    /// Computes the paired t interval and t-test of mean(candidate − baseline): d̄ ± t(1 − α/2, n − 1)·s_d/√n,
    /// matching scipy.stats.ttest_rel for the p-value. Pairs with a NaN on either side are dropped.
    /// </summary>
    /// <remarks>
    /// Fewer than two pairs give NaN interval and p-value. When every difference is equal the interval is
    /// the single point d̄ and the p-value is 1 if d̄ = 0 and 0 otherwise (SciPy returns NaN for the p-value).
    /// </remarks>
    /// <exception cref="ArgumentException">The samples differ in length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public static DifferenceEstimate PairedMeanDifference(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        double confidenceLevel = 0.95)
    {
        SampleData.ValidateConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        (double[] candidateValues, double[] baselineValues) = SampleData.CompletePairs(candidate, baseline);
        return PairedMeanDifferenceOfComplete(candidateValues, baselineValues, confidenceLevel);
    }

    /// <summary>
    /// <see cref="PairedMeanDifference"/> of pairs without NaN, computed from the differences on the
    /// fly instead of from a copy; the same sums in the same order give the same result.
    /// </summary>
    internal static DifferenceEstimate PairedMeanDifferenceOfComplete(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        double confidenceLevel = 0.95)
    {
        int n = candidate.Length;
        double mean = double.NaN;
        double variance = double.NaN;
        if (n > 0)
        {
            double sum = 0.0;
            for (int i = 0; i < n; i++)
            {
                sum += candidate[i] - baseline[i];
            }

            mean = sum / n;
        }

        if (n >= 2)
        {
            double sumOfSquares = 0.0;
            for (int i = 0; i < n; i++)
            {
                double deviation = (candidate[i] - baseline[i]) - mean;
                sumOfSquares += deviation * deviation;
            }

            variance = sumOfSquares / (n - 1);
        }

        return StudentTEstimate(mean, variance / n, n - 1.0, confidenceLevel, IntervalMethod.PairedStudentT, n, n);
    }

    /// <summary>
    /// Computes Welch's t interval and t-test of mean(candidate) − mean(baseline) for independent samples,
    /// with Welch-Satterthwaite degrees of freedom, matching scipy.stats.ttest_ind(equal_var=False) for the
    /// p-value. NaN values are dropped.
    /// </summary>
    /// <remarks>
    /// A side with fewer than two values gives NaN interval and p-value. When both sample variances are zero
    /// the interval is the single observed difference and the p-value is 1 if it is 0 and 0 otherwise.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="confidenceLevel"/> is not in (0, 1).</exception>
    public static DifferenceEstimate WelchMeanDifference(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        double confidenceLevel = 0.95)
    {
        SampleData.ValidateConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        double[] candidateValues = SampleData.WithoutNaN(candidate);
        double[] baselineValues = SampleData.WithoutNaN(baseline);
        int candidateCount = candidateValues.Length;
        int baselineCount = baselineValues.Length;

        double candidateMean = SampleData.Mean(candidateValues);
        double baselineMean = SampleData.Mean(baselineValues);
        double candidateShare = SampleData.SampleVariance(candidateValues, candidateMean) / candidateCount;
        double baselineShare = SampleData.SampleVariance(baselineValues, baselineMean) / baselineCount;
        double standardErrorSquared = candidateShare + baselineShare;
        double degreesOfFreedom = standardErrorSquared * standardErrorSquared
            / ((candidateShare * candidateShare / (candidateCount - 1.0))
               + (baselineShare * baselineShare / (baselineCount - 1.0)));

        return StudentTEstimate(
            candidateMean - baselineMean,
            standardErrorSquared,
            degreesOfFreedom,
            confidenceLevel,
            IntervalMethod.WelchStudentT,
            candidateCount,
            baselineCount);
    }

    /// <summary>
    /// Computes the type 7 quantile and its distribution-free order-statistic interval [x₍l₎, x₍u₎], NaN ignored.
    /// </summary>
    /// <remarks>
    /// For continuous data, the count B of observations at or below the true p-quantile ξ_p is Binomial(n, p).
    /// The interval covers ξ_p exactly when l ≤ B ≤ u − 1. The ranks are l = F⁻¹(α/2) and u = F⁻¹(1 − α/2) + 1
    /// with F⁻¹(q) the smallest k where P(B ≤ k) ≥ q (scipy.stats.binom.ppf), so each tail outside has
    /// probability at most α/2. Rank 0 or n + 1 means no order statistic is far enough out, and that bound
    /// is infinite. An empty sample gives NaN everywhere.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The probability or confidence level is out of range.</exception>
    public static QuantileEstimate OrderStatisticQuantile(
        ReadOnlySpan<double> values,
        double probability,
        double confidenceLevel = 0.95)
    {
        Quantiles.ValidateProbability(probability);
        SampleData.ValidateConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        return OrderStatisticQuantileOfSorted(SampleData.SortedWithoutNaN(values), probability, confidenceLevel);
    }

    /// <summary>
    /// <see cref="OrderStatisticQuantile"/> of values already sorted ascending without NaN, without
    /// the copy and sort; the order is not checked.
    /// </summary>
    internal static QuantileEstimate OrderStatisticQuantileOfSorted(
        ReadOnlySpan<double> sorted,
        double probability,
        double confidenceLevel = 0.95)
    {
        Quantiles.ValidateProbability(probability);
        SampleData.ValidateConfidenceLevel(confidenceLevel, nameof(confidenceLevel));
        int n = sorted.Length;
        if (n == 0)
        {
            return new QuantileEstimate(double.NaN, new ConfidenceInterval(double.NaN, double.NaN), double.NaN);
        }

        double alpha = 1.0 - confidenceLevel;
        int lowerRank = DistributionFunctions.BinomialQuantile(alpha / 2.0, n, probability);
        int upperRank = DistributionFunctions.BinomialQuantile(1.0 - (alpha / 2.0), n, probability) + 1;
        double lower = lowerRank >= 1 ? sorted[lowerRank - 1] : double.NegativeInfinity;
        double upper = upperRank <= n ? sorted[upperRank - 1] : double.PositiveInfinity;
        double coverage = DistributionFunctions.BinomialCdf(upperRank - 1, n, probability)
            - DistributionFunctions.BinomialCdf(lowerRank - 1, n, probability);

        return new QuantileEstimate(
            Quantiles.QuantileOfSorted(sorted, probability),
            new ConfidenceInterval(lower, upper),
            coverage);
    }

    /// <summary>
    /// Computes an interval of Q_p(candidate) − Q_p(baseline) from the two order-statistic intervals by the
    /// square-and-add rule (MOVER, the rule behind <see cref="Proportions.NewcombeDifference"/>). With
    /// estimates θ₁, θ₂, limits (l₁, u₁), (l₂, u₂) and d = θ₁ − θ₂, the bounds are d − √((θ₁ − l₁)² + (u₂ − θ₂)²)
    /// and d + √((u₁ − θ₁)² + (θ₂ − l₂)²). NaN values are dropped. The p-value is NaN because this procedure
    /// has no test.
    /// </summary>
    /// <remarks>
    /// NOTE: the rule assumes independent samples. Paired scores of two model versions are usually positively
    /// correlated, so the interval is then wider than needed, but not too narrow. A negative correlation would
    /// make it too narrow.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The probability or confidence level is out of range.</exception>
    public static DifferenceEstimate QuantileDifference(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        double probability,
        double confidenceLevel = 0.95)
    {
        return QuantileDifferenceOfSorted(SampleData.SortedWithoutNaN(candidate), SampleData.SortedWithoutNaN(baseline), probability, confidenceLevel);
    }

    /// <summary>
    /// <see cref="QuantileDifference"/> of samples already sorted ascending without NaN, without the
    /// copies and sorts; the order is not checked.
    /// </summary>
    internal static DifferenceEstimate QuantileDifferenceOfSorted(
        ReadOnlySpan<double> candidate,
        ReadOnlySpan<double> baseline,
        double probability,
        double confidenceLevel = 0.95)
    {
        QuantileEstimate candidateEstimate = OrderStatisticQuantileOfSorted(candidate, probability, confidenceLevel);
        QuantileEstimate baselineEstimate = OrderStatisticQuantileOfSorted(baseline, probability, confidenceLevel);
        int candidateCount = candidate.Length;
        int baselineCount = baseline.Length;

        double difference = candidateEstimate.Quantile - baselineEstimate.Quantile;
        double lowerDistance = Math.Sqrt(
            Square(candidateEstimate.Quantile - candidateEstimate.Interval.Lower)
            + Square(baselineEstimate.Interval.Upper - baselineEstimate.Quantile));
        double upperDistance = Math.Sqrt(
            Square(candidateEstimate.Interval.Upper - candidateEstimate.Quantile)
            + Square(baselineEstimate.Quantile - baselineEstimate.Interval.Lower));

        return new DifferenceEstimate(
            difference,
            new ConfidenceInterval(difference - lowerDistance, difference + upperDistance),
            double.NaN,
            IntervalMethod.OrderStatisticMover,
            candidateCount,
            baselineCount);
    }

    private static DifferenceEstimate StudentTEstimate(
        double difference,
        double standardErrorSquared,
        double degreesOfFreedom,
        double confidenceLevel,
        IntervalMethod method,
        int candidateCount,
        int baselineCount)
    {
        if (double.IsNaN(standardErrorSquared) || double.IsNaN(difference))
        {
            return new DifferenceEstimate(
                difference, new ConfidenceInterval(double.NaN, double.NaN), double.NaN, method, candidateCount, baselineCount);
        }

        if (standardErrorSquared == 0.0)
        {
            return new DifferenceEstimate(
                difference,
                new ConfidenceInterval(difference, difference),
                difference == 0.0 ? 1.0 : 0.0,
                method,
                candidateCount,
                baselineCount);
        }

        double standardError = Math.Sqrt(standardErrorSquared);
        double critical = DistributionFunctions.StudentTQuantile((1.0 + confidenceLevel) / 2.0, degreesOfFreedom);
        double t = difference / standardError;
        return new DifferenceEstimate(
            difference,
            new ConfidenceInterval(difference - (critical * standardError), difference + (critical * standardError)),
            DistributionFunctions.TwoSidedStudentTPValue(t, degreesOfFreedom),
            method,
            candidateCount,
            baselineCount);
    }

    private static double Square(double value) => value * value;
}
