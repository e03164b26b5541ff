using System.Security.Claims;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Api;

/// <summary>Body of <c>POST /api/v1/comparisons</c>: run ids for both sides, or a model with two versions on one dataset version.</summary>
public sealed record CreateComparisonBody(
    int[]? CandidateRunIds = null,
    int[]? BaselineRunIds = null,
    string? Model = null,
    string? CandidateVersion = null,
    string? BaselineVersion = null,
    string? Dataset = null,
    string? DatasetVersion = null,
    string[]? Segments = null,
    long? Seed = null,
    int? Resamples = null);

/// <summary>Routes for comparisons, release gates and gate policies, under <c>/api/v1</c>.</summary>
public static class ComparisonApi
{
    public static RouteGroupBuilder MapComparisonApi(this RouteGroupBuilder api)
    {
        var comparisons = api.MapGroup("/comparisons").WithTags("Comparisons");
        comparisons.MapPost("/", CreateComparison)
            .WithSummary("Compare a candidate with a baseline and save the result (JSON: candidateRunIds and baselineRunIds, or model, candidateVersion, baselineVersion, dataset, datasetVersion; optional segments, seed, resamples)");
        comparisons.MapGet("/{id:int}", GetComparison).WithSummary("Get a saved comparison with every cell and the gate verdict");

        api.MapPost("/gates/check", CheckGate).WithTags("Gates")
            .WithSummary("Check a candidate version against the version under the production alias (JSON: model, candidateVersion, dataset, datasetVersion)");
        api.MapGet("/models/{model}/gate-policy", GetGatePolicy).WithTags("Gates").WithSummary("Get a model's gate policy");
        api.MapPut("/models/{model}/gate-policy", SetGatePolicy).WithTags("Gates")
            .WithSummary("Set a model's gate policy, admins only (JSON: criticalMetrics, countedDimensions or null for all)");
        return api;
    }

    private static async Task<IResult> CreateComparison(CreateComparisonBody body, ClaimsPrincipal user, ActorAccessor actors, ComparisonService comparisons, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        var saved = await comparisons.SaveAsync(actor, ToRequest(body), ct);
        return Results.Created($"/api/v1/comparisons/{saved.Id}", ToBody(saved));
    }

    private static async Task<IResult> GetComparison(int id, ClaimsPrincipal user, ActorAccessor actors, ComparisonService comparisons, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        return Results.Ok(ToBody(await comparisons.GetAsync(actor, id, ct)));
    }

    private static async Task<IResult> CheckGate(GateCheckRequest body, ClaimsPrincipal user, ActorAccessor actors, ComparisonService comparisons, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        var outcome = await comparisons.CheckGateAsync(actor, body, ct);
        return Results.Ok(new
        {
            verdict = VerdictName(outcome.Verdict),
            reasons = outcome.Reasons,
            baselineVersion = outcome.BaselineVersion,
            comparison = outcome.Comparison,
        });
    }

    private static async Task<IResult> GetGatePolicy(string model, ClaimsPrincipal user, ActorAccessor actors, GatePolicyService policies, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Core.Access.Permission.Read);
        return Results.Ok(await policies.GetAsync(model, ct));
    }

    private static async Task<IResult> SetGatePolicy(string model, SetGatePolicyRequest body, ClaimsPrincipal user, ActorAccessor actors, GatePolicyService policies, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        return Results.Ok(await policies.SetAsync(actor, model, body, ct));
    }

    /// <summary>Maps the flat request body onto the two comparison sides.</summary>
    private static ComparisonRequest ToRequest(CreateComparisonBody body)
    {
        bool byRunIds = body.CandidateRunIds is not null || body.BaselineRunIds is not null;
        ComparisonSide candidate;
        ComparisonSide baseline;
        if (byRunIds)
        {
            // Model fields sent with run ids reach the resolver, which rejects a side given both ways.
            candidate = new ComparisonSide(body.CandidateRunIds ?? [], body.Model, body.CandidateVersion, body.Dataset, body.DatasetVersion);
            baseline = new ComparisonSide(body.BaselineRunIds ?? [], body.Model, body.BaselineVersion, body.Dataset, body.DatasetVersion);
        }
        else
        {
            candidate = new ComparisonSide(null, body.Model, body.CandidateVersion, body.Dataset, body.DatasetVersion);
            baseline = new ComparisonSide(null, body.Model, body.BaselineVersion, body.Dataset, body.DatasetVersion);
        }

        return new ComparisonRequest(candidate, baseline, body.Segments, body.Seed, body.Resamples);
    }

    private static object ToBody(SavedComparisonView saved) => new
    {
        id = saved.Id,
        createdAtUtc = saved.CreatedAtUtc,
        createdBy = saved.CreatedBy,
        dataset = saved.Result.Dataset,
        datasetVersion = saved.Result.DatasetVersion,
        candidate = saved.Result.Candidate,
        baseline = saved.Result.Baseline,
        seed = saved.Result.Seed,
        resamples = saved.Result.Resamples,
        dimensions = saved.Result.Dimensions,
        metrics = saved.Result.Metrics,
        cells = saved.Result.Cells,
        gate = new { verdict = VerdictName(saved.Gate.Verdict), reasons = saved.Gate.Reasons },
    };

    private static string VerdictName(GateVerdict verdict) => verdict.ToString().ToLowerInvariant();
}
