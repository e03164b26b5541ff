using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>A request to launch a candidate version under an alias, citing a saved comparison.</summary>
/// <param name="ComparisonId">Saved comparison of the candidate against the baseline alias's holder; null only for a first launch.</param>
/// <param name="Submit">True submits at once and freezes the evidence; false keeps a draft.</param>
public sealed record CreateLaunchRequest(string? Model, string? Alias, string? CandidateVersion, int? ComparisonId, bool Submit = true);

/// <summary>One product owner's decision as shown on the request page and in the packet.</summary>
public sealed record LaunchDecisionView(LaunchDecisionKind Kind, string ActorName, string Comment, DateTime DecidedAtUtc);

/// <summary>A launch request as listed.</summary>
public sealed record LaunchSummary(
    int Id,
    string Model,
    string Alias,
    string CandidateVersion,
    string? BaselineVersion,
    LaunchState State,
    GateVerdict GateVerdict,
    bool IsOverride,
    string RequestedBy,
    DateTime CreatedAtUtc,
    DateTime? SubmittedAtUtc,
    DateTime? PromotedAtUtc);

/// <summary>A launch request with its frozen evidence and decisions.</summary>
/// <param name="EvidenceIntact">True when the stored evidence still hashes to <paramref name="EvidenceSha256"/>.</param>
public sealed record LaunchView(
    LaunchSummary Summary,
    string RequestedById,
    string BaselineAlias,
    int? ComparisonId,
    LaunchEvidence? Evidence,
    string? EvidenceSha256,
    bool EvidenceIntact,
    IReadOnlyList<LaunchDecisionView> Decisions,
    string? PromotedBy,
    int Revision);

/// <summary>Filter and page of the launch list.</summary>
/// <param name="State">A <see cref="LaunchState"/> name, "open" for submitted or approved, or null for all.</param>
public sealed record LaunchListQuery(string? State = null, string? Model = null, int Page = 1, int PageSize = 25)
{
    public int SafePage => Math.Max(1, Page);

    public int SafePageSize => Math.Clamp(PageSize, 1, 200);
}

/// <summary>A saved comparison that a launch request may cite.</summary>
public sealed record ComparisonChoice(int Id, DateTime CreatedAtUtc, string CreatedBy, string Dataset, string DatasetVersion, string BaselineVersion, GateVerdict Gate);

/// <summary>What the request form needs: the current holders of the launch aliases and the model's versions.</summary>
public sealed record LaunchFormData(string Model, IReadOnlyDictionary<string, string?> Holders, IReadOnlyList<string> Versions);

/// <summary>Everything the printable launch packet shows.</summary>
/// <param name="Candidate">The candidate version with its model-card fields.</param>
/// <param name="Events">Audit events of the launch and the alias move of its promotion, oldest first.</param>
/// <param name="HeadHashAtPromotion">Hash of the promotion's audit event, the chain head when the promotion committed.</param>
public sealed record LaunchPacket(LaunchView Launch, ModelVersionView Candidate, IReadOnlyList<AuditEvent> Events, string? HeadHashAtPromotion);
