using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>A saved comparison with its results and gate verdict.</summary>
public sealed record SavedComparisonView(int Id, DateTime CreatedAtUtc, string CreatedBy, ComparisonResult Result, GateOutcome Gate);

/// <summary>Result of a gate check: the verdict, its reasons and the comparison behind it, if one ran.</summary>
public sealed record GateCheckOutcome(GateVerdict Verdict, IReadOnlyList<string> Reasons, string? BaselineVersion, ComparisonResult? Comparison);

/// <summary>A comparison computed for viewing, with the gate verdict it would be saved with.</summary>
public sealed record ComparisonPreview(ComparisonResult Result, GateOutcome Gate);

/// <summary>One saved comparison in a list.</summary>
public sealed record SavedComparisonSummary(
    int Id,
    DateTime CreatedAtUtc,
    string CreatedBy,
    string Model,
    string CandidateVersion,
    string BaselineVersion,
    string Dataset,
    string DatasetVersion,
    GateVerdict Gate);

/// <summary>Runs, saves and reads comparisons, and checks a candidate against production.</summary>
public sealed class ComparisonService(
    IDbContextFactory<NuqtaDbContext> contexts,
    ComparisonEngine engine,
    GatePolicyService policies,
    AuditedWriter writer,
    TimeProvider time,
    IServiceScopeFactory scopes)
{
    /// <summary>Name of the alias whose version is the baseline of a gate check.</summary>
    public const string ProductionAlias = "production";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Compares, evaluates the candidate model's gate, and saves both with the audit event <c>comparison.saved</c>.</summary>
    /// <exception cref="AccessDeniedException">The actor lacks <see cref="Permission.ComparisonsWrite"/>.</exception>
    /// <exception cref="InputValidationException">See <see cref="ComparisonEngine.CompareAsync"/>.</exception>
    public async Task<SavedComparisonView> SaveAsync(Actor actor, ComparisonRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ComparisonsWrite);
        var result = await engine.CompareAsync(request, cancellationToken);
        var gate = await EvaluateGateAsync(result, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var saved = new SavedComparison
        {
            DatasetVersionId = result.DatasetVersionId,
            CandidateModelVersionId = result.Candidate.ModelVersionId,
            BaselineModelVersionId = result.Baseline.ModelVersionId,
            CandidateRunIdsJson = JsonSerializer.Serialize(result.Candidate.RunIds),
            BaselineRunIdsJson = JsonSerializer.Serialize(result.Baseline.RunIds),
            DimensionsJson = JsonSerializer.Serialize(result.Dimensions),
            Seed = result.Seed,
            Resamples = result.Resamples,
            ResultsJson = JsonSerializer.Serialize(result, Json),
            GateVerdict = gate.Verdict,
            GateReasonsJson = JsonSerializer.Serialize(gate.Reasons),
            CreatedAtUtc = now,
            CreatedBy = actor.Name,
        };

        await writer.RunAsync(actor, async db =>
        {
            db.SavedComparisons.Add(saved);
            await db.SaveChangesAsync(cancellationToken);
            var after = new
            {
                candidate = $"{result.Candidate.Model}/{result.Candidate.Version}",
                baseline = $"{result.Baseline.Model}/{result.Baseline.Version}",
                dataset = $"{result.Dataset}/{result.DatasetVersion}",
                candidateRunIds = result.Candidate.RunIds,
                baselineRunIds = result.Baseline.RunIds,
                dimensions = result.Dimensions,
                seed = result.Seed,
                resamples = result.Resamples,
                gate = gate.Verdict.ToString(),
            };
            return new Audited<int>(saved.Id, new AuditEntry("comparison.saved", "comparison", saved.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), After: after));
        }, cancellationToken);

        return new SavedComparisonView(saved.Id, now, actor.Name, result, gate);
    }

    /// <summary>Compares and evaluates the candidate model's gate without saving, for viewing.</summary>
    /// <exception cref="InputValidationException">See <see cref="ComparisonEngine.CompareAsync"/>.</exception>
    public async Task<ComparisonPreview> CompareAsync(Actor actor, ComparisonRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Read);
        var result = await engine.CompareAsync(request, cancellationToken);
        return new ComparisonPreview(result, await EvaluateGateAsync(result, cancellationToken));
    }

    /// <summary>Lists saved comparisons, newest first, optionally of one model.</summary>
    public async Task<Paged<SavedComparisonSummary>> ListAsync(Actor actor, string? model, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Read);
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.SavedComparisons.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(model))
        {
            var normalized = Names.Normalize(model);
            var modelVersionIds = db.ModelVersions.Where(v => v.Model!.NormalizedName == normalized).Select(v => v.Id);
            query = query.Where(c => modelVersionIds.Contains(c.CandidateModelVersionId));
        }

        int total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new
            {
                c.Id,
                c.CreatedAtUtc,
                c.CreatedBy,
                c.GateVerdict,
                Model = db.ModelVersions.Where(v => v.Id == c.CandidateModelVersionId).Select(v => v.Model!.Name).FirstOrDefault(),
                Candidate = db.ModelVersions.Where(v => v.Id == c.CandidateModelVersionId).Select(v => v.Label).FirstOrDefault(),
                Baseline = db.ModelVersions.Where(v => v.Id == c.BaselineModelVersionId).Select(v => v.Label).FirstOrDefault(),
                Dataset = db.DatasetVersions.Where(v => v.Id == c.DatasetVersionId).Select(v => v.Dataset!.Name).FirstOrDefault(),
                DatasetVersion = db.DatasetVersions.Where(v => v.Id == c.DatasetVersionId).Select(v => v.Label).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new SavedComparisonSummary(
            r.Id, r.CreatedAtUtc, r.CreatedBy, r.Model ?? "", r.Candidate ?? "", r.Baseline ?? "", r.Dataset ?? "", r.DatasetVersion ?? "", r.GateVerdict)).ToList();
        return new Paged<SavedComparisonSummary>(items, total, page, pageSize);
    }

    /// <summary>Returns a saved comparison.</summary>
    /// <exception cref="NotFoundException">No comparison has this id.</exception>
    public async Task<SavedComparisonView> GetAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var saved = await db.SavedComparisons.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"No comparison has id {id}.");
        var result = JsonSerializer.Deserialize<ComparisonResult>(saved.ResultsJson, Json)!;
        var reasons = JsonSerializer.Deserialize<List<string>>(saved.GateReasonsJson)!;
        return new SavedComparisonView(saved.Id, saved.CreatedAtUtc, saved.CreatedBy, result, new GateOutcome(saved.GateVerdict, reasons));
    }

    /// <summary>
    /// Compares the candidate version with the version under the <c>production</c> alias on one dataset
    /// version and evaluates the model's gate. Saves nothing. Without a production version the candidate
    /// is judged on the absolute SLO targets alone. When the production version has no runs on the dataset
    /// version the verdict is inconclusive, or fail when the candidate misses an SLO target.
    /// </summary>
    /// <exception cref="InputValidationException">A field is missing, or the candidate has no committed runs there.</exception>
    /// <exception cref="NotFoundException">No model has this name.</exception>
    public async Task<GateCheckOutcome> CheckGateAsync(Actor actor, GateCheckRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Read);
        var errors = new InputErrorCollector();
        foreach (var (value, field) in new[] { (request.Model, "model"), (request.CandidateVersion, "candidateVersion"), (request.Dataset, "dataset"), (request.DatasetVersion, "datasetVersion") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new InputError($"{field} is required", field));
            }
        }

        errors.ThrowIfAny();
        var baselineVersion = await FindProductionVersionAsync(request.Model!, cancellationToken);
        var candidate = new ComparisonSide(Model: request.Model, Version: request.CandidateVersion, Dataset: request.Dataset, DatasetVersion: request.DatasetVersion);
        if (baselineVersion is null)
        {
            // A first release has no baseline, so only the absolute SLO targets can judge it.
            var candidateRuns = await ResolveRunsAsync(candidate, "candidate", cancellationToken);
            var misses = await MissedSloTargetsAsync(candidateRuns[0].ModelVersion!.ModelId, candidateRuns.Select(r => r.Id).ToList(), cancellationToken);
            var firstRelease = GateEvaluator.EvaluateWithoutBaseline(
                $"Model {request.Model} has no version under the '{ProductionAlias}' alias, so there is no baseline to compare with.",
                misses);
            return new GateCheckOutcome(firstRelease.Verdict, firstRelease.Reasons, null, null);
        }

        if (Names.Normalize(baselineVersion) == Names.Normalize(request.CandidateVersion!))
        {
            return new GateCheckOutcome(
                GateVerdict.Inconclusive,
                [$"Version {request.CandidateVersion} is already under the '{ProductionAlias}' alias, so there is nothing to compare it with."],
                baselineVersion,
                null);
        }

        var baseline = candidate with { Version = baselineVersion };
        if (!await HasCommittedRunsAsync(baseline, cancellationToken))
        {
            // Without baseline runs on this dataset version no comparison can run. The candidate's own
            // SLO misses still fail the gate, and otherwise the verdict stays open.
            var candidateRuns = await ResolveRunsAsync(candidate, "candidate", cancellationToken);
            var misses = await MissedSloTargetsAsync(candidateRuns[0].ModelVersion!.ModelId, candidateRuns.Select(r => r.Id).ToList(), cancellationToken);
            string noRuns = $"The production version {baselineVersion} has no committed runs on {request.Dataset}/{request.DatasetVersion}, so there is no baseline to compare with. Import its results on that dataset version and check again.";
            var outcome = misses is { Count: > 0 }
                ? GateEvaluator.EvaluateWithoutBaseline(noRuns, misses)
                : new GateOutcome(GateVerdict.Inconclusive, misses is null ? [noRuns, GateEvaluator.NoSloCheckReason] : [noRuns]);
            return new GateCheckOutcome(outcome.Verdict, outcome.Reasons, baselineVersion, null);
        }

        var result = await engine.CompareAsync(new ComparisonRequest(candidate, baseline), cancellationToken);
        var gate = await EvaluateGateAsync(result, cancellationToken);
        return new GateCheckOutcome(gate.Verdict, gate.Reasons, baselineVersion, result);
    }

    /// <summary>Evaluates the candidate model's gate on a comparison, its SLO targets included.</summary>
    private async Task<GateOutcome> EvaluateGateAsync(ComparisonResult result, CancellationToken cancellationToken)
    {
        var rules = await policies.GetRulesAsync(result.Candidate.Model, cancellationToken);
        int modelId;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            modelId = await db.ModelVersions.Where(v => v.Id == result.Candidate.ModelVersionId).Select(v => v.ModelId).FirstAsync(cancellationToken);
        }

        var misses = await MissedSloTargetsAsync(modelId, result.Candidate.RunIds, cancellationToken);
        var gate = GateEvaluator.Evaluate(result.Cells, rules, misses);
        return misses is null ? gate with { Reasons = [.. gate.Reasons, GateEvaluator.NoSloCheckReason] } : gate;
    }

    /// <summary>
    /// Returns the SLO targets that the runs miss, or null when no <see cref="ISloTargetCheck"/> is
    /// registered. The check is resolved in its own scope, so it may be registered as scoped or singleton.
    /// </summary>
    private async Task<IReadOnlyList<SloTargetMiss>?> MissedSloTargetsAsync(int modelId, IReadOnlyList<int> runIds, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var check = scope.ServiceProvider.GetService<ISloTargetCheck>();
        return check is null ? null : await check.MissedTargetsAsync(modelId, runIds, cancellationToken);
    }

    private async Task<List<EvaluationRun>> ResolveRunsAsync(ComparisonSide side, string sideName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await ComparisonRunResolver.ResolveAsync(db, side, sideName, cancellationToken);
    }

    private async Task<bool> HasCommittedRunsAsync(ComparisonSide side, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = Names.Normalize(side.Model!);
        var version = Names.Normalize(side.Version!);
        var dataset = Names.Normalize(side.Dataset!);
        var datasetVersion = Names.Normalize(side.DatasetVersion!);
        return await db.EvaluationRuns.AnyAsync(
            r => r.State == StoreState.Committed
                && r.ModelVersion!.Model!.NormalizedName == model
                && r.ModelVersion.NormalizedLabel == version
                && r.DatasetVersion!.Dataset!.NormalizedName == dataset
                && r.DatasetVersion.NormalizedLabel == datasetVersion,
            cancellationToken);
    }

    private async Task<string?> FindProductionVersionAsync(string modelName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = Names.Normalize(modelName);
        var model = await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.NormalizedName == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model is named '{modelName}'.");
        return await db.Aliases.AsNoTracking()
            .Where(a => a.ModelId == model.Id && a.Name == ProductionAlias && a.ModelVersionId != null)
            .Select(a => a.ModelVersion!.Label)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
