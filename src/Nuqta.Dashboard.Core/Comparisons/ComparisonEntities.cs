using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>
/// The release gate of one model: which metrics are critical and which segment dimensions count.
/// A model without a row uses <see cref="GateRules.Default"/>.
/// </summary>
public sealed class GatePolicy
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public Model? Model { get; set; }

    /// <summary>JSON array of critical metric keys.</summary>
    public string CriticalMetricsJson { get; set; } = "[]";

    /// <summary>JSON array of the dimension names that count, or null when every dimension counts.</summary>
    public string? CountedDimensionsJson { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string UpdatedBy { get; set; } = "";
}

/// <summary>A stored comparison: its settings, its full results and the gate verdict at the time it ran.</summary>
public sealed class SavedComparison
{
    public int Id { get; set; }

    public int DatasetVersionId { get; set; }

    public int CandidateModelVersionId { get; set; }

    public int BaselineModelVersionId { get; set; }

    /// <summary>JSON array of the candidate's run ids.</summary>
    public string CandidateRunIdsJson { get; set; } = "[]";

    public string BaselineRunIdsJson { get; set; } = "[]";

    /// <summary>JSON array of the segment dimensions compared.</summary>
    public string DimensionsJson { get; set; } = "[]";

    public long Seed { get; set; }

    public int Resamples { get; set; }

    /// <summary>The <see cref="ComparisonResult"/> as JSON.</summary>
    public string ResultsJson { get; set; } = "{}";

    public GateVerdict GateVerdict { get; set; }

    /// <summary>JSON array of the gate's reasons.</summary>
    public string GateReasonsJson { get; set; } = "[]";

    public DateTime CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";
}
