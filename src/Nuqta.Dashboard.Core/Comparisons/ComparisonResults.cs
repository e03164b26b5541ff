using System.Text.Json.Serialization;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>
/// One compared statistic of one metric in one cell: the whole dataset version (<see cref="Dimension"/> null)
/// or one value of a segment dimension. Numbers that are undefined (NaN) or unbounded (an infinite interval
/// bound) are null, because JSON has neither.
/// </summary>
/// <param name="Metric">Metric key, for example <c>faithfulness</c>.</param>
/// <param name="Statistic">
/// Compared statistic: <c>mean</c>, <c>good-rate</c> or a quantile such as <c>p95</c> (the metric's aggregate),
/// or <c>bad-rate</c>, the share of values that the metric's bad threshold marks as bad.
/// </param>
/// <param name="Dimension">Segment dimension, or null for the overall cell.</param>
/// <param name="Segment">Segment value within <paramref name="Dimension"/>; an empty string is a missing value.</param>
/// <param name="Design"><c>paired</c> or <c>independent</c>.</param>
/// <param name="CandidateCount">Candidate values used: the complete pairs when paired, the present values otherwise.</param>
/// <param name="BaselineCount">Baseline values used, counted the same way.</param>
/// <param name="PairCount">Examples of the cell where both sides have a value.</param>
/// <param name="Candidate">Candidate statistic over the values used.</param>
/// <param name="Baseline">Baseline statistic over the values used.</param>
/// <param name="Difference">Candidate − baseline.</param>
/// <param name="Lower">Lower confidence bound of the difference, at confidence 1 − the metric's alpha.</param>
/// <param name="Upper">Upper confidence bound of the difference.</param>
/// <param name="Method">Interval procedure, for example <c>PercentileBootstrap</c> or <c>NewcombePaired</c>.</param>
/// <param name="PValue">Two-sided p-value of the cell's test.</param>
/// <param name="QValue">Benjamini-Hochberg q-value across every cell of the comparison.</param>
/// <param name="Tolerance">Tolerance in the statistic's units that the verdict used.</param>
/// <param name="Verdict">Release verdict of <see cref="VerdictRules.Classify"/>.</param>
/// <param name="KsStatistic">Two-sample Kolmogorov-Smirnov D of the cell's values; null for rate cells.</param>
public sealed record ComparisonCell(
    string Metric,
    string Statistic,
    string? Dimension,
    string? Segment,
    string Design,
    int CandidateCount,
    int BaselineCount,
    int PairCount,
    double? Candidate,
    double? Baseline,
    double? Difference,
    double? Lower,
    double? Upper,
    string? Method,
    double? PValue,
    double? QValue,
    double? Tolerance,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Verdict>))] Verdict Verdict,
    double? KsStatistic);

/// <summary>Per-metric facts of a comparison that hold for all its cells.</summary>
/// <param name="Metric">Metric key.</param>
/// <param name="Aggregate">The metric's aggregate, which is the primary compared statistic.</param>
/// <param name="Design"><c>paired</c> when some example has a value on both sides, <c>independent</c> otherwise.</param>
/// <param name="PairCount">Examples of the dataset version with a value on both sides.</param>
/// <param name="CandidateTrials">Candidate runs that contain the metric, averaged per example.</param>
/// <param name="BaselineTrials">Baseline runs that contain the metric.</param>
/// <param name="CandidateTrialSpread">
/// Mean over examples with two or more trial values of the sample standard deviation across trials, or
/// null when no example has two values.
/// </param>
/// <param name="BaselineTrialSpread">The same spread for the baseline.</param>
public sealed record MetricComparisonSummary(
    string Metric,
    string Aggregate,
    string Design,
    int PairCount,
    int CandidateTrials,
    int BaselineTrials,
    double? CandidateTrialSpread,
    double? BaselineTrialSpread);

/// <summary>One side of a comparison as resolved from the request.</summary>
public sealed record ComparisonSideSummary(int ModelVersionId, string Model, string Version, IReadOnlyList<int> RunIds);

/// <summary>Everything a comparison computed, as saved and returned by the API.</summary>
public sealed record ComparisonResult(
    int DatasetVersionId,
    string Dataset,
    string DatasetVersion,
    ComparisonSideSummary Candidate,
    ComparisonSideSummary Baseline,
    long Seed,
    int Resamples,
    IReadOnlyList<string> Dimensions,
    IReadOnlyList<MetricComparisonSummary> Metrics,
    IReadOnlyList<ComparisonCell> Cells);
