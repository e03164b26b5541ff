using System.Security.Claims;
using Nuqta.Dashboard.Core.Releases;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Api;

/// <summary>Body of <c>POST /api/v1/launches</c>.</summary>
/// <param name="ComparisonId">Saved comparison of the candidate against the baseline alias's holder; omit only for a first launch.</param>
public sealed record CreateLaunchBody(string? Model, string? Alias, string? CandidateVersion, int? ComparisonId);

/// <summary>Optional body of <c>POST /api/v1/launches/{id}/withdraw</c>.</summary>
public sealed record WithdrawLaunchBody(string? Reason);

/// <summary>
/// Routes for launch requests, under <c>/api/v1</c>. Approving and rejecting are human acts done
/// in the browser, so their routes exist only to answer 403 with that message.
/// </summary>
public static class LaunchApi
{
    private const string BrowserOnly =
        "Launches are approved and rejected by a signed-in product owner on the launch request page in the browser; API keys cannot approve or reject.";

    public static RouteGroupBuilder MapLaunchApi(this RouteGroupBuilder api)
    {
        var launches = api.MapGroup("/launches").WithTags("Launches");
        launches.MapGet("/", ListLaunches).WithSummary("List launch requests, newest first (query: state = a state or open, model, page, pageSize)");
        launches.MapPost("/", CreateLaunch)
            .WithSummary("Create and submit a launch request, freezing its evidence (JSON: model, alias production or canary, candidateVersion, comparisonId; scope launches:write)");
        launches.MapGet("/{id:int}", GetLaunch).WithSummary("Get a launch request with its frozen evidence and decisions");
        launches.MapPost("/{id:int}/withdraw", WithdrawLaunch).WithSummary("Withdraw a launch request before promotion; requester only (JSON: reason, optional)");
        launches.MapPost("/{id:int}/promote", PromoteLaunch)
            .WithSummary("Promote an approved launch: move the alias to the candidate; requester or SRE, scope launches:promote");
        launches.MapPost("/{id:int}/approve", RefuseDecision).WithSummary("Always 403: approval is done in the browser");
        launches.MapPost("/{id:int}/reject", RefuseDecision).WithSummary("Always 403: rejection is done in the browser");
        return api;
    }

    private static async Task<IResult> ListLaunches(
        string? state, string? model, int? page, int? pageSize, ClaimsPrincipal user, ActorAccessor actors, LaunchQueries queries, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        var list = await queries.ListAsync(actor, new LaunchListQuery(state, model, page ?? 1, pageSize ?? 25), ct);
        return Results.Ok(new { items = list.Items.Select(ToBody), total = list.Total, page = list.Page, pageSize = list.PageSize });
    }

    private static async Task<IResult> CreateLaunch(CreateLaunchBody body, ClaimsPrincipal user, ActorAccessor actors, LaunchService launches, LaunchQueries queries, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        var id = await launches.CreateAsync(actor, new CreateLaunchRequest(body.Model, body.Alias, body.CandidateVersion, body.ComparisonId), ct);
        var view = await queries.GetAsync(actor, id, ct);
        return Results.Created($"/api/v1/launches/{id}", ToBody(view));
    }

    private static async Task<IResult> GetLaunch(int id, ClaimsPrincipal user, ActorAccessor actors, LaunchQueries queries, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        return Results.Ok(ToBody(await queries.GetAsync(actor, id, ct)));
    }

    private static async Task<IResult> WithdrawLaunch(
        int id, WithdrawLaunchBody? body, ClaimsPrincipal user, ActorAccessor actors, LaunchService launches, LaunchQueries queries, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        await launches.WithdrawAsync(actor, id, body?.Reason, ct);
        return Results.Ok(ToBody(await queries.GetAsync(actor, id, ct)));
    }

    private static async Task<IResult> PromoteLaunch(int id, ClaimsPrincipal user, ActorAccessor actors, LaunchService launches, LaunchQueries queries, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        await launches.PromoteAsync(actor, id, ct);
        return Results.Ok(ToBody(await queries.GetAsync(actor, id, ct)));
    }

    private static IResult RefuseDecision(int id) =>
        Results.Problem(BrowserOnly, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    private static object ToBody(LaunchSummary s) => new
    {
        id = s.Id,
        model = s.Model,
        alias = s.Alias,
        candidateVersion = s.CandidateVersion,
        baselineVersion = s.BaselineVersion,
        state = LaunchRules.Describe(s.State),
        gateVerdict = s.SubmittedAtUtc is null ? null : s.GateVerdict.ToString().ToLowerInvariant(),
        isOverride = s.IsOverride,
        requestedBy = s.RequestedBy,
        createdAtUtc = s.CreatedAtUtc,
        submittedAtUtc = s.SubmittedAtUtc,
        promotedAtUtc = s.PromotedAtUtc,
    };

    private static object ToBody(LaunchView view) => new
    {
        id = view.Summary.Id,
        model = view.Summary.Model,
        alias = view.Summary.Alias,
        baselineAlias = view.BaselineAlias,
        candidateVersion = view.Summary.CandidateVersion,
        baselineVersion = view.Summary.BaselineVersion,
        comparisonId = view.ComparisonId,
        state = LaunchRules.Describe(view.Summary.State),
        gateVerdict = view.Evidence?.Gate.Verdict.ToString().ToLowerInvariant(),
        isOverride = view.Summary.IsOverride,
        requestedBy = view.Summary.RequestedBy,
        createdAtUtc = view.Summary.CreatedAtUtc,
        submittedAtUtc = view.Summary.SubmittedAtUtc,
        promotedAtUtc = view.Summary.PromotedAtUtc,
        promotedBy = view.PromotedBy,
        evidenceSha256 = view.EvidenceSha256,
        evidenceIntact = view.EvidenceIntact,
        evidence = view.Evidence,
        decisions = view.Decisions.Select(d => new { kind = d.Kind.ToString().ToLowerInvariant(), actor = d.ActorName, comment = d.Comment, decidedAtUtc = d.DecidedAtUtc }),
    };
}
