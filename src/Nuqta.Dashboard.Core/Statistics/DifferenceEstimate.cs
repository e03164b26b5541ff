namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Procedure behind a <see cref="DifferenceEstimate"/>.
/// </summary>
public enum IntervalMethod
{
    /// <summary>Percentile interval of a seeded bootstrap distribution.</summary>
    PercentileBootstrap,

    /// <summary>Student t interval of the mean paired difference, with n − 1 degrees of freedom.</summary>
    PairedStudentT,

    /// <summary>Welch t interval of the difference of two independent means, with Welch-Satterthwaite degrees of freedom.</summary>
    WelchStudentT,

    /// <summary>
    /// Binomial order-statistic interval of each quantile, combined into an interval of the difference by
    /// the square-and-add rule (MOVER).
    /// </summary>
    OrderStatisticMover,
}

/// <summary>
/// How the candidate and baseline samples relate.
/// </summary>
public enum SampleDesign
{
    /// <summary>Both versions were scored on the same examples, and entry i of each sample belongs to example i.</summary>
    Paired,

    /// <summary>The samples come from different examples.</summary>
    Independent,
}

/// <summary>
/// Observed difference candidate − baseline of a statistic (mean or quantile) with its interval and p-value.
/// </summary>
/// <param name="Difference">Observed difference of the statistic on the full samples.</param>
/// <param name="Interval">Confidence interval of the difference.</param>
/// <param name="PValue">
/// Two-sided p-value for a zero difference from the same procedure, or NaN where the procedure has none
/// (<see cref="IntervalMethod.OrderStatisticMover"/>).
/// </param>
/// <param name="Method">Procedure that produced the interval.</param>
/// <param name="CandidateCount">Candidate values used, after dropping NaN (and incomplete pairs when paired).</param>
/// <param name="BaselineCount">Baseline values used, after the same filtering.</param>
public sealed record DifferenceEstimate(
    double Difference,
    ConfidenceInterval Interval,
    double PValue,
    IntervalMethod Method,
    int CandidateCount,
    int BaselineCount);
