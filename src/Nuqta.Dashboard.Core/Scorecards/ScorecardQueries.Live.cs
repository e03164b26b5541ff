using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Scorecards;

public sealed partial class ScorecardQueries
{
    /// <summary>A previous week's production figure, enough to compute changes and sparklines.</summary>
    private sealed record HistoryPoint(int ModelId, int DatasetId, int DatasetVersionId, RunKind Kind, int MetricId, string Week, double? Value);

    /// <summary>What the builder of one model's part reads, loaded once for all models.</summary>
    private sealed record WeekData(
        IsoWeek Week,
        IReadOnlyDictionary<int, Metric> Metrics,
        IReadOnlyDictionary<int, (string Dataset, string Label, DatasetPurpose Purpose)> DatasetVersions,
        ILookup<int, WeeklyFigure> FiguresByModel,
        ILookup<int, SloWeekStatus> StatusesByModel,
        IReadOnlyList<SloDefinition> Slos,
        IReadOnlyDictionary<int, string> DatasetNames,
        ILookup<(int ModelId, int MetricId, RunKind Kind), HistoryPoint> History);

    private async Task<ScorecardWeek> BuildLiveAsync(NuqtaDbContext db, IsoWeek week, int? modelId, string? modelFilter, CancellationToken cancellationToken)
    {
        var weekKey = week.ToString();
        var (start, end) = calendar.Bounds(week);

        var models = await db.Models.AsNoTracking()
            .Where(m => modelId == null || m.Id == modelId)
            .OrderBy(m => m.Name)
            .Select(m => new { m.Id, m.Name, m.Team })
            .ToListAsync(cancellationToken);
        var figures = await db.WeeklyFigures.AsNoTracking()
            .Where(f => f.Week == weekKey && f.Dimension == null && (modelId == null || f.ModelId == modelId))
            .ToListAsync(cancellationToken);
        var statuses = await db.SloWeekStatuses.AsNoTracking()
            .Where(s => s.Week == weekKey && (modelId == null || s.ModelId == modelId))
            .ToListAsync(cancellationToken);
        var slos = await db.SloDefinitions.AsNoTracking().Where(s => s.IsEnabled).OrderBy(s => s.Name).ToListAsync(cancellationToken);
        var metrics = await db.Metrics.AsNoTracking().ToDictionaryAsync(m => m.Id, cancellationToken);

        var datasetVersionIds = figures.Select(f => f.DatasetVersionId).Distinct().ToList();
        var datasetVersions = (await db.DatasetVersions.AsNoTracking()
                .Where(v => datasetVersionIds.Contains(v.Id))
                .Select(v => new { v.Id, Dataset = v.Dataset!.Name, v.Label, v.Dataset.Purpose })
                .ToListAsync(cancellationToken))
            .ToDictionary(v => v.Id, v => (v.Dataset, v.Label, v.Purpose));

        var historyKeys = Enumerable.Range(1, SparklineWeeks - 1).Select(back => week.AddWeeks(-back).ToString()).ToList();
        var history = (await db.WeeklyFigures.AsNoTracking()
                .Where(f => historyKeys.Contains(f.Week) && f.Dimension == null && f.Role == FigureRole.Production && (modelId == null || f.ModelId == modelId))
                .Select(f => new HistoryPoint(f.ModelId, f.DatasetId, f.DatasetVersionId, f.Kind, f.MetricId, f.Week, f.Value))
                .ToListAsync(cancellationToken))
            .Concat(figures.Where(f => f.Role == FigureRole.Production).Select(f => new HistoryPoint(f.ModelId, f.DatasetId, f.DatasetVersionId, f.Kind, f.MetricId, f.Week, f.Value)))
            .ToLookup(p => (p.ModelId, p.MetricId, p.Kind));

        var statusDatasetIds = statuses.Select(s => s.DatasetId).Distinct().ToList();
        var datasetNames = await db.Datasets.AsNoTracking().Where(d => statusDatasetIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken);
        var holders = await ProductionHoldersAsync(db, start, end, modelId, cancellationToken);
        var data = new WeekData(week, metrics, datasetVersions, figures.ToLookup(f => f.ModelId), statuses.ToLookup(s => s.ModelId), slos, datasetNames, history);

        var columns = figures.Select(f => f.MetricId).Distinct()
            .Select(id => metrics[id])
            .OrderByDescending(m => m.IsBuiltIn).ThenBy(m => m.Id)
            .Select(ToColumn)
            .ToList();
        var modelViews = models
            .Select(m => BuildModel(data, m.Id, m.Name, m.Team, columns, holders.GetValueOrDefault(m.Id) ?? []))
            .OrderByDescending(m => m.HasBreach)
            .ThenByDescending(m => m.HasBurnWarning)
            .ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();

        return new ScorecardWeek(
            weekKey,
            calendar.Zone.Id,
            start,
            end,
            week.Previous().ToString(),
            week.Next().ToString(),
            null,
            columns,
            modelViews,
            [],
            modelFilter);
    }

