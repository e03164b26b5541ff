namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>An SLO's status in one week, or of one scorecard cell.</summary>
public enum SloStatus
{
    /// <summary>No enabled SLO judges this figure.</summary>
    NoSlo,

    Met,

    Breached,

    /// <summary>The week has fewer examples in scope than the SLO's minimum.</summary>
    InsufficientData,
}

/// <summary>Whether a week-over-week change helps or hurts, judged by the metric's direction.</summary>
public enum ChangeDirection
{
    Better,

    Worse,

    /// <summary>The figure did not move, or the metric's direction is unknown so no side can be called better.</summary>
    Unchanged,

    /// <summary>No like-for-like figure in the previous week: another dataset version, no runs, or no value.</summary>
    NotComparable,
}

/// <summary>The weekly scorecard of one ISO week: one entry per model, breaches first.</summary>
/// <param name="TimeZone">The time zone whose Monday midnights bound the week (an IANA or Windows id).</param>
/// <param name="StartUtc">The week's first instant, inclusive.</param>
/// <param name="EndUtc">The next week's first instant, exclusive.</param>
/// <param name="Freeze">The freeze that fixed this view, or null when the week is live.</param>
/// <param name="Metrics">The scorecard's metric columns in display order.</param>
/// <param name="ArrivedAfterFreeze">Runs of this week that the frozen figures do not contain, because they were imported after the freeze.</param>
/// <param name="ModelFilter">The model the view was narrowed to, or null for all models.</param>
public sealed record ScorecardWeek(
    string Week,
    string TimeZone,
    DateTime StartUtc,
    DateTime EndUtc,
    string? PreviousWeek,
    string? NextWeek,
    ScorecardFreezeView? Freeze,
    IReadOnlyList<ScorecardMetricColumn> Metrics,
    IReadOnlyList<ScorecardModel> Models,
    IReadOnlyList<LateRunView> ArrivedAfterFreeze,
    string? ModelFilter)
{
    /// <summary>True when at least one model has a production or candidate run this week.</summary>
    public bool HasRuns => Models.Any(m => m.Rows.Count > 0 || m.Candidates.Count > 0);

    public bool IsFrozen => Freeze is not null;
}

/// <summary>A frozen week's snapshot: the freeze time, the user who froze it, and the SHA-256 of its canonical JSON.</summary>
public sealed record ScorecardFreezeView(string Week, DateTime FrozenAtUtc, string FrozenBy, string SnapshotSha256);

/// <summary>One metric column of the scorecard.</summary>
/// <param name="Aggregate">The figure shown: <c>mean</c>, <c>good-rate</c> or a quantile such as <c>p95</c>.</param>
/// <param name="Direction"><c>higher</c>, <c>lower</c> or <c>unknown</c>.</param>
public sealed record ScorecardMetricColumn(
    int MetricId,
    string Key,
    string DisplayName,
    string Aggregate,
    string Direction,
    string Unit,
    double? ScaleMin,
    double? ScaleMax);

/// <summary>One model's part of the week: its production rows, SLO results and candidate runs.</summary>
/// <param name="ProductionVersions">Labels of the versions that held <c>production</c> during the week, in order.</param>
/// <param name="HasProductionVersion">False when no version held <c>production</c> at any time in the week.</param>
/// <param name="Rows">One row per dataset version and run kind of the production runs; breached rows first.</param>
/// <param name="Candidates">Runs of other versions evaluated in the week, one row per version, dataset version and kind.</param>
public sealed record ScorecardModel(
    int ModelId,
    string Name,
    string Team,
    IReadOnlyList<string> ProductionVersions,
    bool HasProductionVersion,
    IReadOnlyList<ScorecardRow> Rows,
    IReadOnlyList<SloResult> Slos,
    IReadOnlyList<ScorecardRow> Candidates)
{
    public bool HasBreach => Slos.Any(s => s.Status == SloStatus.Breached) || Rows.Any(r => r.HasBreach);

    /// <summary>True when a good-rate SLO of the model warns of fast or slow burn.</summary>
    public bool HasBurnWarning => Slos.Any(s => s.Budget is { } b && (b.FastBurn || b.SlowBurn));
}

