using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>
/// Compares a candidate with a baseline on one dataset version: resolves and checks the runs of each
/// side, averages each side's trials per example and hands the values to <see cref="ComparisonCalculator"/>.
/// Checks no permission, so callers demand one first.
/// </summary>
public sealed class ComparisonEngine(IDbContextFactory<NuqtaDbContext> contexts)
{
    /// <summary>Fewest bootstrap resamples a request may ask for.</summary>
    public const int MinResamples = 100;

    /// <summary>Most bootstrap resamples a request may ask for; each cell costs resamples × examples draws.</summary>
    public const int MaxResamples = 100_000;

    /// <summary>Runs the comparison.</summary>
    /// <exception cref="InputValidationException">
    /// The request is malformed, names unknown runs, models or dimensions, mixes models or dataset versions
    /// within a side, puts the sides on different dataset versions, or the sides share no metric.
    /// </exception>
    public async Task<ComparisonResult> CompareAsync(ComparisonRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var options = ValidateOptions(request);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        var candidateRuns = await ComparisonRunResolver.ResolveAsync(db, request.Candidate, "candidate", cancellationToken);
        var baselineRuns = await ComparisonRunResolver.ResolveAsync(db, request.Baseline, "baseline", cancellationToken);
        ComparisonRunResolver.CheckSidesMatch(candidateRuns, baselineRuns);

        var datasetVersion = candidateRuns[0].DatasetVersion!;
        var dimensions = await LoadDimensionsAsync(db, datasetVersion, request.Dimensions, cancellationToken);
        var metrics = await LoadMetricsAsync(db, candidateRuns, baselineRuns, cancellationToken);
        var cells = ComparisonCalculator.Compare(metrics, dimensions, options);

        return new ComparisonResult(
            datasetVersion.Id,
            datasetVersion.Dataset!.Name,
            datasetVersion.Label,
            Summarize(candidateRuns),
            Summarize(baselineRuns),
            (long)options.Seed,
            options.Resamples,
            dimensions.Select(d => d.Name).ToList(),
            cells.Metrics,
            cells.Cells);
    }

    private static ComparisonOptions ValidateOptions(ComparisonRequest request)
    {
        var errors = new InputErrorCollector();
        if (request.Seed is < 0)
        {
            errors.Add(new InputError("seed must be a whole number of at least 0", "seed", Value: request.Seed.ToString()));
        }

        if (request.Resamples is { } resamples && (resamples < MinResamples || resamples > MaxResamples))
        {
            errors.Add(new InputError(
                $"resamples must lie between {MinResamples} and {MaxResamples}; 2000 is the default", "resamples", Value: resamples.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        errors.ThrowIfAny();
        var options = new ComparisonOptions();
        return options with
        {
            Seed = request.Seed is { } seed ? (ulong)seed : options.Seed,
            Resamples = request.Resamples ?? options.Resamples,
        };
    }

    private static async Task<List<DimensionCodes>> LoadDimensionsAsync(NuqtaDbContext db, DatasetVersion version, IReadOnlyList<string>? requested, CancellationToken cancellationToken)
    {
        var stored = await StoredSegmentDimensions.ReadAsync(db, version.Id, cancellationToken);
        if (requested is not null)
        {
            var unknown = requested.Where(name => stored.All(d => d.Name != name)).ToList();
            if (unknown.Count > 0)
            {
                var available = stored.Count == 0 ? "none" : string.Join(", ", stored.Select(d => d.Name));
                throw new InputValidationException(
                    $"dataset version {version.Dataset!.Name}/{version.Label} has no segment dimension {string.Join(", ", unknown)}; its dimensions are: {available}",
                    "segments",
                    string.Join(",", unknown));
            }

            stored = stored.Where(d => requested.Contains(d.Name)).ToList();
        }

        return stored.Select(d => new DimensionCodes(d.Name, d.Values, d.Codes)).ToList();
    }

    private static async Task<List<MetricSamples>> LoadMetricsAsync(NuqtaDbContext db, List<EvaluationRun> candidateRuns, List<EvaluationRun> baselineRuns, CancellationToken cancellationToken)
    {
        var candidateIds = candidateRuns.Select(r => r.Id).ToList();
        var baselineIds = baselineRuns.Select(r => r.Id).ToList();
        var allIds = candidateIds.Concat(baselineIds).ToList();
        var stored = await StoredMetricValues.ReadAsync(db, allIds, null, cancellationToken);
        var catalogue = await db.Metrics.AsNoTracking().ToDictionaryAsync(m => m.Id, cancellationToken);

        var candidateMetrics = stored.Keys.Where(k => candidateIds.Contains(k.RunId)).Select(k => k.MetricId).ToHashSet();
        var baselineMetrics = stored.Keys.Where(k => baselineIds.Contains(k.RunId)).Select(k => k.MetricId).ToHashSet();
        var common = candidateMetrics.Intersect(baselineMetrics).OrderBy(id => id).ToList();
        if (common.Count == 0)
        {
            throw new InputValidationException(
                $"the sides have no metric in common: the candidate has {KeysOf(candidateMetrics, catalogue)} and the baseline has {KeysOf(baselineMetrics, catalogue)}; import results with at least one shared metric",
                "metrics");
        }

        var samples = new List<MetricSamples>();
        foreach (int metricId in common)
        {
            var candidate = Average(stored, candidateIds, metricId);
            var baseline = Average(stored, baselineIds, metricId);
            samples.Add(new MetricSamples(
                catalogue[metricId], candidate.Averaged.Values, baseline.Averaged.Values,
                candidate.Trials, baseline.Trials, candidate.Averaged.Spread, baseline.Averaged.Spread));
        }

        return samples;
    }

    private static (AveragedTrials Averaged, int Trials) Average(Dictionary<(int RunId, int MetricId), double[]> stored, List<int> runIds, int metricId)
    {
        var trials = stored
            .Where(v => v.Key.MetricId == metricId && runIds.Contains(v.Key.RunId))
            .OrderBy(v => v.Key.RunId)
            .Select(v => v.Value)
            .ToList();
        return (TrialAveraging.Average(trials), trials.Count);
    }

    private static string KeysOf(IEnumerable<int> metricIds, Dictionary<int, Metric> catalogue)
    {
        var keys = metricIds.Select(id => catalogue[id].Key).Order(StringComparer.Ordinal).ToList();
        return keys.Count == 0 ? "no metrics" : string.Join(", ", keys);
    }

    private static ComparisonSideSummary Summarize(List<EvaluationRun> runs) => new(
        runs[0].ModelVersionId,
        runs[0].ModelVersion!.Model!.Name,
        runs[0].ModelVersion!.Label,
        runs.Select(r => r.Id).Order().ToList());
}
