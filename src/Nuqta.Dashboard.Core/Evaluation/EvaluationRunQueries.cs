using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Evaluation;

public sealed record RunFilter(string? Model = null, string? Version = null, string? Dataset = null, DateTime? FromUtc = null, DateTime? ToUtc = null, int Page = 1, int PageSize = 50);

public sealed record RunSummary(
    int Id,
    string Model,
    string Version,
    string Dataset,
    string DatasetVersion,
    string Kind,
    DateTime EvaluatedAtUtc,
    int Trial,
    string Evaluator,
    string FileName,
    string? SplitValue,
    int Rows,
    int MatchedRows,
    int UnmatchedRows,
    int ErrorRows,
    Guid ImportId);

/// <summary>Aggregates of one metric, overall or for one segment value.</summary>
public sealed record MetricAggregateView(
    string Metric,
    string? Segment,
    int Count,
    int Missing,
    int BadCount,
    double? Mean,
    double? MeanLower,
    double? MeanUpper,
    double? P50,
    double? P95);

public sealed record RunDetail(
    RunSummary Run,
    string EvaluatorVersion,
    string Source,
    string Commit,
    string ImportFormat,
    string ImportedBy,
    DateTime ImportedAtUtc,
    IReadOnlyList<string> Dimensions,
    IReadOnlyList<MetricAggregateView> Overall);

public sealed record RunExampleRow(int Index, string Key, string Input, IReadOnlyDictionary<string, string> Segments, IReadOnlyDictionary<string, double> Metrics, bool IsError);

public sealed record RunExampleFilter(string? Dimension = null, string? Value = null, bool ErrorsOnly = false, string? Metric = null, double? Min = null, double? Max = null, int Page = 1, int PageSize = 25);

public sealed record RunExampleView(
    int Index,
    string Key,
    string Input,
    string? Reference,
    IReadOnlyDictionary<string, string> Segments,
    IReadOnlyDictionary<string, double> Metrics,
    bool IsError,
    string? ErrorMessage,
    string? Output,
    IReadOnlyList<string> Contexts,
    string? JudgeReasons);

/// <summary>Reads committed runs: lists, summaries, per-segment aggregates and per-example values.</summary>
public sealed class EvaluationRunQueries(IDbContextFactory<NuqtaDbContext> contexts)
{
    public async Task<Paged<RunSummary>> ListAsync(RunFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = db.EvaluationRuns.AsNoTracking().Where(r => r.State == StoreState.Committed);
        if (!string.IsNullOrWhiteSpace(filter.Model))
        {
            var model = Names.Normalize(filter.Model);
            runs = runs.Where(r => r.ModelVersion!.Model!.NormalizedName == model);
        }

        if (!string.IsNullOrWhiteSpace(filter.Version))
        {
            var version = Names.Normalize(filter.Version);
            runs = runs.Where(r => r.ModelVersion!.NormalizedLabel == version);
        }

        if (!string.IsNullOrWhiteSpace(filter.Dataset))
        {
            var dataset = Names.Normalize(filter.Dataset);
            runs = runs.Where(r => r.DatasetVersion!.Dataset!.NormalizedName == dataset);
        }

        if (filter.FromUtc is { } from)
        {
            runs = runs.Where(r => r.EvaluatedAtUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            runs = runs.Where(r => r.EvaluatedAtUtc < to);
        }

        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, 500);
        var total = await runs.CountAsync(cancellationToken);
        var items = await Project(runs.OrderByDescending(r => r.EvaluatedAtUtc).ThenByDescending(r => r.Id).Skip((page - 1) * size).Take(size))
            .ToListAsync(cancellationToken);
        return new Paged<RunSummary>(items, total, page, size);
    }