/// <summary>The pooled figures of one model on one dataset version and run kind in one week.</summary>
/// <param name="Kind"><c>regression</c> or <c>production-sample</c>.</param>
/// <param name="Versions">Model versions whose runs are pooled: the production holders, or the one candidate version.</param>
/// <param name="IsGolden">True when the dataset's purpose is golden, so default-scope SLOs judge it.</param>
/// <param name="RunIds">Every run pooled into the row.</param>
public sealed record ScorecardRow(
    string Dataset,
    string DatasetVersion,
    int DatasetVersionId,
    string Kind,
    IReadOnlyList<string> Versions,
    bool IsGolden,
    IReadOnlyList<ScorecardCell> Cells,
    IReadOnlyList<int> RunIds)
{
    public bool HasBreach => Cells.Any(c => c.Status == SloStatus.Breached);
}

/// <summary>One metric's pooled figure in a row.</summary>
/// <param name="Aggregate">The figure's aggregate, as the metric column names it.</param>
/// <param name="Value">The figure, or null when no value was present.</param>
/// <param name="Lower">Lower end of the 95 % interval (t interval of a mean, Wilson interval of a good-rate, order-statistic interval of a quantile).</param>
/// <param name="Count">Values pooled (n); every trial's value counts.</param>
/// <param name="Missing">Examples of the pooled runs without a value.</param>
/// <param name="BadCount">Values beyond the metric's bad threshold.</param>
/// <param name="Status">The worst status of the overall-scope SLOs on this metric and model that judge this row.</param>
/// <param name="SloNames">The SLOs behind <paramref name="Status"/>.</param>
/// <param name="Sparkline">Figures of the 12 weeks ending with this one, oldest first, null where no like-for-like figure exists.</param>
/// <param name="RunIds">The runs behind the figure.</param>
public sealed record ScorecardCell(
    string MetricKey,
    string Aggregate,
    double? Value,
    double? Lower,
    double? Upper,
    int Count,
    int Missing,
    int BadCount,
    SloStatus Status,
    IReadOnlyList<string> SloNames,
    WeekChange Change,
    IReadOnlyList<double?> Sparkline,
    IReadOnlyList<int> RunIds);

/// <summary>The change from the previous week's like-for-like figure.</summary>
/// <param name="Delta">This week's figure minus the previous one, or null when not comparable.</param>
/// <param name="Reason">Why the change is not comparable, in one sentence; null otherwise.</param>
public sealed record WeekChange(ChangeDirection Direction, double? Delta, double? PreviousValue, string? PreviousWeek, string? Reason)
{
    public static WeekChange NotComparable(string reason) => new(ChangeDirection.NotComparable, null, null, null, reason);
}

/// <summary>One SLO's result for one model and dataset (and one segment value, for a per-segment SLO) in the week.</summary>
/// <param name="Comparator"><c>&lt;=</c> or <c>&gt;=</c>.</param>
/// <param name="Dimension">The segment dimension judged, or null for the overall figure.</param>
/// <param name="SegmentValue">The segment value of this result, or null for the overall figure.</param>
/// <param name="Figure">The week's pooled figure in scope, or null when no value was present.</param>
/// <param name="Examples">Values in scope this week.</param>
/// <param name="Budget">The rolling four-week error budget; null for mean and quantile SLOs.</param>
/// <param name="RunIds">The runs in scope.</param>
/// <param name="Dataset">The dataset judged, or null when the model had no runs in the SLO's scope.</param>
public sealed record SloResult(
    int SloId,
    string Name,
    string MetricKey,
    string Aggregate,
    string Comparator,
    double Target,
    string? Dimension,
    string? SegmentValue,
    SloStatus Status,
    double? Figure,
    int Examples,
    int BadCount,
    int MinExamples,
    ErrorBudget? Budget,
    IReadOnlyList<int> RunIds,
    string? Dataset = null);

