namespace Nuqta.Dashboard.Core.Statistics;

/// <summary>
/// Closed interval [<see cref="Lower"/>, <see cref="Upper"/>] from a confidence procedure.
/// Either bound may be infinite when the data cannot bound that side, or NaN when the data are empty.
/// </summary>
/// <param name="Lower">Lower confidence bound.</param>
/// <param name="Upper">Upper confidence bound.</param>
public readonly record struct ConfidenceInterval(double Lower, double Upper);
