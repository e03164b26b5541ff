using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>
/// Judges a candidate's pooled values on the given runs against every enabled SLO that applies
/// to the model, overall or per segment value. The SLOs' dataset and run-kind scope is not
/// applied, because the caller chose the runs to judge.
/// </summary>
public sealed class SloTargetCheck(IDbContextFactory<NuqtaDbContext> contexts) : ISloTargetCheck
{
    public async Task<IReadOnlyList<SloTargetMiss>> MissedTargetsAsync(int modelId, IReadOnlyList<int> runIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var slos = await db.SloDefinitions.AsNoTracking()
            .Where(s => s.IsEnabled && (s.ModelId == null || s.ModelId == modelId))
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var runs = await db.EvaluationRuns.AsNoTracking()
            .Where(r => runIds.Contains(r.Id) && r.State == StoreState.Committed)
            .Select(r => new { r.Id, r.DatasetVersionId })
            .ToListAsync(cancellationToken);
        if (slos.Count == 0 || runs.Count == 0)
        {
            return [];
        }

        var metricIds = slos.Select(s => s.MetricId).Distinct().ToList();
        var presentRunIds = runs.Select(r => r.Id).ToList();
        var values = await StoredMetricValues.ReadAsync(db, presentRunIds, metricIds, cancellationToken);
        var metrics = await db.Metrics.AsNoTracking().Where(m => metricIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, cancellationToken);
        var dimensionNames = slos.Where(s => s.Dimension != null).Select(s => s.Dimension!).Distinct().ToList();
        var datasetVersionIds = runs.Select(r => r.DatasetVersionId).Distinct().ToList();
        var dimensions = (await db.SegmentDimensions.AsNoTracking()
                .Where(d => datasetVersionIds.Contains(d.DatasetVersionId) && dimensionNames.Contains(d.Name))
                .ToListAsync(cancellationToken))
            .ToDictionary(d => (d.DatasetVersionId, d.Name), d => (Values: JsonSerializer.Deserialize<string[]>(d.ValuesJson) ?? [], Codes: SegmentCodes.Unpack(d.Codes)));

        var misses = new List<SloTargetMiss>();
        foreach (var slo in slos.Where(s => metrics.ContainsKey(s.MetricId) && ScorecardAggregates.IsValid(s.Aggregate)))
        {
            var metric = metrics[slo.MetricId];
            var pools = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            foreach (var run in runs.Where(r => values.ContainsKey((r.Id, slo.MetricId))))
            {
                var array = values[(run.Id, slo.MetricId)];
                if (slo.Dimension is null)
                {
                    Pool(pools, "").AddRange(array);
                }
                else if (dimensions.TryGetValue((run.DatasetVersionId, slo.Dimension), out var segments))
                {
                    using var groups = SegmentGroups.Split([array], segments.Codes, segments.Values.Length);
                    for (var code = 0; code < groups.Count; code++)
                    {
                        if (segments.Values[code].Length > 0)
                        {
                            Pool(pools, segments.Values[code]).AddRange(groups[code]);
                        }
                    }
                }
            }

            foreach (var (segment, pooled) in pools.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                using var present = RentedValues.SortedWithoutNaN(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pooled));
                ReadOnlySpan<double> sorted = present.Span;
                var bad = metric.CountBadInSorted(sorted);
                var figure = ScorecardAggregates.Evaluate(slo.Aggregate, metric, sorted, bad);
                if (SloRules.Judge(slo.Comparator, slo.Target, figure.Value, sorted.Length, slo.MinExamples) != SloStatus.Breached)
                {
                    continue;
                }

                var where = slo.Dimension is null ? "" : $" in {slo.Dimension} = {segment}";
                var reason = string.Create(
                    CultureInfo.InvariantCulture,
                    $"{slo.Aggregate} of {metric.Key}{where} is {figure.Value:0.####} on {sorted.Length} values; the target is {SloRules.Symbol(slo.Comparator)} {slo.Target:0.####}.");
                misses.Add(new SloTargetMiss(slo.Id, slo.Name, slo.Dimension is null ? null : segment, reason));
            }
        }

        return misses;
    }

    private static List<double> Pool(Dictionary<string, List<double>> pools, string key)
    {
        if (!pools.TryGetValue(key, out var pool))
        {
            pool = [];
            pools[key] = pool;
        }

        return pool;
    }
}
