using Nuqta.Dashboard.Core.Evaluation;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>Whose runs a weekly figure pools.</summary>
public enum FigureRole
{
    /// <summary>Runs of the versions that held <c>production</c> when each run was evaluated.</summary>
    Production,

    /// <summary>Runs of one other version of the model, evaluated in the same week.</summary>
    Candidate,
}

/// <summary>
/// A materialised weekly figure: one metric of one model on one dataset version and run kind in
/// one ISO week, overall or for one segment value. The values of every pooled run (every trial
/// too) count as separate observations. Rebuilt whenever a run of the week is imported or a
/// metric or SLO definition changes, so that pages read these rows and never the metric arrays.
/// </summary>
public sealed class WeeklyFigure
{
    public long Id { get; set; }

    /// <summary>The ISO week as <c>2026-W49</c>; the text sorts in week order.</summary>
    public string Week { get; set; } = "";

    public int ModelId { get; set; }

    public int DatasetId { get; set; }

    public int DatasetVersionId { get; set; }

    public RunKind Kind { get; set; }

    public FigureRole Role { get; set; }

    /// <summary>The candidate's version; null for production figures, which may pool several holders.</summary>
    public int? ModelVersionId { get; set; }

    /// <summary>Labels of the pooled versions separated by ", ", in the order they held production.</summary>
    public string VersionLabels { get; set; } = "";

    public int MetricId { get; set; }

    /// <summary>Segment dimension, or null for the overall figure.</summary>
    public string? Dimension { get; set; }

    public string? SegmentValue { get; set; }

    /// <summary>Present values pooled (n).</summary>
    public int Count { get; set; }

    /// <summary>Examples of the pooled runs without a value (missing is never counted as 0).</summary>
    public int Missing { get; set; }

    public int BadCount { get; set; }

    public double? Mean { get; set; }

    public double? MeanLower { get; set; }

    public double? MeanUpper { get; set; }

    /// <summary>Share of present values that are not bad, or null when the metric has no bad threshold.</summary>
    public double? GoodRate { get; set; }

    public double? GoodRateLower { get; set; }

    public double? GoodRateUpper { get; set; }

    public double? P50 { get; set; }

    public double? P90 { get; set; }

    public double? P95 { get; set; }

    public double? P99 { get; set; }

    /// <summary>The metric's scorecard aggregate (mean, good-rate or a quantile) at the time of computing.</summary>
    public string Aggregate { get; set; } = "mean";

    /// <summary>The figure the scorecard shows: <see cref="Aggregate"/> of the pooled values.</summary>
    public double? Value { get; set; }

    public double? ValueLower { get; set; }

    public double? ValueUpper { get; set; }

    /// <summary>Ids of the pooled runs separated by commas, ascending.</summary>
    public string RunIds { get; set; } = "";

    public DateTime ComputedAtUtc { get; set; }
}

/// <summary>
/// One SLO's status for one model, dataset (and segment value) in one ISO week, with the rolling
/// four-week error budget of good-rate SLOs. Each dataset is judged on its own, so a scorecard
/// cell's colour always matches the figure in it.
/// </summary>
public sealed class SloWeekStatus
{
    public long Id { get; set; }

    public int SloId { get; set; }

    public int ModelId { get; set; }

    /// <summary>The dataset judged; a production-sample dataset keeps its id while its version changes every week.</summary>
    public int DatasetId { get; set; }

    public string Week { get; set; } = "";

    /// <summary>The segment value judged, or an empty string for the overall figure.</summary>
    public string SegmentValue { get; set; } = "";

    public SloStatus Status { get; set; }

    public double? Figure { get; set; }

    /// <summary>Present values in scope this week.</summary>
    public int Examples { get; set; }

    public int BadCount { get; set; }

    public int WindowExamples { get; set; }

    public int WindowBad { get; set; }

    /// <summary>Bad examples the four-week window allows; null for mean and quantile SLOs.</summary>
    public double? BudgetAllowed { get; set; }

    public double? BudgetLeft { get; set; }

    public double? WeekBurnRate { get; set; }

    public double? WindowBurnRate { get; set; }

    public bool FastBurn { get; set; }

    public bool SlowBurn { get; set; }

    /// <summary>Ids of the runs in scope separated by commas, ascending.</summary>
    public string RunIds { get; set; } = "";

    public DateTime EvaluatedAtUtc { get; set; }
}

/// <summary>
/// A freeze of one week's scorecard: the snapshot as canonical JSON and its SHA-256. A row with
/// no unfreeze time is the week's current freeze; unfrozen rows stay as history.
/// </summary>
public sealed class ScorecardFreeze
{
    public long Id { get; set; }

    public string Week { get; set; } = "";

    public DateTime FrozenAtUtc { get; set; }

    public string FrozenBy { get; set; } = "";

    public string SnapshotJson { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of <see cref="SnapshotJson"/>.</summary>
    public string SnapshotSha256 { get; set; } = "";

    public DateTime? UnfrozenAtUtc { get; set; }

    public string? UnfrozenBy { get; set; }

    public string? UnfreezeReason { get; set; }
}
