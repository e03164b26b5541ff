namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Which direction of a metric is good for the product.
/// </summary>
public enum MetricDirection
{
    /// <summary>Larger values are better, for example accuracy or a good rate.</summary>
    HigherIsBetter,

    /// <summary>Smaller values are better, for example latency or cost.</summary>
    LowerIsBetter,

    /// <summary>No direction is known, so a difference cannot be called better or worse.</summary>
    Unknown,
}

/// <summary>
/// Release verdict for one metric in one segment, candidate compared with baseline.
/// </summary>
public enum Verdict
{
    /// <summary>Candidate or baseline has fewer examples than the required minimum.</summary>
    InsufficientData,

    /// <summary>Significant, and the whole interval lies beyond the tolerance on the harmful side.</summary>
    Regression,

    /// <summary>Significant, and the whole interval lies beyond the tolerance on the beneficial side.</summary>
    Improvement,

    /// <summary>The whole interval lies within ± tolerance.</summary>
    Equivalent,

    /// <summary>
    /// Metric without a known direction: significant, and the whole interval lies beyond the tolerance on one side.
    /// </summary>
    Different,

    /// <summary>None of the other verdicts applies.</summary>
    Inconclusive,
}

/// <summary>
/// Evidence for one metric comparison: the difference candidate − baseline, its interval, its multiplicity-adjusted
/// p-value and the decision settings.
/// </summary>
public sealed record VerdictInput
{
    /// <summary>Observed difference candidate − baseline. NaN makes the verdict <see cref="Verdict.Inconclusive"/>.</summary>
    public required double Difference { get; init; }

    /// <summary>Lower bound of the difference's confidence interval.</summary>
    public required double Lower { get; init; }

    /// <summary>Upper bound of the difference's confidence interval, not below <see cref="Lower"/>.</summary>
    public required double Upper { get; init; }

    /// <summary>Adjusted p-value (q-value), or the p-value itself for a single test. NaN counts as not significant.</summary>
    public required double QValue { get; init; }

    /// <summary>Significance level for <see cref="QValue"/>, in (0, 1) and 0.05 by default.</summary>
    public double Alpha { get; init; } = 0.05;

    /// <summary>Maximum difference, in the metric's units, that the product treats as no change. At least 0.</summary>
    public required double Tolerance { get; init; }

    /// <summary>Which direction of the metric is good.</summary>
    public required MetricDirection Direction { get; init; }

    /// <summary>Number of candidate examples behind the difference.</summary>
    public required int CandidateCount { get; init; }

    /// <summary>Number of baseline examples behind the difference.</summary>
    public required int BaselineCount { get; init; }

    /// <summary>Minimum examples that each side needs for any verdict other than <see cref="Verdict.InsufficientData"/>.</summary>
    public required int MinimumExamples { get; init; }
}

/// <summary>
/// Decision rules that turn a difference interval and q-value into a release <see cref="Verdict"/>.
/// </summary>
public static class VerdictRules
{
    /// <summary>
    /// Classifies a comparison by these rules, checked in this order:
    /// <list type="number">
    /// <item><see cref="Verdict.InsufficientData"/> when either count is below the minimum.</item>
    /// <item><see cref="Verdict.Inconclusive"/> when the difference or a bound is NaN.</item>
    /// <item><see cref="Verdict.Regression"/> when q &lt; α and the interval lies strictly beyond the tolerance
    /// on the harmful side: upper &lt; −tolerance for higher-is-better, lower &gt; tolerance for lower-is-better.</item>
    /// <item><see cref="Verdict.Improvement"/> in the mirrored case on the beneficial side.</item>
    /// <item><see cref="Verdict.Different"/> for <see cref="MetricDirection.Unknown"/> when q &lt; α and the
    /// interval lies strictly beyond the tolerance on either side. An unknown direction never yields
    /// Regression or Improvement.</item>
    /// <item><see cref="Verdict.Equivalent"/> when −tolerance ≤ lower and upper ≤ tolerance, whatever q is.</item>
    /// <item><see cref="Verdict.Inconclusive"/> otherwise.</item>
    /// </list>
    /// The strict and inclusive comparisons keep the verdicts exclusive: an interval that touches ±tolerance
    /// is not beyond it.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// Alpha is not in (0, 1), the tolerance is negative or not finite, a count is negative, or lower &gt; upper.
    /// </exception>
    public static Verdict Classify(VerdictInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);

        if (input.CandidateCount < input.MinimumExamples || input.BaselineCount < input.MinimumExamples)
        {
            return Verdict.InsufficientData;
        }

        if (double.IsNaN(input.Difference) || double.IsNaN(input.Lower) || double.IsNaN(input.Upper))
        {
            return Verdict.Inconclusive;
        }

        bool significant = input.QValue < input.Alpha;
        bool wholeIntervalBelow = input.Upper < -input.Tolerance;
        bool wholeIntervalAbove = input.Lower > input.Tolerance;

        if (significant && (wholeIntervalBelow || wholeIntervalAbove))
        {
            return input.Direction switch
            {
                MetricDirection.HigherIsBetter => wholeIntervalBelow ? Verdict.Regression : Verdict.Improvement,
                MetricDirection.LowerIsBetter => wholeIntervalAbove ? Verdict.Regression : Verdict.Improvement,
                _ => Verdict.Different,
            };
        }

        if (input.Lower >= -input.Tolerance && input.Upper <= input.Tolerance)
        {
            return Verdict.Equivalent;
        }

        return Verdict.Inconclusive;
    }

    private static void Validate(VerdictInput input)
    {
        if (!(input.Alpha > 0.0 && input.Alpha < 1.0))
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.Alpha, "Alpha must lie strictly between 0 and 1.");
        }

        if (!(input.Tolerance >= 0.0) || double.IsInfinity(input.Tolerance))
        {
            throw new ArgumentOutOfRangeException(
                nameof(input), input.Tolerance, "The tolerance must be a finite number of at least 0, in the metric's units.");
        }

        if (input.CandidateCount < 0 || input.BaselineCount < 0 || input.MinimumExamples < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(input),
                (input.CandidateCount, input.BaselineCount, input.MinimumExamples),
                "Example counts and the minimum must not be negative.");
        }

        if (input.Lower > input.Upper)
        {
            throw new ArgumentOutOfRangeException(
                nameof(input),
                (input.Lower, input.Upper),
                "The interval's lower bound must not exceed its upper bound.");
        }

        if (!Enum.IsDefined(input.Direction))
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.Direction, "Unknown metric direction value.");
        }
    }
}
