using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>A dataset version on which a model version has committed runs.</summary>
/// <param name="ProductionHasRuns">Whether the version under <c>production</c> also has committed runs there.</param>
public sealed record DatasetVersionChoice(string Dataset, string Version, int Runs, DateTime LatestEvaluatedAtUtc, bool ProductionHasRuns);

/// <summary>
/// What a comparison form can offer for a model: its versions, the version under <c>production</c>,
/// the dataset versions the candidate has runs on, and the versions with runs on the chosen dataset version.
/// </summary>
public sealed record ComparisonChoices(
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Versions,
    string? ProductionVersion,
    IReadOnlyList<DatasetVersionChoice> DatasetVersions,
    IReadOnlyList<string> BaselineVersions);

/// <summary>One example where the candidate did worse than the baseline, with both outputs.</summary>
/// <param name="Index">Example index in the dataset version.</param>
/// <param name="Harm">How much worse the candidate is, in the metric's units; positive is worse.</param>
/// <param name="CandidateRunId">Run whose output is shown for the candidate: the first of its runs that stored one.</param>
public sealed record PairedDrop(
    int Index,
    string Key,
    string Input,
    string? Reference,
    double Candidate,
    double Baseline,
    double Harm,
    int? CandidateRunId,
    string? CandidateOutput,
    int? BaselineRunId,
    string? BaselineOutput);

/// <summary>
/// Per-example values of one metric on both sides of a comparison, within one segment or overall,
/// trials averaged per example and missing values left out, and the largest paired drops.
/// </summary>
public sealed record MetricExamples(
    string Metric,
    MetricDirection Direction,
    IReadOnlyList<double> Candidate,
    IReadOnlyList<double> Baseline,
    int PairCount,
    IReadOnlyList<PairedDrop> LargestDrops);

/// <summary>Reads what the comparison page shows besides the cells: form choices, distributions and drill-down examples.</summary>
public sealed class ComparisonQueries(IDbContextFactory<NuqtaDbContext> contexts)
{
    /// <summary>Most drops <see cref="GetMetricExamplesAsync"/> returns.</summary>
    public const int MaxDrops = 50;

    /// <summary>
    /// Returns the choices for a comparison form. Each argument narrows the next: the model gives its
    /// versions, the candidate version its dataset versions, and the dataset version the baseline versions.
    /// </summary>
    public async Task<ComparisonChoices> GetChoicesAsync(string? model, string? candidateVersion, string? dataset, string? datasetVersion, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var models = await db.Models.AsNoTracking().OrderBy(m => m.Name).Select(m => m.Name).ToListAsync(cancellationToken);
        var modelRow = string.IsNullOrWhiteSpace(model)
            ? null
            : await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.NormalizedName == Names.Normalize(model), cancellationToken);
        if (modelRow is null)
        {
            return new ComparisonChoices(models, [], null, [], []);
        }

        var versions = await db.ModelVersions.AsNoTracking()
            .Where(v => v.ModelId == modelRow.Id)
            .OrderByDescending(v => v.CreatedAtUtc).ThenByDescending(v => v.Id)
            .Select(v => v.Label)
            .ToListAsync(cancellationToken);
        var production = await db.Aliases.AsNoTracking()
            .Where(a => a.ModelId == modelRow.Id && a.Name == ComparisonService.ProductionAlias && a.ModelVersionId != null)
            .Select(a => a.ModelVersion!.Label)
            .FirstOrDefaultAsync(cancellationToken);

        var runs = db.EvaluationRuns.AsNoTracking().Where(r => r.State == StoreState.Committed && r.ModelVersion!.ModelId == modelRow.Id);
        IReadOnlyList<DatasetVersionChoice> datasetVersions = [];
        if (!string.IsNullOrWhiteSpace(candidateVersion))
        {
            var label = Names.Normalize(candidateVersion);
            var productionLabel = production is null ? null : Names.Normalize(production);
            var productionDatasetVersions = productionLabel is null
                ? new List<int>()
                : await runs.Where(r => r.ModelVersion!.NormalizedLabel == productionLabel).Select(r => r.DatasetVersionId).Distinct().ToListAsync(cancellationToken);
            var grouped = await runs
                .Where(r => r.ModelVersion!.NormalizedLabel == label)
                .GroupBy(r => new { r.DatasetVersionId, Dataset = r.DatasetVersion!.Dataset!.Name, r.DatasetVersion.Label })
                .Select(g => new { g.Key.DatasetVersionId, g.Key.Dataset, g.Key.Label, Runs = g.Count(), Latest = g.Max(r => r.EvaluatedAtUtc) })
                .ToListAsync(cancellationToken);
            datasetVersions = grouped
                .OrderByDescending(g => g.Latest).ThenBy(g => g.Dataset, StringComparer.Ordinal)
                .Select(g => new DatasetVersionChoice(g.Dataset, g.Label, g.Runs, g.Latest, productionDatasetVersions.Contains(g.DatasetVersionId)))
                .ToList();
        }

