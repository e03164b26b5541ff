using System.Security.Claims;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Releases;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Api;

/// <summary>The body of a rollback request.</summary>
/// <param name="ToVersion">The version to return to; omit it for the default target.</param>
/// <param name="ExpectedVersion">The version the caller believes the alias points to; a mismatch returns 409.</param>
/// <param name="Severity">minor, major or critical; major when omitted.</param>
/// <param name="IncidentId">An open incident of the model to link; omit it to open a new incident.</param>
/// <param name="ConfirmModelName">The model name, required when signed in with a browser cookie.</param>
public sealed record RollbackBody(
    string? ToVersion,
    string? Reason,
    string? ExpectedVersion,
    string? Severity = null,
    int? IncidentId = null,
    string? IncidentTitle = null,
    string? AffectedSegments = null,
    string? ConfirmModelName = null);

/// <summary>Routes that read aliases and roll them back, under <c>/api/v1/models/{model}/aliases</c>.</summary>
public static class AliasApi
{
    public static RouteGroupBuilder MapAliasApi(this RouteGroupBuilder api)
    {
        var aliases = api.MapGroup("/models/{model}/aliases").WithTags("Aliases");
        aliases.MapGet("/{alias}", GetAlias).WithSummary("Get the version an alias points to (for deployment tools that poll)");
        aliases.MapGet("/{alias}/history", GetHistory).WithSummary("List an alias's moves, newest first, with times, actors and reasons");
        aliases.MapPost("/{alias}/rollback", RollBack)
            .WithSummary("Roll an alias back (JSON: reason, expectedVersion, optional toVersion, severity, incidentId, incidentTitle, affectedSegments; scope rollback). A stale expectedVersion returns 409.");
        return api;
    }

    private static async Task<IResult> GetAlias(string model, string alias, ClaimsPrincipal user, ActorAccessor actors, ModelRegistry registry, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        var detail = await registry.GetModelAsync(model, ct);
        var found = detail.Aliases.FirstOrDefault(a => a.Name == Names.Normalize(alias))
            ?? throw new NotFoundException($"Model '{detail.Name}' has no alias '{alias}'.");
        return Results.Ok(new { model = detail.Name, alias = found.Name, version = found.Version, revision = found.Revision, updatedAt = found.UpdatedAtUtc });
    }

    private static async Task<IResult> GetHistory(string model, string alias, ClaimsPrincipal user, ActorAccessor actors, ModelRegistry registry, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        var detail = await registry.GetModelAsync(model, ct);
        var moves = await registry.GetAliasHistoryAsync(model, alias, ct);
        return Results.Ok(new
        {
            model = detail.Name,
            alias = Names.Normalize(alias),
            moves = moves.Select(m => new
            {
                fromVersion = m.FromVersion,
                toVersion = m.ToVersion,
                kind = m.Kind.ToLowerInvariant(),
                movedAt = m.MovedAtUtc,
                actor = m.Actor,
                reason = m.Reason,
            }),
        });
    }

    private static async Task<IResult> RollBack(string model, string alias, RollbackBody body, ClaimsPrincipal user, ActorAccessor actors, RollbackService rollbacks, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        actor.Demand(Permission.Rollback);
        if (string.IsNullOrWhiteSpace(body.ExpectedVersion))
        {
            throw new InputValidationException("expectedVersion is required: name the version you believe the alias points to", "expectedVersion");
        }

        var request = new RollbackRequest(
            body.ToVersion,
            body.Reason ?? "",
            ExpectedVersion: body.ExpectedVersion,
            ConfirmModelName: body.ConfirmModelName,
            IncidentId: body.IncidentId,
            IncidentTitle: body.IncidentTitle,
            Severity: ParseSeverity(body.Severity),
            AffectedSegments: body.AffectedSegments);
        var outcome = await rollbacks.RollBackAsync(actor, model, alias, request, ct);
        return Results.Ok(new
        {
            rollbackId = outcome.RollbackId,
            model = outcome.Model,
            alias = outcome.Alias,
            fromVersion = outcome.FromVersion,
            toVersion = outcome.ToVersion,
            revision = outcome.Revision,
            executedAt = outcome.ExecutedAtUtc,
            incidentId = outcome.IncidentId,
            incidentOpened = outcome.IncidentOpened,
        });
    }

    private static IncidentSeverity ParseSeverity(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return IncidentSeverity.Major;
        }

        return Enum.TryParse<IncidentSeverity>(value.Trim(), ignoreCase: true, out var severity) && Enum.IsDefined(severity) && !int.TryParse(value, out _)
            ? severity
            : throw new InputValidationException($"severity '{value.Trim()}' is not valid; use minor, major or critical", "severity", value);
    }
}
