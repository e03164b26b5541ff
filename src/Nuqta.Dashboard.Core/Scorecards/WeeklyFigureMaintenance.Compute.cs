using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>A committed run of the week, attributed to production or to a candidate version.</summary>
internal sealed record WeekRun(
    int Id,
    int ModelVersionId,
    string VersionLabel,
    int DatasetVersionId,
    int DatasetId,
    string DatasetName,
    DatasetPurpose Purpose,
    RunKind Kind,
    DateTime EvaluatedAtUtc)
{
    public bool IsProduction { get; init; }
}

/// <summary>
/// The inputs that one (model, week) recompute reads before the write transaction. Metric values
/// are not among them: they are loaded one metric at a time, so a week of million-example runs keeps
/// only one metric's arrays in memory.
/// </summary>
/// <param name="MetricIds">Ids of the metrics that at least one run of the week has values of.</param>
internal sealed record WeekInput(
    int ModelId,
    string ModelName,
    IsoWeek Week,
    IReadOnlyList<WeekRun> Runs,
    IReadOnlyList<int> MetricIds,
    IReadOnlyDictionary<(int DatasetVersionId, string Dimension), (string[] Values, int[] Codes)> Dimensions,
    IReadOnlyDictionary<int, Metric> Metrics,
    IReadOnlyList<SloDefinition> Slos);

public sealed partial class WeeklyFigureMaintenance
{
    private async Task<WeekInput> LoadWeekAsync(int modelId, IsoWeek week, CancellationToken cancellationToken)
    {
        var (start, end) = calendar.Bounds(week);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var modelName = await db.Models.Where(m => m.Id == modelId).Select(m => m.Name).FirstAsync(cancellationToken);
        var runs = await db.EvaluationRuns.AsNoTracking()
            .Where(r => r.State == StoreState.Committed && r.ModelVersion!.ModelId == modelId && r.EvaluatedAtUtc >= start && r.EvaluatedAtUtc < end)
            .OrderBy(r => r.EvaluatedAtUtc).ThenBy(r => r.Id)
            .Select(r => new WeekRun(
                r.Id,
                r.ModelVersionId,
                r.ModelVersion!.Label,
                r.DatasetVersionId,
                r.DatasetVersion!.DatasetId,
                r.DatasetVersion.Dataset!.Name,
                r.DatasetVersion.Dataset.Purpose,
                r.Kind,
                r.EvaluatedAtUtc))
            .ToListAsync(cancellationToken);

        var holders = await LoadProductionHistoryAsync(db, modelId, end, cancellationToken);
        runs = runs.Select(r => r with { IsProduction = HolderAt(holders, r.EvaluatedAtUtc) == r.ModelVersionId }).ToList();

        var slos = await db.SloDefinitions.AsNoTracking()
            .Where(s => s.IsEnabled && (s.ModelId == null || s.ModelId == modelId))
            .OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        var neededDimensions = slos.Where(s => s.Dimension != null).Select(s => s.Dimension!).Distinct().ToList();

        var runIds = runs.Select(r => r.Id).ToList();
        var metricIds = await db.RunMetricValues.Where(v => runIds.Contains(v.RunId)).Select(v => v.MetricId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);

        var datasetVersionIds = runs.Select(r => r.DatasetVersionId).Distinct().ToList();
        var dimensions = (await db.SegmentDimensions.AsNoTracking()
                .Where(d => datasetVersionIds.Contains(d.DatasetVersionId) && neededDimensions.Contains(d.Name))
                .ToListAsync(cancellationToken))
            .ToDictionary(
                d => (d.DatasetVersionId, d.Name),
                d => (System.Text.Json.JsonSerializer.Deserialize<string[]>(d.ValuesJson) ?? [], SegmentCodes.Unpack(d.Codes)));

        var metrics = await db.Metrics.AsNoTracking().ToDictionaryAsync(m => m.Id, cancellationToken);
        return new WeekInput(modelId, modelName, week, runs, metricIds, dimensions, metrics, slos);
    }

    /// <summary>
    /// Loads the values of one metric in the week's runs, keyed by run id; runs without the metric
    /// are left out. The arrays are rented from the shared pool, and the caller returns them.
    /// </summary>
    private async Task<Dictionary<int, ArraySegment<double>>> LoadValuesAsync(WeekInput input, int metricId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runIds = input.Runs.Select(r => r.Id).ToList();
        var stored = await StoredMetricValues.ReadRentedAsync(db, runIds, [metricId], cancellationToken);
        return stored.ToDictionary(entry => entry.Key.RunId, entry => entry.Value);
    }