        IReadOnlyList<string> baselineVersions = [];
        if (!string.IsNullOrWhiteSpace(dataset) && !string.IsNullOrWhiteSpace(datasetVersion))
        {
            var datasetName = Names.Normalize(dataset);
            var datasetLabel = Names.Normalize(datasetVersion);
            var withRuns = await runs
                .Where(r => r.DatasetVersion!.Dataset!.NormalizedName == datasetName && r.DatasetVersion.NormalizedLabel == datasetLabel)
                .Select(r => r.ModelVersion!.Label)
                .Distinct()
                .ToListAsync(cancellationToken);
            baselineVersions = versions.Where(withRuns.Contains).ToList();
        }

        return new ComparisonChoices(models, versions, production, datasetVersions, baselineVersions);
    }

    /// <summary>Returns the segment dimension names of every dataset version that the model has committed runs on, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListDimensionNamesAsync(string model, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var normalized = Names.Normalize(model);
        var datasetVersionIds = db.EvaluationRuns
            .Where(r => r.State == StoreState.Committed && r.ModelVersion!.Model!.NormalizedName == normalized)
            .Select(r => r.DatasetVersionId);
        var names = await db.SegmentDimensions.AsNoTracking()
            .Where(d => datasetVersionIds.Contains(d.DatasetVersionId))
            .Select(d => d.Name)
            .Distinct()
            .ToListAsync(cancellationToken);
        return names.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Returns the values of one metric on both sides, overall or within one segment value, and the
    /// examples where the candidate is worse than the baseline by the most (up to <paramref name="dropCount"/>).
    /// For a metric without a known direction the largest changes either way are listed.
    /// </summary>
    /// <exception cref="InputValidationException">The runs are invalid as comparison sides, or the metric or segment is unknown.</exception>
    public async Task<MetricExamples> GetMetricExamplesAsync(
        Actor actor,
        IReadOnlyList<int> candidateRunIds,
        IReadOnlyList<int> baselineRunIds,
        string metricKey,
        string? dimension,
        string? segment,
        int dropCount = 10,
        CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Read);
        dropCount = Math.Clamp(dropCount, 0, MaxDrops);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidateRuns = await ComparisonRunResolver.ResolveAsync(db, new ComparisonSide(candidateRunIds), "candidate", cancellationToken);
        var baselineRuns = await ComparisonRunResolver.ResolveAsync(db, new ComparisonSide(baselineRunIds), "baseline", cancellationToken);
        ComparisonRunResolver.CheckSidesMatch(candidateRuns, baselineRuns);
        int datasetVersionId = candidateRuns[0].DatasetVersionId;

        var metric = await db.Metrics.AsNoTracking().FirstOrDefaultAsync(m => m.Key == metricKey, cancellationToken)
            ?? throw new InputValidationException($"metric {metricKey} is not in the metric catalogue", "metric", metricKey);
        var candidate = await AverageAsync(db, candidateRuns, metric.Id, cancellationToken);
        var baseline = await AverageAsync(db, baselineRuns, metric.Id, cancellationToken);
        bool[] inScope = await ScopeAsync(db, datasetVersionId, dimension, segment, candidate.Length, cancellationToken);

        var candidateValues = new List<double>();
        var baselineValues = new List<double>();
        var pairs = new List<(int Index, double Harm)>();
        for (int i = 0; i < inScope.Length; i++)
        {
            if (!inScope[i])
            {
                continue;
            }

            bool hasCandidate = !double.IsNaN(candidate[i]);
            bool hasBaseline = !double.IsNaN(baseline[i]);
            if (hasCandidate)
            {
                candidateValues.Add(candidate[i]);
            }

            if (hasBaseline)
            {
                baselineValues.Add(baseline[i]);
            }

            if (hasCandidate && hasBaseline)
            {
                pairs.Add((i, Harm(metric.Direction, candidate[i], baseline[i])));
            }
        }

        var worst = pairs.Where(p => p.Harm > 0).OrderByDescending(p => p.Harm).ThenBy(p => p.Index).Take(dropCount).ToList();
        var drops = await DescribeDropsAsync(db, datasetVersionId, candidateRuns, baselineRuns, worst, candidate, baseline, cancellationToken);
        return new MetricExamples(metric.Key, metric.Direction, candidateValues, baselineValues, pairs.Count, drops);
    }

    // Positive when the candidate is worse: lower for higher-is-better metrics, higher for lower-is-better
    // ones, and any change for metrics whose direction is unknown.
    private static double Harm(MetricDirection direction, double candidate, double baseline) => direction switch
    {
        MetricDirection.HigherIsBetter => baseline - candidate,
        MetricDirection.LowerIsBetter => candidate - baseline,
        _ => Math.Abs(candidate - baseline),
    };

    private static async Task<double[]> AverageAsync(NuqtaDbContext db, List<EvaluationRun> runs, int metricId, CancellationToken cancellationToken)
    {
        var ids = runs.Select(r => r.Id).ToList();
        var stored = await db.RunMetricValues.AsNoTracking()
            .Where(v => ids.Contains(v.RunId) && v.MetricId == metricId)
            .OrderBy(v => v.RunId)
            .ToListAsync(cancellationToken);
        if (stored.Count == 0)
        {
            int length = runs[0].DatasetVersion!.RowCount;
            return Enumerable.Repeat(double.NaN, length).ToArray();
        }

        return TrialAveraging.Average(stored.Select(v => EvaluationImportService.Unpack(v.Values)).ToList()).Values;
    }

    private static async Task<bool[]> ScopeAsync(NuqtaDbContext db, int datasetVersionId, string? dimension, string? segment, int length, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(dimension))
        {
            return Enumerable.Repeat(true, length).ToArray();
        }

        var stored = await db.SegmentDimensions.AsNoTracking()
            .FirstOrDefaultAsync(d => d.DatasetVersionId == datasetVersionId && d.Name == dimension, cancellationToken)
            ?? throw new InputValidationException($"the dataset version has no segment dimension {dimension}", "dimension", dimension);
        var values = JsonSerializer.Deserialize<string[]>(stored.ValuesJson)!;
        int code = Array.IndexOf(values, segment ?? "");
        if (code < 0)
        {
            throw new InputValidationException(
                $"dimension {dimension} has no value {segment}; its values are: {string.Join(", ", values)}", "segment", segment);
        }

        var codes = SegmentCodes.Unpack(stored.Codes);
        return codes.Select(c => c == code).ToArray();
    }

    private static async Task<List<PairedDrop>> DescribeDropsAsync(
        NuqtaDbContext db,
        int datasetVersionId,
        List<EvaluationRun> candidateRuns,
        List<EvaluationRun> baselineRuns,
        List<(int Index, double Harm)> worst,
        double[] candidate,
        double[] baseline,
        CancellationToken cancellationToken)
    {
        if (worst.Count == 0)
        {
            return [];
        }

        var indexes = worst.Select(w => w.Index).ToList();
        var examples = await db.DatasetExamples.AsNoTracking()
            .Where(e => e.DatasetVersionId == datasetVersionId && indexes.Contains(e.ExampleIndex))
            .ToDictionaryAsync(e => e.ExampleIndex, cancellationToken);
        var candidateOutputs = await OutputsAsync(db, candidateRuns, indexes, cancellationToken);
        var baselineOutputs = await OutputsAsync(db, baselineRuns, indexes, cancellationToken);
        return worst.Select(w =>
        {
            examples.TryGetValue(w.Index, out var example);
            candidateOutputs.TryGetValue(w.Index, out var candidateOutput);
            baselineOutputs.TryGetValue(w.Index, out var baselineOutput);
            return new PairedDrop(
                w.Index,
                example?.Key ?? "",
                example?.Input ?? "",
                example?.Reference,
                candidate[w.Index],
                baseline[w.Index],
                w.Harm,
                candidateOutput?.RunId,
                candidateOutput?.Output,
                baselineOutput?.RunId,
                baselineOutput?.Output);
        }).ToList();
    }

    // NOTE: a side with several trials shows the output of its first run (lowest id) that stored
    // one for the example. The other trials' outputs are on their run pages.
    private static async Task<Dictionary<int, RunExampleDetail>> OutputsAsync(NuqtaDbContext db, List<EvaluationRun> runs, List<int> indexes, CancellationToken cancellationToken)
    {
        var ids = runs.Select(r => r.Id).ToList();
        var details = await db.RunExampleDetails.AsNoTracking()
            .Where(d => ids.Contains(d.RunId) && indexes.Contains(d.ExampleIndex))
            .ToListAsync(cancellationToken);
        return details
            .Where(d => d.Output is not null || d.IsError)
            .GroupBy(d => d.ExampleIndex)
            .ToDictionary(g => g.Key, g => g.OrderBy(d => d.RunId).First());
    }
}
