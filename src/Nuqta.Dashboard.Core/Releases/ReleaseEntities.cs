using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>How bad a quality incident is.</summary>
public enum IncidentSeverity
{
    Minor,
    Major,
    Critical,
}

/// <summary>The state of a quality incident: open, mitigated (for example by a rollback) or resolved.</summary>
public enum IncidentStatus
{
    Open,
    Mitigated,
    Resolved,
}

/// <summary>What an entry of an incident's timeline records.</summary>
public enum IncidentNoteKind
{
    Opened,
    Note,
    StatusChange,
    Rollback,
}

/// <summary>A record of a quality breach of one model, with a timeline of notes and the rollbacks linked to it.</summary>
public sealed class QualityIncident
{
    public int Id { get; set; }

    public int ModelId { get; set; }

    public Model? Model { get; set; }

    public string Title { get; set; } = "";

    public IncidentSeverity Severity { get; set; }

    /// <summary>Free text naming the affected segments, for example "dialect=maghrebi"; empty when unknown.</summary>
    public string AffectedSegments { get; set; } = "";

    public IncidentStatus Status { get; set; }

    public DateTime OpenedAtUtc { get; set; }

    public string OpenedBy { get; set; } = "";

    public DateTime UpdatedAtUtc { get; set; }

    public List<IncidentNote> Notes { get; set; } = [];
}

/// <summary>One entry of an incident's timeline.</summary>
public sealed class IncidentNote
{
    public long Id { get; set; }

    public int IncidentId { get; set; }

    public IncidentNoteKind Kind { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public string ActorName { get; set; } = "";

    public string Text { get; set; } = "";
}

/// <summary>
/// One rollback of an alias: the alias move it made and the version it rolled back from. The
/// rolled-back-from version is never chosen again as a default rollback target of this alias.
/// </summary>
public sealed class Rollback
{
    public int Id { get; set; }

    public long AliasMoveId { get; set; }

    public AliasMove? AliasMove { get; set; }

    public int AliasId { get; set; }

    public int FromVersionId { get; set; }

    public ModelVersion? FromVersion { get; set; }

    public int ToVersionId { get; set; }

    public ModelVersion? ToVersion { get; set; }

    public int? IncidentId { get; set; }

    public QualityIncident? Incident { get; set; }

    public DateTime ExecutedAtUtc { get; set; }

    public string ActorName { get; set; } = "";

    public string Reason { get; set; } = "";
}