    private static void ReturnValues(Dictionary<int, ArraySegment<double>> values)
    {
        foreach (var segment in values.Values)
        {
            System.Buffers.ArrayPool<double>.Shared.Return(segment.Array!);
        }
    }

    /// <summary>Returns the moves of the model's production alias before <paramref name="endUtc"/>, oldest first.</summary>
    internal static async Task<List<(DateTime MovedAtUtc, int? ToVersionId)>> LoadProductionHistoryAsync(NuqtaDbContext db, int modelId, DateTime endUtc, CancellationToken cancellationToken)
    {
        var moves = await db.AliasMoves.AsNoTracking()
            .Where(m => m.Alias!.ModelId == modelId && m.Alias.Name == ProductionAlias && m.MovedAtUtc < endUtc)
            .OrderBy(m => m.MovedAtUtc).ThenBy(m => m.Id)
            .Select(m => new { m.MovedAtUtc, m.ToVersionId })
            .ToListAsync(cancellationToken);
        return moves.Select(m => (m.MovedAtUtc, m.ToVersionId)).ToList();
    }

    /// <summary>Returns the version that held production at the instant, or null when none did.</summary>
    internal static int? HolderAt(IReadOnlyList<(DateTime MovedAtUtc, int? ToVersionId)> history, DateTime instantUtc)
    {
        int? holder = null;
        foreach (var (movedAt, toVersion) in history)
        {
            if (movedAt > instantUtc)
            {
                break;
            }

            holder = toVersion;
        }

        return holder;
    }

    /// <summary>Builds the figures of one metric: per production or candidate group, overall and per segment value the SLOs need.</summary>
    private static List<WeeklyFigure> BuildFigures(WeekInput input, int metricId, Dictionary<int, ArraySegment<double>> values, DateTime now)
    {
        var figures = new List<WeeklyFigure>();
        var neededDimensions = input.Slos.Where(s => s.Dimension != null).Select(s => s.Dimension!).Distinct().ToList();
        var groups = input.Runs.GroupBy(r => (r.DatasetVersionId, r.Kind, Role: r.IsProduction ? FigureRole.Production : FigureRole.Candidate, VersionId: r.IsProduction ? (int?)null : r.ModelVersionId));
        foreach (var group in groups)
        {
            var runs = group.ToList();
            var template = new WeeklyFigure
            {
                Week = input.Week.ToString(),
                ModelId = input.ModelId,
                DatasetId = runs[0].DatasetId,
                DatasetVersionId = group.Key.DatasetVersionId,
                Kind = group.Key.Kind,
                Role = group.Key.Role,
                ModelVersionId = group.Key.VersionId,
                VersionLabels = string.Join(", ", runs.Select(r => r.VersionLabel).Distinct()),
                RunIds = JoinIds(runs.Select(r => r.Id)),
                ComputedAtUtc = now,
            };

            var arrays = runs.Where(r => values.ContainsKey(r.Id)).Select(r => (ReadOnlyMemory<double>)values[r.Id]).ToList();
            if (arrays.Count == 0)
            {
                continue;
            }

            var metric = input.Metrics[metricId];
            figures.Add(ToFigure(template, metric, null, null, Concatenate(arrays)));
            foreach (var dimension in neededDimensions)
            {
                if (!input.Dimensions.TryGetValue((group.Key.DatasetVersionId, dimension), out var segments))
                {
                    continue;
                }

                using var bySegment = SegmentGroups.Split(arrays, segments.Codes, segments.Values.Length);
                for (var code = 0; code < segments.Values.Length; code++)
                {
                    figures.Add(ToFigure(template, metric, dimension, segments.Values[code], bySegment[code]));
                }
            }
        }

        return figures;
    }

    // One run's array is used as it is; several runs' arrays are joined into a new one.
    private static ReadOnlySpan<double> Concatenate(List<ReadOnlyMemory<double>> arrays)
    {
        if (arrays.Count == 1)
        {
            return arrays[0].Span;
        }

        var joined = new double[arrays.Sum(a => a.Length)];
        var next = 0;
        foreach (var array in arrays)
        {
            array.Span.CopyTo(joined.AsSpan(next));
            next += array.Length;
        }

        return joined;
    }