    /// <summary>Returns, per model, the labels of the versions that held production at some time in the week, in order.</summary>
    private static async Task<Dictionary<int, List<string>>> ProductionHoldersAsync(NuqtaDbContext db, DateTime start, DateTime end, int? modelId, CancellationToken cancellationToken)
    {
        var moves = await db.AliasMoves.AsNoTracking()
            .Where(m => m.Alias!.Name == WeeklyFigureMaintenance.ProductionAlias && m.MovedAtUtc < end && (modelId == null || m.Alias.ModelId == modelId))
            .OrderBy(m => m.MovedAtUtc).ThenBy(m => m.Id)
            .Select(m => new { m.Alias!.ModelId, m.MovedAtUtc, Label = m.ToVersion == null ? null : m.ToVersion.Label })
            .ToListAsync(cancellationToken);
        var result = new Dictionary<int, List<string>>();
        foreach (var group in moves.GroupBy(m => m.ModelId))
        {
            // The holder at the week's start, then every version moved in during the week.
            var labels = new List<string>();
            var atStart = group.LastOrDefault(m => m.MovedAtUtc <= start);
            if (atStart?.Label is not null)
            {
                labels.Add(atStart.Label);
            }

            labels.AddRange(group.Where(m => m.MovedAtUtc > start && m.Label is not null).Select(m => m.Label!));
            result[group.Key] = labels.Distinct().ToList();
        }

        return result;
    }

