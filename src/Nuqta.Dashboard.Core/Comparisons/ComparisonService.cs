using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>A saved comparison with its results and gate verdict.</summary>
public sealed record SavedComparisonView(int Id, DateTime CreatedAtUtc, string CreatedBy, ComparisonResult Result, GateOutcome Gate);

/// <summary>Result of a gate check: the verdict, its reasons and the comparison behind it, if one ran.</summary>
public sealed record GateCheckOutcome(GateVerdict Verdict, IReadOnlyList<string> Reasons, string? BaselineVersion, ComparisonResult? Comparison);

/// <summary>Runs, saves and reads comparisons, and checks a candidate against production.</summary>
public sealed class ComparisonService(
    IDbContextFactory<NuqtaDbContext> contexts,
    ComparisonEngine engine,
    GatePolicyService policies,
    AuditedWriter writer,
    TimeProvider time)
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
        var gate = GateEvaluator.Evaluate(result.Cells, await policies.GetRulesAsync(result.Candidate.Model, cancellationToken));
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
    /// version and evaluates the model's gate. Saves nothing.
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
        if (baselineVersion is null)
        {
            return new GateCheckOutcome(
                GateVerdict.Inconclusive,
                [$"Model {request.Model} has no version under the '{ProductionAlias}' alias, so there is no baseline to compare with. Absolute SLO checks, which would judge a first release alone, are not built yet."],
                null,
                null);
        }

        if (Names.Normalize(baselineVersion) == Names.Normalize(request.CandidateVersion!))
        {
            return new GateCheckOutcome(
                GateVerdict.Inconclusive,
                [$"Version {request.CandidateVersion} is already under the '{ProductionAlias}' alias, so there is nothing to compare it with."],
                baselineVersion,
                null);
        }

        var candidate = new ComparisonSide(Model: request.Model, Version: request.CandidateVersion, Dataset: request.Dataset, DatasetVersion: request.DatasetVersion);
        var baseline = candidate with { Version = baselineVersion };
        var result = await engine.CompareAsync(new ComparisonRequest(candidate, baseline), cancellationToken);
        var gate = GateEvaluator.Evaluate(result.Cells, await policies.GetRulesAsync(request.Model!, cancellationToken));
        return new GateCheckOutcome(gate.Verdict, gate.Reasons, baselineVersion, result);
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
