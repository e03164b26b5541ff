using Nuqta.Dashboard.Core.Comparisons;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>
/// A request to roll an alias back. The caller names the state it saw, by revision (the browser)
/// or by version label (the API), and the rollback is rejected when the alias moved since.
/// </summary>
/// <param name="ToVersion">The version to return to; null for the default target.</param>
/// <param name="ExpectedVersion">The version label the caller believes the alias points to.</param>
/// <param name="ExpectedRevision">The alias revision the caller loaded.</param>
/// <param name="ConfirmModelName">The model name as typed by a signed-in user; API keys need none.</param>
/// <param name="IncidentId">An open incident of the same model to link; null opens a new one.</param>
/// <param name="IncidentTitle">Title of the new incident; null for a title naming the rollback.</param>
/// <param name="AffectedSegments">Segments the breach affects, for the new incident.</param>
public sealed record RollbackRequest(
    string? ToVersion,
    string Reason,
    string? ExpectedVersion = null,
    int? ExpectedRevision = null,
    string? ConfirmModelName = null,
    int? IncidentId = null,
    string? IncidentTitle = null,
    IncidentSeverity Severity = IncidentSeverity.Major,
    string? AffectedSegments = null);

/// <summary>What a rollback did.</summary>
public sealed record RollbackOutcome(
    int RollbackId,
    string Model,
    string Alias,
    string FromVersion,
    string ToVersion,
    int Revision,
    DateTime ExecutedAtUtc,
    int IncidentId,
    bool IncidentOpened);

/// <summary>The newest saved comparison between the current holder and a rollback target.</summary>
/// <param name="CandidateVersion">The comparison's candidate version (either of the two).</param>
public sealed record RollbackComparison(
    int Id,
    string CandidateVersion,
    string BaselineVersion,
    string DatasetVersion,
    GateVerdict Verdict,
    IReadOnlyList<string> Reasons,
    DateTime CreatedAtUtc);

/// <summary>What the rollback dialog shows: the current holder, the allowed targets and the default.</summary>
public sealed record RollbackPlan(
    string Model,
    string Alias,
    string? CurrentVersion,
    int? CurrentVersionId,
    int Revision,
    IReadOnlyList<RollbackTarget> Targets,
    RollbackTarget? DefaultTarget,
    IReadOnlyList<IncidentSummary> OpenIncidents);

public sealed record IncidentSummary(
    int Id,
    string Model,
    string Title,
    IncidentSeverity Severity,
    IncidentStatus Status,
    string AffectedSegments,
    DateTime OpenedAtUtc,
    string OpenedBy,
    DateTime UpdatedAtUtc);

public sealed record IncidentNoteView(long Id, IncidentNoteKind Kind, DateTime CreatedAtUtc, string Actor, string Text);

public sealed record RollbackView(
    int Id,
    string Model,
    string Alias,
    string FromVersion,
    string ToVersion,
    DateTime ExecutedAtUtc,
    string Actor,
    string Reason,
    int? IncidentId);

public sealed record IncidentDetail(IncidentSummary Incident, IReadOnlyList<IncidentNoteView> Timeline, IReadOnlyList<RollbackView> Rollbacks);

public sealed record OpenIncidentRequest(string Model, string Title, IncidentSeverity Severity, string? AffectedSegments, string? Note);

public sealed record IncidentListQuery(IncidentStatus? Status = null, string? Model = null, bool OpenOnly = false, int Page = 1, int PageSize = 25);