    private static ScorecardModel BuildModel(WeekData data, int modelId, string name, string team, IReadOnlyList<ScorecardMetricColumn> columns, List<string> holders)
    {
        var figures = data.FiguresByModel[modelId].ToList();
        var slos = data.Slos.Where(s => SloRules.AppliesTo(s, modelId)).ToList();
        var statuses = data.StatusesByModel[modelId].ToList();

        var rows = figures.Where(f => f.Role == FigureRole.Production)
            .GroupBy(f => (f.DatasetVersionId, f.Kind))
            .Select(g => BuildRow(data, modelId, g.ToList(), columns, slos, statuses, isCandidate: false))
            .OrderByDescending(r => r.HasBreach)
            .ThenBy(r => r.Dataset, StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Kind, StringComparer.Ordinal)
            .ToList();
        var candidates = figures.Where(f => f.Role == FigureRole.Candidate)
            .GroupBy(f => (f.ModelVersionId, f.DatasetVersionId, f.Kind))
            .Select(g => BuildRow(data, modelId, g.ToList(), columns, slos, statuses, isCandidate: true))
            .OrderBy(r => r.Versions.FirstOrDefault(), StringComparer.OrdinalIgnoreCase)
            .ThenBy(r => r.Dataset, StringComparer.OrdinalIgnoreCase)
            .ToList();

        var versions = rows.SelectMany(r => r.Versions).Concat(holders).Distinct().ToList();
        var sloResults = slos.SelectMany(s => BuildSloResults(data, s, statuses)).ToList();
        var ordered = sloResults.OrderBy(s => StatusRank(s.Status)).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Dataset, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.SegmentValue, StringComparer.Ordinal).ToList();
        return new ScorecardModel(modelId, name, team, versions, versions.Count > 0, rows, ordered, candidates);
    }

    private static ScorecardRow BuildRow(WeekData data, int modelId, List<WeeklyFigure> figures, IReadOnlyList<ScorecardMetricColumn> columns, List<SloDefinition> slos, List<SloWeekStatus> statuses, bool isCandidate)
    {
        var first = figures[0];
        var (dataset, label, purpose) = data.DatasetVersions[first.DatasetVersionId];
        var byMetric = figures.ToDictionary(f => f.MetricId);
        var cells = new List<ScorecardCell>();
        foreach (var column in columns)
        {
            if (!byMetric.TryGetValue(column.MetricId, out var figure))
            {
                cells.Add(new ScorecardCell(column.Key, column.Aggregate, null, null, null, 0, 0, 0, SloStatus.NoSlo, [], WeekChange.NotComparable("The runs have no values of this metric."), [], []));
                continue;
            }

            var metric = data.Metrics[figure.MetricId];
            var judging = isCandidate
                ? []
                : slos.Where(s => s.MetricId == metric.Id && s.Dimension == null && SloRules.InScope(s, figure.Kind, dataset, purpose)).ToList();
            var status = judging.Count == 0
                ? SloStatus.NoSlo
                : judging.Select(s => statuses.FirstOrDefault(x => x.SloId == s.Id && x.DatasetId == figure.DatasetId && x.SegmentValue.Length == 0)?.Status ?? SloStatus.InsufficientData).MinBy(StatusRank);
            var change = isCandidate
                ? WeekChange.NotComparable("Candidate runs are not compared week over week.")
                : ChangeFromPreviousWeek(data, modelId, figure, metric);
            var sparkline = isCandidate ? [] : Sparkline(data, modelId, figure);
            cells.Add(new ScorecardCell(
                column.Key,
                figure.Aggregate,
                figure.Value,
                figure.ValueLower,
                figure.ValueUpper,
                figure.Count,
                figure.Missing,
                figure.BadCount,
                status,
                judging.Select(s => s.Name).ToList(),
                change,
                sparkline,
                ParseIds(first.RunIds)));
        }

        var versions = first.VersionLabels.Split(", ", StringSplitOptions.RemoveEmptyEntries);
        return new ScorecardRow(dataset, label, first.DatasetVersionId, RunKinds.ToName(first.Kind), versions, purpose == DatasetPurpose.Golden, cells, ParseIds(first.RunIds));
    }

    /// <summary>
    /// Compares like with like: a regression figure with the previous week's figure on the same
    /// dataset version, a production-sample figure with the previous week's on the same dataset.
    /// </summary>
    private static WeekChange ChangeFromPreviousWeek(WeekData data, int modelId, WeeklyFigure figure, Metric metric)
    {
        var previousWeek = data.Week.Previous().ToString();
        var previous = LikeForLike(data, modelId, figure, previousWeek);
        if (previous is null)
        {
            var what = figure.Kind == RunKind.Regression ? "this dataset version" : "this dataset";
            return WeekChange.NotComparable($"No production figure on {what} in {previousWeek}.");
        }

        if (figure.Value is null || previous.Value is null)
        {
            return WeekChange.NotComparable("One of the two weeks has no value.");
        }

        var delta = figure.Value.Value - previous.Value.Value;
        return new WeekChange(DirectionOf(delta, figure.Aggregate, metric.Direction), delta, previous.Value, previousWeek, null);
    }

    /// <summary>Judges a change: a good-rate is better when higher; a mean or quantile follows the metric's direction.</summary>
    internal static ChangeDirection DirectionOf(double delta, string aggregate, MetricDirection direction)
    {
        // Differences below 1e-9 are floating-point noise of equal inputs.
        if (Math.Abs(delta) < 1e-9)
        {
            return ChangeDirection.Unchanged;
        }

        var higherIsBetter = aggregate == ScorecardAggregates.GoodRate || direction == MetricDirection.HigherIsBetter;
        if (!higherIsBetter && direction != MetricDirection.LowerIsBetter)
        {
            return ChangeDirection.Unchanged;
        }

        return (delta > 0) == higherIsBetter ? ChangeDirection.Better : ChangeDirection.Worse;
    }

    private static List<double?> Sparkline(WeekData data, int modelId, WeeklyFigure figure)
    {
        var points = new List<double?>(SparklineWeeks);
        for (var back = SparklineWeeks - 1; back >= 0; back--)
        {
            points.Add(LikeForLike(data, modelId, figure, data.Week.AddWeeks(-back).ToString())?.Value);
        }

        return points;
    }

    private static HistoryPoint? LikeForLike(WeekData data, int modelId, WeeklyFigure figure, string week) =>
        data.History[(modelId, figure.MetricId, figure.Kind)].FirstOrDefault(p =>
            p.Week == week && (figure.Kind == RunKind.Regression ? p.DatasetVersionId == figure.DatasetVersionId : p.DatasetId == figure.DatasetId));

    private static IEnumerable<SloResult> BuildSloResults(WeekData data, SloDefinition slo, List<SloWeekStatus> statuses)
    {
        var metricKey = data.Metrics.TryGetValue(slo.MetricId, out var metric) ? metric.Key : "";
        var rows = statuses.Where(s => s.SloId == slo.Id)
            .OrderBy(s => data.DatasetNames.GetValueOrDefault(s.DatasetId), StringComparer.OrdinalIgnoreCase)
            .ThenBy(s => s.SegmentValue, StringComparer.Ordinal)
            .ToList();
        if (rows.Count == 0)
        {
            yield return new SloResult(slo.Id, slo.Name, metricKey, slo.Aggregate, SloRules.Symbol(slo.Comparator), slo.Target, slo.Dimension, null, SloStatus.InsufficientData, null, 0, 0, slo.MinExamples, null, []);
            yield break;
        }

        foreach (var row in rows)
        {
            ErrorBudget? budget = null;
            if (slo.Aggregate == ScorecardAggregates.GoodRate && row.BudgetAllowed is { } allowed)
            {
                budget = new ErrorBudget(
                    data.Week.AddWeeks(1 - SloRules.WindowWeeks).ToString(),
                    data.Week.ToString(),
                    row.WindowExamples,
                    row.WindowBad,
                    allowed,
                    row.BudgetLeft ?? 0,
                    allowed > 0 ? (row.BudgetLeft ?? 0) / allowed : null,
                    row.WeekBurnRate,
                    row.WindowBurnRate,
                    row.FastBurn,
                    row.SlowBurn);
            }

            yield return new SloResult(
                slo.Id,
                slo.Name,
                metricKey,
                slo.Aggregate,
                SloRules.Symbol(slo.Comparator),
                slo.Target,
                slo.Dimension,
                slo.Dimension is null ? null : row.SegmentValue,
                row.Status,
                row.Figure,
                row.Examples,
                row.BadCount,
                slo.MinExamples,
                budget,
                ParseIds(row.RunIds),
                data.DatasetNames.GetValueOrDefault(row.DatasetId));
        }
    }

    /// <summary>Orders statuses worst first: breached, insufficient data, met, no SLO.</summary>
    internal static int StatusRank(SloStatus status) => status switch
    {
        SloStatus.Breached => 0,
        SloStatus.InsufficientData => 1,
        SloStatus.Met => 2,
        _ => 3,
    };

    private static ScorecardMetricColumn ToColumn(Metric metric) =>
        new(metric.Id, metric.Key, metric.DisplayName, metric.Aggregate, DirectionName(metric.Direction), metric.Unit, metric.ScaleMin, metric.ScaleMax);
}
