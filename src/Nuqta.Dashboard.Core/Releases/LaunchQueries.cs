using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>Reads launch requests for the list, the request page, the request form and the launch packet.</summary>
public sealed class LaunchQueries(IDbContextFactory<NuqtaDbContext> contexts, ModelRegistry registry)
{
    /// <summary>Returns launch requests, newest first, filtered by state and model.</summary>
    /// <exception cref="InputValidationException">The state filter is not a launch state or "open".</exception>
    public async Task<Paged<LaunchSummary>> ListAsync(Actor actor, LaunchListQuery query, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var launches = db.LaunchRequests.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.State))
        {
            launches = FilterByState(launches, query.State.Trim());
        }

        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            var model = Names.Normalize(query.Model);
            launches = launches.Where(l => l.Model!.NormalizedName == model);
        }

        var total = await launches.CountAsync(cancellationToken);
        var items = await Project(launches.OrderByDescending(l => l.Id)
            .Skip((query.SafePage - 1) * query.SafePageSize)
            .Take(query.SafePageSize))
            .ToListAsync(cancellationToken);
        return new Paged<LaunchSummary>(items, total, query.SafePage, query.SafePageSize);
    }

    /// <summary>Returns one launch request with its frozen evidence, checked against its hash.</summary>
    /// <exception cref="NotFoundException">No launch request has this id.</exception>
    public async Task<LaunchView> GetAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadViewAsync(db, id, cancellationToken);
    }

    /// <summary>Returns the current holders of the launch aliases and the versions of a model.</summary>
    public async Task<LaunchFormData> GetFormAsync(string modelName, CancellationToken cancellationToken = default)
    {
        var model = await registry.GetModelAsync(modelName, cancellationToken);
        var holders = LaunchRules.LaunchAliases.ToDictionary(
            alias => alias,
            alias => model.Aliases.FirstOrDefault(a => a.Name == alias)?.Version);
        return new LaunchFormData(model.Name, holders, model.Versions.Select(v => v.Label).ToList());
    }

    /// <summary>
    /// Returns the saved comparisons a launch of the candidate under the alias may cite: those of
    /// the candidate against the current holder of the baseline alias, newest first.
    /// </summary>
    public async Task<IReadOnlyList<ComparisonChoice>> ListComparisonChoicesAsync(string modelName, string alias, string candidateLabel, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await ModelRegistry.FindModelAsync(db, modelName, cancellationToken);
        var candidate = await ModelRegistry.FindVersionAsync(db, model, candidateLabel, cancellationToken);
        var holder = await LaunchService.HolderAsync(db, model.Id, LaunchRules.BaselineAliasFor(Names.Normalize(alias)), cancellationToken);
        if (holder is null)
        {
            return [];
        }

        return await db.SavedComparisons.AsNoTracking()
            .Where(c => c.CandidateModelVersionId == candidate.Id && c.BaselineModelVersionId == holder.Id)
            .Join(db.DatasetVersions, c => c.DatasetVersionId, v => v.Id, (c, v) => new { c, v })
            .OrderByDescending(x => x.c.Id)
            .Select(x => new ComparisonChoice(x.c.Id, x.c.CreatedAtUtc, x.c.CreatedBy, x.v.Dataset!.Name, x.v.Label, holder.Label, x.c.GateVerdict))
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Returns the launch packet of a promoted launch: the candidate's model card, the frozen
    /// evidence, the decisions, the launch's audit events with the promotion's alias move, and
    /// the chain head hash at promotion.
    /// </summary>
    /// <exception cref="ConflictException">The launch is not promoted yet.</exception>
    public async Task<LaunchPacket> GetPacketAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var view = await LoadViewAsync(db, id, cancellationToken);
        if (view.Summary.State != LaunchState.Promoted)
        {
            throw new ConflictException($"Launch request {id} is {LaunchRules.Describe(view.Summary.State)}; a launch packet exists only for a promoted launch.");
        }

        var subject = id.ToString(CultureInfo.InvariantCulture);
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.SubjectType == "launch" && e.SubjectId == subject)
            .OrderBy(e => e.Sequence)
            .ToListAsync(cancellationToken);
        var promoted = events.LastOrDefault(e => e.Action == "launch.promoted");
        if (promoted is not null)
        {
            // The promotion appends the alias move and then its own event in one write transaction,
            // so the move is the event just before it.
            var move = await db.AuditEvents.AsNoTracking()
                .FirstOrDefaultAsync(e => e.Sequence == promoted.Sequence - 1 && e.Action == "alias.moved", cancellationToken);
            if (move is not null)
            {
                events.Add(move);
            }
        }

        var model = await registry.GetModelAsync(view.Summary.Model, cancellationToken);
        var candidate = model.Versions.Single(v => v.Label == view.Summary.CandidateVersion);
        return new LaunchPacket(view, candidate, events.OrderBy(e => e.Sequence).ToList(), promoted?.Hash);
    }

    private static async Task<LaunchView> LoadViewAsync(NuqtaDbContext db, int id, CancellationToken cancellationToken)
    {
        var launch = await db.LaunchRequests.AsNoTracking().Where(l => l.Id == id)
            .Select(l => new { Launch = l, Decisions = l.Decisions.OrderBy(d => d.Id).ToList() })
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No launch request has id {id}.");
        var summary = await Project(db.LaunchRequests.AsNoTracking().Where(l => l.Id == id)).FirstAsync(cancellationToken);

        var l = launch.Launch;
        var evidence = l.EvidenceJson is null ? null : LaunchEvidenceBuilder.Parse(l.EvidenceJson);
        var intact = l.EvidenceJson is not null && LaunchService.Sha256(l.EvidenceJson) == l.EvidenceSha256;
        var decisions = launch.Decisions.Select(d => new LaunchDecisionView(d.Kind, d.ActorName, d.Comment, d.DecidedAtUtc)).ToList();
        return new LaunchView(summary, l.RequestedById, l.BaselineAlias, l.ComparisonId, evidence, l.EvidenceSha256, intact, decisions, l.PromotedByName, l.Revision);
    }

    private static IQueryable<LaunchRequest> FilterByState(IQueryable<LaunchRequest> launches, string state)
    {
        if (string.Equals(state, "open", StringComparison.OrdinalIgnoreCase))
        {
            return launches.Where(l => l.State == LaunchState.Draft || l.State == LaunchState.Submitted || l.State == LaunchState.Approved);
        }

        if (!Enum.TryParse<LaunchState>(state, ignoreCase: true, out var parsed) || int.TryParse(state, out _))
        {
            var allowed = string.Join(", ", Enum.GetValues<LaunchState>().Select(LaunchRules.Describe));
            throw new InputValidationException($"state '{state}' is not a launch state; use open or one of {allowed}", "state", state);
        }

        return launches.Where(l => l.State == parsed);
    }

    private static IQueryable<LaunchSummary> Project(IQueryable<LaunchRequest> launches) =>
        launches.Select(l => new LaunchSummary(
            l.Id,
            l.Model!.Name,
            l.Alias,
            l.CandidateVersion!.Label,
            l.BaselineVersion!.Label,
            l.State,
            l.GateVerdict,
            l.IsOverride,
            l.RequestedByName,
            l.CreatedAtUtc,
            l.SubmittedAtUtc,
            l.PromotedAtUtc));
}