    private static WeeklyFigure ToFigure(WeeklyFigure template, Metric metric, string? dimension, string? segmentValue, ReadOnlySpan<double> pooled)
    {
        var figure = WeeklyFigureCalculator.Compute(metric, pooled);
        return new WeeklyFigure
        {
            Week = template.Week,
            ModelId = template.ModelId,
            DatasetId = template.DatasetId,
            DatasetVersionId = template.DatasetVersionId,
            Kind = template.Kind,
            Role = template.Role,
            ModelVersionId = template.ModelVersionId,
            VersionLabels = template.VersionLabels,
            MetricId = metric.Id,
            Dimension = dimension,
            SegmentValue = segmentValue,
            Count = figure.Count,
            Missing = figure.Missing,
            BadCount = figure.BadCount,
            Mean = OrNull(figure.Mean.Value),
            MeanLower = OrNull(figure.Mean.Lower),
            MeanUpper = OrNull(figure.Mean.Upper),
            GoodRate = OrNull(figure.GoodRate?.Value),
            GoodRateLower = OrNull(figure.GoodRate?.Lower),
            GoodRateUpper = OrNull(figure.GoodRate?.Upper),
            P50 = OrNull(figure.P50),
            P90 = OrNull(figure.P90),
            P95 = OrNull(figure.P95),
            P99 = OrNull(figure.P99),
            Aggregate = metric.Aggregate,
            Value = OrNull(figure.Value.Value),
            ValueLower = OrNull(figure.Value.Lower),
            ValueUpper = OrNull(figure.Value.Upper),
            RunIds = template.RunIds,
            ComputedAtUtc = template.ComputedAtUtc,
        };
    }

    /// <summary>Evaluates the SLOs on one metric for each dataset in their scope.</summary>
    private List<SloWeekStatus> EvaluateSlos(WeekInput input, int metricId, Dictionary<int, ArraySegment<double>> values, DateTime now)
    {
        var statuses = new List<SloWeekStatus>();
        var production = input.Runs.Where(r => r.IsProduction).ToList();
        foreach (var slo in input.Slos.Where(s => s.MetricId == metricId))
        {
            if (!input.Metrics.TryGetValue(slo.MetricId, out var metric))
            {
                continue;
            }

            if (!ScorecardAggregates.IsValid(slo.Aggregate))
            {
                logger.LogWarning("SLO {SloId} ({SloName}) has the invalid aggregate {Aggregate} and was not evaluated", slo.Id, slo.Name, slo.Aggregate);
                continue;
            }

            var scope = production.Where(r => SloRules.InScope(slo, r.Kind, r.DatasetName, r.Purpose) && values.ContainsKey(r.Id)).ToList();
            if (scope.Count == 0)
            {
                continue;
            }

            foreach (var datasetRuns in scope.GroupBy(r => r.DatasetId))
            {
                var runIds = JoinIds(datasetRuns.Select(r => r.Id));
                foreach (var (segment, pooled) in PoolForSlo(input, slo, datasetRuns.ToList(), values))
                {
                    using var present = RentedValues.SortedWithoutNaN(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pooled));
                    ReadOnlySpan<double> sorted = present.Span;
                    var bad = metric.CountBadInSorted(sorted);
                    var value = ScorecardAggregates.Evaluate(slo.Aggregate, metric, sorted, bad);
                    statuses.Add(new SloWeekStatus
                    {
                        SloId = slo.Id,
                        ModelId = input.ModelId,
                        DatasetId = datasetRuns.Key,
                        Week = input.Week.ToString(),
                        SegmentValue = segment,
                        Status = SloRules.Judge(slo.Comparator, slo.Target, value.Value, sorted.Length, slo.MinExamples),
                        Figure = OrNull(value.Value),
                        Examples = sorted.Length,
                        BadCount = bad,
                        RunIds = runIds,
                        EvaluatedAtUtc = now,
                    });
                }
            }
        }

