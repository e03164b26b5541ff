using System.Text.Json.Serialization;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>
/// The evidence bundle of a launch request, frozen at submission as canonical JSON and hashed.
/// Everything the product owner decides on is copied in, so later uploads or comparisons do not
/// change what was approved.
/// </summary>
/// <param name="Schema">Format name and version of this bundle.</param>
/// <param name="FirstLaunch">True when the baseline alias had no holder, so absolute SLO targets judge the candidate.</param>
/// <param name="Comparison">The cited comparison, or null for a first launch.</param>
public sealed record LaunchEvidence(
    string Schema,
    string Model,
    string Alias,
    string BaselineAlias,
    string CandidateVersion,
    string? BaselineVersion,
    bool FirstLaunch,
    ComparisonEvidence? Comparison,
    GateEvidence Gate,
    SloEvidence Slo,
    DateTime FrozenAtUtc)
{
    /// <summary>Value of <see cref="Schema"/> written by this version of the app.</summary>
    public const string CurrentSchema = "nuqta.launch-evidence/1";
}

/// <summary>A saved comparison as cited by a launch: its settings and full results.</summary>
public sealed record ComparisonEvidence(
    int Id,
    DateTime CreatedAtUtc,
    string CreatedBy,
    int DatasetVersionId,
    string Dataset,
    string DatasetVersion,
    IReadOnlyList<int> CandidateRunIds,
    IReadOnlyList<int> BaselineRunIds,
    IReadOnlyList<string> Dimensions,
    long Seed,
    int Resamples,
    IReadOnlyList<MetricComparisonSummary> Metrics,
    IReadOnlyList<ComparisonCell> Cells);

/// <summary>The launch's gate verdict and the rules it was judged by.</summary>
/// <param name="Verdict">The launch verdict: the comparison's gate verdict, failed by any missed SLO target.</param>
/// <param name="Reasons">One sentence per reason, failures first.</param>
/// <param name="ComparisonVerdict">The gate verdict saved with the comparison, or null for a first launch.</param>
/// <param name="InconclusiveItems">
/// What an approval of an inconclusive gate must name in its comment: each critical metric key
/// without a verdict, and <c>SLO</c> when the SLO targets could not be checked.
/// </param>
public sealed record GateEvidence(
    GateVerdict Verdict,
    IReadOnlyList<string> Reasons,
    GateVerdict? ComparisonVerdict,
    IReadOnlyList<string> CriticalMetrics,
    IReadOnlyList<string>? CountedDimensions,
    IReadOnlyList<string> InconclusiveItems);

/// <summary>Whether the candidate's own figures met the absolute SLO targets.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SloStatus>))]
public enum SloStatus
{
    Met,
    Missed,

    /// <summary>No SLO check is available, or the candidate had no runs to check.</summary>
    NotChecked,
}

/// <summary>The SLO status of the candidate's runs at submission.</summary>
public sealed record SloEvidence(SloStatus Status, IReadOnlyList<int> RunIds, IReadOnlyList<SloTargetMiss> Misses, string Summary);
