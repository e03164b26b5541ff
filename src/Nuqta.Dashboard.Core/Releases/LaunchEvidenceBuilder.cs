using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>
/// Gathers the evidence of a launch request: the cited comparison against the baseline alias's
/// holder, the gate rules, and the candidate's SLO status. A first launch, with no holder, is
/// judged on the absolute SLO targets alone.
/// </summary>
public sealed class LaunchEvidenceBuilder(
    IDbContextFactory<NuqtaDbContext> contexts,
    GatePolicyService policies,
    IServiceScopeFactory scopes,
    TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Reads a frozen evidence bundle back.</summary>
    public static LaunchEvidence Parse(string json) =>
        JsonSerializer.Deserialize<LaunchEvidence>(json, Json) ?? throw new JsonException("The evidence bundle is empty.");

    /// <summary>Builds the evidence from the current aliases and comparison, for the caller to freeze.</summary>
    /// <exception cref="InputValidationException">The comparison is missing, not needed, or compares other versions.</exception>
    /// <exception cref="NotFoundException">The model, version or comparison does not exist.</exception>
    public async Task<LaunchEvidence> BuildAsync(string modelName, string alias, string candidateLabel, int? comparisonId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await ModelRegistry.FindModelAsync(db, modelName, cancellationToken);
        var candidate = await ModelRegistry.FindVersionAsync(db, model, candidateLabel, cancellationToken);
        var baselineAlias = LaunchRules.BaselineAliasFor(alias);
        var holder = await LaunchService.HolderAsync(db, model.Id, baselineAlias, cancellationToken);
        var targetHolder = await LaunchService.HolderAsync(db, model.Id, alias, cancellationToken);
        if (holder?.Id == candidate.Id || targetHolder?.Id == candidate.Id)
        {
            var currentAlias = targetHolder?.Id == candidate.Id ? alias : baselineAlias;
            throw new InputValidationException($"invalid candidate: {candidate.Label} is already the '{currentAlias}' version of {model.Name}; request a launch of a newer version", "candidateVersion", candidate.Label);
        }

        var rules = await policies.GetRulesAsync(model.Name, cancellationToken);
        if (holder is null)
        {
            if (comparisonId is not null)
            {
                throw new InputValidationException(
                    $"the '{baselineAlias}' alias of {model.Name} holds no version, so this first launch is judged on the absolute SLO targets; leave comparisonId empty",
                    "comparisonId");
            }

            var runIds = await LatestRunsAsync(db, candidate.Id, cancellationToken);
            var firstSlo = await CheckSloAsync(model.Id, runIds, cancellationToken);
            return Assemble(model, alias, baselineAlias, candidate, null, null, rules, firstSlo);
        }

        if (comparisonId is not { } id)
        {
            throw new InputValidationException(
                $"comparisonId is required: cite a saved comparison of {candidate.Label} against {holder.Label}, the version under '{baselineAlias}'",
                "comparisonId");
        }

        var saved = await db.SavedComparisons.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken)
            ?? throw new NotFoundException($"No saved comparison has id {id}.");
        var result = JsonSerializer.Deserialize<ComparisonResult>(saved.ResultsJson, Json)!;
        if (saved.CandidateModelVersionId != candidate.Id || saved.BaselineModelVersionId != holder.Id)
        {
            throw new InputValidationException(
                $"comparison {id} compares {result.Candidate.Model} {result.Candidate.Version} with {result.Baseline.Version}, but this launch needs {candidate.Label} against {holder.Label}, the version under '{baselineAlias}'",
                "comparisonId",
                id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var comparison = new ComparisonEvidence(
            saved.Id,
            saved.CreatedAtUtc,
            saved.CreatedBy,
            result.DatasetVersionId,
            result.Dataset,
            result.DatasetVersion,
            result.Candidate.RunIds,
            result.Baseline.RunIds,
            result.Dimensions,
            result.Seed,
            result.Resamples,
            result.Metrics,
            result.Cells);
        var gate = new GateOutcome(saved.GateVerdict, JsonSerializer.Deserialize<List<string>>(saved.GateReasonsJson) ?? []);
        var slo = await CheckSloAsync(model.Id, result.Candidate.RunIds, cancellationToken);
        return Assemble(model, alias, baselineAlias, candidate, holder, (comparison, gate), rules, slo);
    }

    /// <summary>
    /// Judges the launch at submission. With a cited comparison the verdict is the comparison's
    /// saved gate verdict, failed by any SLO target the candidate misses now. A first launch is
    /// judged on the absolute SLO targets alone and is inconclusive without an SLO check.
    /// </summary>
    internal LaunchEvidence Assemble(
        Model model,
        string alias,
        string baselineAlias,
        ModelVersion candidate,
        ModelVersion? holder,
        (ComparisonEvidence Evidence, GateOutcome Gate)? comparison,
        GateRules rules,
        SloEvidence slo)
    {
        var misses = slo.Status == LaunchSloStatus.NotChecked ? null : slo.Misses;
        var items = new List<string>();
        GateOutcome gate;
        if (comparison is { } cited)
        {
            gate = WithSloStatus(cited.Gate, slo);
            items.AddRange(LaunchRules.InconclusiveMetrics(cited.Evidence.Cells, rules));
        }
        else
        {
            var why = $"First launch: the '{baselineAlias}' alias holds no version, so the candidate is judged on the absolute SLO targets alone.";
            gate = EvaluateFirstLaunch(why, misses, slo);
            if (misses is null)
            {
                items.Add("SLO");
            }
        }

        // Gate rules may have changed since the comparison was saved, leaving no metric to name;
        // the approver then acknowledges the verdict itself.
        if (gate.Verdict == GateVerdict.Inconclusive && items.Count == 0)
        {
            items.Add("inconclusive");
        }

        var evidence = new GateEvidence(
            gate.Verdict,
            gate.Reasons,
            comparison?.Gate.Verdict,
            rules.CriticalMetrics,
            rules.CountedDimensions,
            gate.Verdict == GateVerdict.Inconclusive ? items : []);
        return new LaunchEvidence(
            LaunchEvidence.CurrentSchema,
            model.Name,
            alias,
            baselineAlias,
            candidate.Label,
            holder?.Label,
            holder is null,
            comparison?.Evidence,
            evidence,
            slo,
            time.GetUtcNow().UtcDateTime);
    }

    // The saved gate judged the SLO targets when the comparison was saved. A target missed since
    // then fails the launch, and reasons already present are not repeated.
    private static GateOutcome WithSloStatus(GateOutcome saved, SloEvidence slo)
    {
        var reasons = saved.Reasons.ToList();
        var verdict = saved.Verdict;
        if (slo.Status == LaunchSloStatus.Missed)
        {
            verdict = GateVerdict.Fail;
            reasons.InsertRange(0, slo.Misses.Select(MissReason).Where(r => !reasons.Contains(r)).ToList());
        }

        if (!reasons.Contains(slo.Summary))
        {
            reasons.Add(slo.Summary);
        }

        return new GateOutcome(verdict, reasons);
    }

    private static GateOutcome EvaluateFirstLaunch(string why, IReadOnlyList<SloTargetMiss>? misses, SloEvidence slo)
    {
        var gate = GateEvaluator.EvaluateWithoutBaseline(why, misses);
        return gate.Reasons.Contains(slo.Summary) ? gate : gate with { Reasons = [.. gate.Reasons, slo.Summary] };
    }

    // Written as the gate writes SLO misses, so that a miss already in the saved reasons is recognised.
    private static string MissReason(SloTargetMiss miss) =>
        $"SLO {miss.SloName}{(miss.SegmentValue is null ? "" : $" in segment {miss.SegmentValue}")} missed: {miss.Reason}";

    private async Task<SloEvidence> CheckSloAsync(int modelId, IReadOnlyList<int> runIds, CancellationToken cancellationToken)
    {
        // Resolved in its own scope, so the SLO check may be registered as scoped or singleton.
        await using var scope = scopes.CreateAsyncScope();
        var check = scope.ServiceProvider.GetService<ISloTargetCheck>();
        if (check is null)
        {
            return new SloEvidence(LaunchSloStatus.NotChecked, runIds, [], GateEvaluator.NoSloCheckReason);
        }

        if (runIds.Count == 0)
        {
            return new SloEvidence(LaunchSloStatus.NotChecked, runIds, [], "SLO targets were not checked, because the candidate has no committed runs.");
        }

        var misses = await check.MissedTargetsAsync(modelId, runIds, cancellationToken);
        return misses.Count == 0
            ? new SloEvidence(LaunchSloStatus.Met, runIds, [], $"The candidate's runs ({runIds.Count}) meet every SLO target that has data.")
            : new SloEvidence(LaunchSloStatus.Missed, runIds, misses, $"The candidate's runs miss {misses.Count} SLO target(s).");
    }

    // The candidate's committed runs on the dataset version it was evaluated on most recently.
    private static async Task<IReadOnlyList<int>> LatestRunsAsync(NuqtaDbContext db, int versionId, CancellationToken cancellationToken)
    {
        var runs = db.EvaluationRuns.AsNoTracking().Where(r => r.ModelVersionId == versionId && r.State == StoreState.Committed);
        var latest = await runs.OrderByDescending(r => r.EvaluatedAtUtc).Select(r => (int?)r.DatasetVersionId).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return [];
        }

        return await runs.Where(r => r.DatasetVersionId == latest).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
    }
}