        return statuses;
    }

    /// <summary>Pools the in-scope values of an SLO: one pool keyed "" for an overall SLO, one per segment value otherwise.</summary>
    private static Dictionary<string, List<double>> PoolForSlo(WeekInput input, SloDefinition slo, IReadOnlyList<WeekRun> scope, Dictionary<int, ArraySegment<double>> valuesByRun)
    {
        var pools = new Dictionary<string, List<double>>(StringComparer.Ordinal);
        foreach (var run in scope)
        {
            var values = valuesByRun[run.Id];
            if (slo.Dimension is null)
            {
                GetPool(pools, "").AddRange(values.AsSpan());
                continue;
            }

            if (!input.Dimensions.TryGetValue((run.DatasetVersionId, slo.Dimension), out var segments))
            {
                continue;
            }

            using var groups = SegmentGroups.Split([values], segments.Codes, segments.Values.Length);
            for (var code = 0; code < groups.Count; code++)
            {
                // Examples without a value in the dimension belong to no segment.
                if (segments.Values[code].Length > 0)
                {
                    GetPool(pools, segments.Values[code]).AddRange(groups[code]);
                }
            }
        }

        return pools;
    }

    private static async Task UpdateBudgetWindowsAsync(NuqtaDbContext db, int modelId, IsoWeek week, IReadOnlyList<SloDefinition> slos, CancellationToken cancellationToken)
    {
        // Week W's counts enter the windows of W to W+3, and those windows reach back to W-3.
        var span = SloRules.WindowWeeks - 1;
        var keys = Enumerable.Range(-span, (2 * span) + 1).Select(offset => week.AddWeeks(offset).ToString()).ToList();
        var rows = await db.SloWeekStatuses.Where(s => s.ModelId == modelId && keys.Contains(s.Week)).ToListAsync(cancellationToken);
        var slosById = slos.ToDictionary(s => s.Id);
        foreach (var row in rows.Where(r => string.CompareOrdinal(r.Week, week.ToString()) >= 0))
        {
            if (!slosById.TryGetValue(row.SloId, out var slo) || slo.Aggregate != ScorecardAggregates.GoodRate)
            {
                continue;
            }

            var rowWeek = IsoWeek.Parse(row.Week);
            var windowKeys = Enumerable.Range(0, SloRules.WindowWeeks).Select(back => rowWeek.AddWeeks(-back).ToString()).ToHashSet();
            var window = rows.Where(r => r.SloId == row.SloId && r.DatasetId == row.DatasetId && r.SegmentValue == row.SegmentValue && windowKeys.Contains(r.Week)).ToList();
            row.WindowExamples = window.Sum(r => r.Examples);
            row.WindowBad = window.Sum(r => r.BadCount);
            var budget = SloRules.Budget(slo.Target, row.Examples, row.BadCount, row.WindowExamples, row.WindowBad, row.Status);
            row.BudgetAllowed = budget.Allowed;
            row.BudgetLeft = budget.Left;
            row.WeekBurnRate = budget.WeekBurnRate;
            row.WindowBurnRate = budget.WindowBurnRate;
            row.FastBurn = budget.FastBurn;
            row.SlowBurn = budget.SlowBurn;
        }
    }

    private static async Task EnqueueBreachesAsync(NuqtaDbContext db, WeekInput input, IReadOnlyList<SloWeekStatus> statuses, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var status in statuses.Where(s => s.Status == SloStatus.Breached))
        {
            var slo = input.Slos.First(s => s.Id == status.SloId);
            var dataset = input.Runs.First(r => r.DatasetId == status.DatasetId).DatasetName;
            var payload = new
            {
                sloId = slo.Id,
                slo = slo.Name,
                model = input.ModelName,
                dataset,
                week = status.Week,
                dimension = slo.Dimension,
                segmentValue = slo.Dimension is null ? null : status.SegmentValue,
                aggregate = slo.Aggregate,
                comparator = SloRules.Symbol(slo.Comparator),
                target = slo.Target,
                figure = status.Figure,
                examples = status.Examples,
            };

            // One event per SLO, model, segment value and week, however often the week is recomputed.
            // A second dataset that breaches the same SLO in the same week adds no event.
            var dedupKey = string.Create(CultureInfo.InvariantCulture, $"slo:{slo.Id}/model:{input.ModelId}/segment:{slo.Dimension}={status.SegmentValue}/week:{status.Week}");
            await EventOutbox.EnqueueAsync(db, EventTypes.SloBreached, payload, now, dedupKey, cancellationToken);
        }
    }

    private static List<double> GetPool(Dictionary<string, List<double>> pools, string key)
    {
        if (!pools.TryGetValue(key, out var pool))
        {
            pool = [];
            pools[key] = pool;
        }

        return pool;
    }

    internal static string JoinIds(IEnumerable<int> ids) => string.Join(",", ids.Distinct().Order().Select(id => id.ToString(CultureInfo.InvariantCulture)));

    internal static double? OrNull(double? value) => value is null || double.IsNaN(value.Value) || double.IsInfinity(value.Value) ? null : value;
}
