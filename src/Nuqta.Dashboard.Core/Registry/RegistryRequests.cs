namespace Nuqta.Dashboard.Core.Registry;

public sealed record RegisterModelRequest(string Name, string? Team = null, string? Description = null);

public sealed record UpdateModelRequest(string? Team, string? Description);

/// <summary>Model-card fields: what a version is for and where it falls short.</summary>
public sealed record ModelCard(string? IntendedUse, string? Limitations, string? Languages);

public sealed record RegisterModelVersionRequest(
    string Version,
    string? ArtefactUri = null,
    string? BaseModel = null,
    string? ConfigHash = null,
    string? ParentVersion = null,
    ModelCard? ModelCard = null,
    string? Description = null);

public sealed record UpdateModelVersionRequest(string? Description, ModelCard? ModelCard);

public sealed record ListQuery(string? Search = null, string? Sort = null, bool Descending = false, int Page = 1, int PageSize = 25)
{
    public int SafePage => Math.Max(1, Page);

    public int SafePageSize => Math.Clamp(PageSize, 1, 200);
}

public sealed record ModelSummary(int Id, string Name, string Team, string Description, int VersionCount, string? ProductionVersion, DateTime CreatedAtUtc);

public sealed record ModelVersionView(
    int Id,
    string Label,
    string ArtefactUri,
    string BaseModel,
    string ConfigHash,
    string? ParentVersion,
    string Description,
    ModelCard ModelCard,
    IReadOnlyList<string> Aliases,
    DateTime CreatedAtUtc,
    string CreatedBy);

public sealed record AliasView(int Id, string Name, string? Version, int? VersionId, int Revision, DateTime UpdatedAtUtc);

public sealed record ModelDetail(
    int Id,
    string Name,
    string Team,
    string Description,
    DateTime CreatedAtUtc,
    string CreatedBy,
    IReadOnlyList<ModelVersionView> Versions,
    IReadOnlyList<AliasView> Aliases);

public sealed record AliasMoveView(long Id, string Alias, string? FromVersion, string? ToVersion, string Kind, DateTime MovedAtUtc, string Actor, string Reason);

public sealed record SetAliasRequest(string Version, int ExpectedRevision, string Reason);