    /// <exception cref="NotFoundException">No committed run has this id.</exception>
    public async Task<RunDetail> GetAsync(int runId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.EvaluationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.State == StoreState.Committed, cancellationToken)
            ?? throw new NotFoundException($"No evaluation run has id {runId}.");
        var summary = await Project(db.EvaluationRuns.Where(r => r.Id == runId)).FirstAsync(cancellationToken);
        var dimensions = await db.SegmentDimensions.AsNoTracking().Where(d => d.DatasetVersionId == run.DatasetVersionId).OrderBy(d => d.Ordinal).Select(d => d.Name).ToListAsync(cancellationToken);
        var overall = await AggregatesAsync(db, runId, null, cancellationToken);
        return new RunDetail(summary, run.EvaluatorVersion, run.Source, run.Commit, run.ImportFormat, run.ImportedBy, run.ImportedAtUtc, dimensions, overall);
    }

    /// <summary>Returns the aggregates of every metric for each value of one segment dimension.</summary>
    public async Task<IReadOnlyList<MetricAggregateView>> GetSegmentAggregatesAsync(int runId, string dimension, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var exists = await db.RunAggregates.AnyAsync(a => a.RunId == runId && a.Dimension == dimension, cancellationToken);
        if (!exists)
        {
            throw new NotFoundException($"Run {runId} has no segment dimension '{dimension}'.");
        }

        return await AggregatesAsync(db, runId, dimension, cancellationToken);
    }

    /// <summary>Returns a page of examples with their metric values, filtered by segment, error flag and metric range.</summary>
    public async Task<Paged<RunExampleRow>> ListExamplesAsync(int runId, RunExampleFilter filter, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.EvaluationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.State == StoreState.Committed, cancellationToken)
            ?? throw new NotFoundException($"No evaluation run has id {runId}.");
        var values = await LoadValuesAsync(db, runId, cancellationToken);
        var dimensions = await LoadDimensionsAsync(db, run.DatasetVersionId, cancellationToken);
        var errors = await db.RunExampleDetails.AsNoTracking().Where(d => d.RunId == runId && d.IsError).Select(d => d.ExampleIndex).ToListAsync(cancellationToken);
        var errorSet = errors.ToHashSet();
        var count = values.Count > 0 ? values.First().Value.Length : 0;

        var matched = MatchedIndexes(values, errorSet, count);
        IEnumerable<int> indexes = matched;
        if (filter.Dimension is not null && filter.Value is not null)
        {
            var dimension = dimensions.FirstOrDefault(d => d.Name == filter.Dimension);
            if (dimension.Values is null)
            {
                throw new NotFoundException($"Run {runId} has no segment dimension '{filter.Dimension}'.");
            }

            var code = Array.IndexOf(dimension.Values, filter.Value);
            indexes = indexes.Where(i => dimension.Codes[i] == code);
        }

        if (filter.ErrorsOnly)
        {
            indexes = indexes.Where(errorSet.Contains);
        }

        if (filter.Metric is not null && values.TryGetValue(filter.Metric, out var metricValues))
        {
            indexes = indexes.Where(i => !double.IsNaN(metricValues[i]) && (filter.Min is null || metricValues[i] >= filter.Min) && (filter.Max is null || metricValues[i] <= filter.Max));
        }

        var list = indexes.ToList();
        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var pageIndexes = list.Skip((page - 1) * size).Take(size).ToList();
        var examples = await db.DatasetExamples.AsNoTracking()
            .Where(e => e.DatasetVersionId == run.DatasetVersionId && pageIndexes.Contains(e.ExampleIndex))
            .ToDictionaryAsync(e => e.ExampleIndex, cancellationToken);
        var rows = pageIndexes.Select(i => new RunExampleRow(
            i,
            examples[i].Key,
            examples[i].Input,
            dimensions.ToDictionary(d => d.Name, d => d.Values[d.Codes[i]]),
            values.Where(v => !double.IsNaN(v.Value[i])).ToDictionary(v => v.Key, v => v.Value[i]),
            errorSet.Contains(i))).ToList();
        return new Paged<RunExampleRow>(rows, list.Count, page, size);
    }

    /// <summary>Returns one example of a run with its drill-down text.</summary>
    public async Task<RunExampleView> GetExampleAsync(int runId, int index, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var run = await db.EvaluationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId && r.State == StoreState.Committed, cancellationToken)
            ?? throw new NotFoundException($"No evaluation run has id {runId}.");
        var example = await db.DatasetExamples.AsNoTracking().FirstOrDefaultAsync(e => e.DatasetVersionId == run.DatasetVersionId && e.ExampleIndex == index, cancellationToken)
            ?? throw new NotFoundException($"Run {runId} has no example {index}.");
        var detail = await db.RunExampleDetails.AsNoTracking().FirstOrDefaultAsync(d => d.RunId == runId && d.ExampleIndex == index, cancellationToken);
        var values = await LoadValuesAsync(db, runId, cancellationToken);
        var dimensions = await LoadDimensionsAsync(db, run.DatasetVersionId, cancellationToken);
        var passages = detail?.ContextsJson is null ? [] : JsonSerializer.Deserialize<List<string>>(detail.ContextsJson) ?? [];
        return new RunExampleView(
            index,
            example.Key,
            example.Input,
            example.Reference,
            dimensions.ToDictionary(d => d.Name, d => d.Values[d.Codes[index]]),
            values.Where(v => !double.IsNaN(v.Value[index])).ToDictionary(v => v.Key, v => v.Value[index]),
            detail?.IsError ?? false,
            detail?.ErrorMessage,
            detail?.Output,
            passages,
            detail?.JudgeReasons);
    }

    /// <summary>Returns the rows of a file that matched no example, for download.</summary>
    public async Task<IReadOnlyList<UnmatchedRow>> ListUnmatchedAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.UnmatchedRows.AsNoTracking().Where(u => u.ImportId == importId).OrderBy(u => u.Line).ToListAsync(cancellationToken);
    }

    private static IQueryable<RunSummary> Project(IQueryable<EvaluationRun> runs) => runs.Select(r => new RunSummary(
        r.Id,
        r.ModelVersion!.Model!.Name,
        r.ModelVersion.Label,
        r.DatasetVersion!.Dataset!.Name,
        r.DatasetVersion.Label,
        r.Kind == RunKind.ProductionSample ? "production-sample" : "regression",
        r.EvaluatedAtUtc,
        r.Trial,
        r.Evaluator,
        r.FileName,
        r.SplitValue,
        r.RowCount,
        r.MatchedRows,
        r.UnmatchedRows,
        r.ErrorRows,
        r.ImportId));

    private static async Task<List<MetricAggregateView>> AggregatesAsync(NuqtaDbContext db, int runId, string? dimension, CancellationToken cancellationToken)
    {
        var rows = await db.RunAggregates.AsNoTracking()
            .Where(a => a.RunId == runId && a.Dimension == dimension)
            .Join(db.Metrics, a => a.MetricId, m => m.Id, (a, m) => new { Aggregate = a, m.Key, MetricOrder = m.IsBuiltIn ? 0 : 1, MetricId = m.Id })
            .ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.MetricOrder).ThenBy(r => r.MetricId).ThenBy(r => r.Aggregate.Id)
            .Select(r => new MetricAggregateView(r.Key, r.Aggregate.SegmentValue, r.Aggregate.Count, r.Aggregate.Missing, r.Aggregate.BadCount, r.Aggregate.Mean, r.Aggregate.MeanLower, r.Aggregate.MeanUpper, r.Aggregate.P50, r.Aggregate.P95))
            .ToList();
    }

    private static async Task<Dictionary<string, double[]>> LoadValuesAsync(NuqtaDbContext db, int runId, CancellationToken cancellationToken)
    {
        var rows = await db.RunMetricValues.AsNoTracking().Where(v => v.RunId == runId)
            .Join(db.Metrics, v => v.MetricId, m => m.Id, (v, m) => new { m.Key, v.Values })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Key, r => EvaluationImportService.Unpack(r.Values), StringComparer.Ordinal);
    }

    private static async Task<List<(string Name, string[] Values, int[] Codes)>> LoadDimensionsAsync(NuqtaDbContext db, int datasetVersionId, CancellationToken cancellationToken)
    {
        var dimensions = await db.SegmentDimensions.AsNoTracking().Where(d => d.DatasetVersionId == datasetVersionId).OrderBy(d => d.Ordinal).ToListAsync(cancellationToken);
        return dimensions.Select(d => (d.Name, JsonSerializer.Deserialize<string[]>(d.ValuesJson)!, SegmentCodes.Unpack(d.Codes))).ToList();
    }

    // The examples a run has a row for: any metric value, or an error row.
    private static List<int> MatchedIndexes(Dictionary<string, double[]> values, HashSet<int> errors, int count)
    {
        var result = new List<int>();
        for (var i = 0; i < count; i++)
        {
            if (errors.Contains(i) || values.Values.Any(v => !double.IsNaN(v[i])))
            {
                result.Add(i);
            }
        }

        return result;
    }
}
