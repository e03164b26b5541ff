using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>How an SLO compares its weekly figure with its target.</summary>
public enum SloComparator
{
    /// <summary>Met when the figure is at most the target (p95 latency_ms &lt;= 2,500).</summary>
    AtMost,

    /// <summary>Met when the figure is at least the target (cited_support good-rate &gt;= 0.90).</summary>
    AtLeast,
}

/// <summary>
/// A behavioural SLO: an objective on one metric's weekly aggregate, for one model or all, overall
/// or per segment value of one dimension. Rate SLOs are stated as good-rates, so their error budget
/// is (1 - target) x examples.
/// </summary>
public sealed class SloDefinition
{
    public int Id { get; set; }

    /// <summary>Short unique name shown on the scorecard ("p95 latency", "cited support").</summary>
    public string Name { get; set; } = "";

    public string NormalizedName { get; set; } = "";

    public int MetricId { get; set; }

    public Metric? Metric { get; set; }

    /// <summary>The aggregate judged: <c>mean</c>, <c>good-rate</c>, or a quantile such as <c>p95</c>.</summary>
    public string Aggregate { get; set; } = "mean";

    public SloComparator Comparator { get; set; }

    public double Target { get; set; }

    /// <summary>The model judged, or null for every model.</summary>
    public int? ModelId { get; set; }

    public Model? Model { get; set; }

    /// <summary>
    /// JSON array of run kind names (<c>regression</c>, <c>production-sample</c>) judged; null for the
    /// default scope: production-sample runs and runs on golden datasets.
    /// </summary>
    public string? RunKindsJson { get; set; }

    /// <summary>JSON array of dataset names judged in addition to the run kinds; null for none.</summary>
    public string? DatasetNamesJson { get; set; }

    /// <summary>A segment dimension to judge each value of, or null to judge the overall figure only.</summary>
    public string? Dimension { get; set; }

    /// <summary>Fewer examples than this in a week gives the status "insufficient data".</summary>
    public int MinExamples { get; set; } = 20;

    public bool IsEnabled { get; set; } = true;

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = "";
}
