using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>Where a launch request is in its life: draft → submitted → approved or rejected → promoted; withdrawn before promotion.</summary>
public enum LaunchState
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    Promoted,
    Withdrawn,
}

/// <summary>Kind of a product owner's decision on a launch request.</summary>
public enum LaunchDecisionKind
{
    /// <summary>Approval of a passing or inconclusive gate.</summary>
    Approval,

    /// <summary>Approval of a failing gate with a written justification; two are needed.</summary>
    Override,

    Rejection,
}

/// <summary>
/// A request to point an alias of a model at a candidate version. The evidence is frozen as
/// canonical JSON at submission and never changes afterwards.
/// </summary>
public sealed class LaunchRequest
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public Model? Model { get; set; }

    /// <summary>The alias to move: <c>production</c> or <c>canary</c>.</summary>
    public string Alias { get; set; } = "";

    /// <summary>The alias whose holder is the baseline: the target alias, or <c>production</c> for a canary.</summary>
    public string BaselineAlias { get; set; } = "";

    public int CandidateVersionId { get; set; }

    public ModelVersion? CandidateVersion { get; set; }

    /// <summary>The version that held <see cref="BaselineAlias"/> at submission; null for a first launch.</summary>
    public int? BaselineVersionId { get; set; }

    public ModelVersion? BaselineVersion { get; set; }

    /// <summary>The saved comparison cited as evidence; null for a first launch judged on SLO targets.</summary>
    public int? ComparisonId { get; set; }

    public LaunchState State { get; set; }

    /// <summary>Gate verdict of the frozen evidence; meaningful from submission on.</summary>
    public GateVerdict GateVerdict { get; set; }

    /// <summary>True when the gate failed and two product owners approved by override.</summary>
    public bool IsOverride { get; set; }

    /// <summary>The evidence bundle as canonical JSON (RFC 8785), exactly as hashed; null while a draft.</summary>
    public string? EvidenceJson { get; set; }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of <see cref="EvidenceJson"/>.</summary>
    public string? EvidenceSha256 { get; set; }

    /// <summary>Id of the requesting user or service account, compared with approvers for four-eyes.</summary>
    public string RequestedById { get; set; } = "";

    public string RequestedByName { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? SubmittedAtUtc { get; set; }

    /// <summary>When the request became approved, rejected or withdrawn.</summary>
    public DateTime? DecidedAtUtc { get; set; }

    public DateTime? PromotedAtUtc { get; set; }

    public string? PromotedByName { get; set; }

    /// <summary>Bumped by every state change, so two acts on the same stale state cannot both succeed.</summary>
    public int Revision { get; set; }

    public List<LaunchDecision> Decisions { get; set; } = [];
}

/// <summary>One product owner's approval, override or rejection, with the comment or justification.</summary>
public sealed class LaunchDecision
{
    public long Id { get; set; }

    public int LaunchRequestId { get; set; }

    public LaunchDecisionKind Kind { get; set; }

    public string ActorId { get; set; } = "";

    public string ActorName { get; set; } = "";

    public string Comment { get; set; } = "";

    public DateTime DecidedAtUtc { get; set; }
}