/// <summary>
/// A good-rate SLO's error budget over the rolling four weeks that end with the scorecard week:
/// allowed bad examples (1 - target) x examples, minus the bad examples.
/// </summary>
/// <param name="FromWeek">First week of the window.</param>
/// <param name="Allowed">Bad examples the window may have: (1 - target) x <paramref name="WindowExamples"/>.</param>
/// <param name="Left">Allowed minus bad; negative when the budget is spent.</param>
/// <param name="LeftFraction">Left divided by allowed, or null when nothing is allowed.</param>
/// <param name="WeekBurnRate">This week's bad share divided by (1 - target), or null without examples.</param>
/// <param name="WindowBurnRate">The window's bad share divided by (1 - target), or null without examples.</param>
/// <param name="FastBurn">This week, as far as its runs have arrived, burns at 2x or more.</param>
/// <param name="SlowBurn">The window burns at 1x or more although this week's SLO is met.</param>
public sealed record ErrorBudget(
    string FromWeek,
    string ToWeek,
    int WindowExamples,
    int WindowBad,
    double Allowed,
    double Left,
    double? LeftFraction,
    double? WeekBurnRate,
    double? WindowBurnRate,
    bool FastBurn,
    bool SlowBurn);

/// <summary>A run of the week imported after the week was frozen.</summary>
public sealed record LateRunView(int RunId, string Model, string Version, string Dataset, string DatasetVersion, string Kind, DateTime EvaluatedAtUtc, DateTime ImportedAtUtc);

/// <summary>The weekly figure of one model and metric over a range of weeks, for the trend page.</summary>
/// <param name="Lines">One line per dataset and run kind of the production runs.</param>
/// <param name="Targets">SLO targets on the metric that apply to the model (overall scope), to draw as lines.</param>
/// <param name="ProductionChanges">Moves of the <c>production</c> alias inside the range, oldest first.</param>
public sealed record TrendSeries(
    string Model,
    ScorecardMetricColumn Metric,
    string FromWeek,
    string ToWeek,
    IReadOnlyList<string> Weeks,
    IReadOnlyList<TrendLine> Lines,
    IReadOnlyList<TrendTarget> Targets,
    IReadOnlyList<ProductionChange> ProductionChanges);

/// <summary>The figures of one dataset and run kind, one point per week in the range that has runs.</summary>
public sealed record TrendLine(string Dataset, string Kind, IReadOnlyList<TrendPoint> Points);

/// <summary>One week's figure on a trend line; the dataset version may change between points.</summary>
public sealed record TrendPoint(
    string Week,
    string DatasetVersion,
    IReadOnlyList<string> Versions,
    double? Value,
    double? Lower,
    double? Upper,
    int Count,
    SloStatus Status,
    IReadOnlyList<int> RunIds);

/// <summary>An SLO target to draw on a trend chart.</summary>
public sealed record TrendTarget(int SloId, string Name, string Comparator, double Target);

/// <summary>A move of the <c>production</c> alias, to annotate a trend chart.</summary>
/// <param name="Kind"><c>set</c>, <c>promotion</c> or <c>rollback</c>.</param>
public sealed record ProductionChange(string Week, DateTime MovedAtUtc, string? FromVersion, string? ToVersion, string Kind, string Reason);

/// <summary>The meeting-mode deck of a week: one slide per model, breaches first.</summary>
public sealed record MeetingDeck(ScorecardWeek Scorecard, IReadOnlyList<MeetingSlide> Slides);

/// <summary>One model's slide: its breaches and its biggest week-over-week changes.</summary>
/// <param name="Breaches">Breached SLO results, then fast- and slow-burn warnings.</param>
/// <param name="BiggestChanges">Comparable cells ordered by the size of their change relative to the scale, worse first, at most five.</param>
public sealed record MeetingSlide(ScorecardModel Model, IReadOnlyList<SloResult> Breaches, IReadOnlyList<MeetingChange> BiggestChanges);

/// <summary>One cell's week-over-week change, with the row it belongs to.</summary>
public sealed record MeetingChange(string Dataset, string DatasetVersion, string Kind, ScorecardCell Cell);

/// <summary>The weeks that hold figures, for a week picker.</summary>
/// <param name="CurrentWeek">The week that contains now in the configured time zone.</param>
/// <param name="FirstWeek">The earliest week with figures, or null when no run was imported.</param>
/// <param name="FrozenWeeks">Weeks frozen now, newest first.</param>
public sealed record ScorecardWeekRange(string CurrentWeek, string? FirstWeek, string? LastWeek, IReadOnlyList<string> FrozenWeeks);
