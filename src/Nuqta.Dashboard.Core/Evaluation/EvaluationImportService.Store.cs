using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Evaluation.Import;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Evaluation;

public sealed partial class EvaluationImportService
{
    private async Task<Dictionary<string, Metric>> ResolveMetricsAsync(IReadOnlyList<ImportedMetric> imported, List<int> createdMetricIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await transactions.BeginAsync(db, cancellationToken);
        var before = await db.Metrics.Select(m => m.Id).ToListAsync(cancellationToken);
        var metrics = await catalogue.ResolveAsync(db, imported, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        createdMetricIds.AddRange(metrics.Values.Select(m => m.Id).Except(before));
        return metrics;
    }

    private async Task<List<int>> CreatePendingRunsAsync(Actor actor, ImportRunsRequest request, Target target, ParsedFile parsed, Guid importId, string sha256, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var runs = parsed.Runs.Select(run => new EvaluationRun
        {
            ModelVersionId = target.VersionIdsByLabel[run.VersionLabel],
            DatasetVersionId = target.DatasetVersionId,
            State = StoreState.Pending,
            ImportId = importId,
            EvaluatedAtUtc = request.EvaluatedAtUtc?.ToUniversalTime() ?? now,
            Kind = RunKinds.Parse(request.Kind)!.Value,
            Evaluator = request.Evaluator?.Trim() ?? "",
            EvaluatorVersion = request.EvaluatorVersion?.Trim() ?? "",
            Trial = request.Trial,
            Source = request.Source?.Trim() ?? "",
            Commit = request.Commit?.Trim() ?? "",
            ImportFormat = parsed.Format,
            FileName = Path.GetFileName(request.FileName),
            FileSha256 = sha256,
            SplitValue = run.SplitValue,
            RowCount = run.Rows,
            MatchedRows = run.Matched,
            UnmatchedRows = run.Unmatched,
            ErrorRows = run.Errors,
            ImportedBy = actor.Name,
            ImportedAtUtc = now,
        }).ToList();
        db.EvaluationRuns.AddRange(runs);
        foreach (var row in parsed.UnmatchedRows)
        {
            row.ImportId = importId;
        }

        db.UnmatchedRows.AddRange(parsed.UnmatchedRows);
        await db.SaveChangesAsync(cancellationToken);
        return runs.Select(r => r.Id).ToList();
    }

    // Each metric array and each chunk of drill-down rows is its own short write, so an import keeps
    // SQLite's single writer for one chunk at a time, never for the whole file.
    private async Task WriteValuesAsync(List<int> runIds, ParsedFile parsed, Dictionary<string, Metric> metrics, Target target, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var dimensions = await LoadDimensionsAsync(target.DatasetVersionId, cancellationToken);
        for (var r = 0; r < parsed.Runs.Count; r++)
        {
            var run = parsed.Runs[r];
            var runId = runIds[r];

            // Aggregating is CPU work, so two metrics are prepared at a time. Two bounds the scratch
            // memory held at once, and each metric is then written in its own short transaction.
            foreach (var pair in run.Values.Chunk(2))
            {
                var prepared = await Task.WhenAll(pair.Select(entry => Task.Run(
                    () => (Values: new RunMetricValues { RunId = runId, MetricId = metrics[entry.Key].Id, Values = entry.Value.Bytes },
                           Aggregates: RunAggregator.Compute(runId, metrics[entry.Key], entry.Value.AsDoubles(), dimensions)),
                    cancellationToken)));
                foreach (var ((values, aggregates), column) in prepared.Zip(pair.Select(entry => entry.Value)))
                {
                    await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                    await using var transaction = await transactions.BeginAsync(db, cancellationToken);

                    // The value array is inserted with SQL instead of as a tracked entity, because EF Core
                    // snapshots a tracked byte array by copying it: 8 MB per metric of a million examples.
                    await db.Database.ExecuteSqlAsync(
                        $"""INSERT INTO "RunMetricValues" ("RunId", "MetricId", "Values") VALUES ({values.RunId}, {values.MetricId}, {values.Values})""",
                        cancellationToken);
                    db.RunAggregates.AddRange(aggregates);
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    column.Release();
                }
            }

            foreach (var chunk in run.Details.Chunk(DetailChunkSize))
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                foreach (var detail in chunk)
                {
                    detail.RunId = runId;
                }

                db.RunExampleDetails.AddRange(chunk);
                await db.SaveChangesAsync(cancellationToken);
            }

            progress?.Report(new ImportProgress("writing values", parsed.RowsRead, 60 + (35 * (r + 1) / parsed.Runs.Count)));
        }
    }

    private async Task<IReadOnlyList<(string Name, string[] Values, int[] Codes)>> LoadDimensionsAsync(int datasetVersionId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dimensions = await StoredSegmentDimensions.ReadAsync(db, datasetVersionId, cancellationToken);
        return dimensions.Select(d => (d.Name, d.Values, d.Codes)).ToList();
    }

    private async Task CommitAsync(Actor actor, ImportRunsRequest request, Target target, ParsedFile parsed, List<int> runIds, Dictionary<string, Metric> metrics, List<int> createdMetricIds, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await transactions.BeginAsync(db, cancellationToken);
        var updated = await db.EvaluationRuns.Where(r => runIds.Contains(r.Id) && r.State == StoreState.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.State, StoreState.Committed), cancellationToken);
        if (updated != runIds.Count)
        {
            throw new ConflictException("The import's pending runs were removed before they could be committed (was the app restarted?). Upload the file again.");
        }

        foreach (var metric in metrics.Values.Where(m => createdMetricIds.Contains(m.Id)))
        {
            await audit.AppendAsync(db, actor, new AuditEntry("metric.registered", "metric", metric.Key, After: MetricCatalogue.ToView(metric), Reason: $"first seen in {Path.GetFileName(request.FileName)}"), cancellationToken);
        }

        for (var i = 0; i < runIds.Count; i++)
        {
            var run = parsed.Runs[i];
            var after = new
            {
                model = target.ModelName,
                version = run.VersionLabel,
                datasetVersion = target.DatasetLabel,
                file = Path.GetFileName(request.FileName),
                format = parsed.Format,
                splitValue = run.SplitValue,
                rows = run.Rows,
                matched = run.Matched,
                unmatched = run.Unmatched,
                errorRows = run.Errors,
                metrics = run.Values.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray(),
                trial = request.Trial,
                kind = request.Kind ?? "regression",
            };
            await audit.AppendAsync(db, actor, new AuditEntry("evaluation-run.imported", "evaluation-run", runIds[i].ToString(System.Globalization.CultureInfo.InvariantCulture), After: after), cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private async Task DiscardAsync(Actor actor, ImportRunsRequest request, Target target, List<int> runIds, List<int> createdMetricIds, Exception reason)
    {
        // Runs even when the caller cancelled, so that no pending rows stay behind.
        await using (var db = await contexts.CreateDbContextAsync(CancellationToken.None))
        {
            if (runIds.Count > 0)
            {
                var importIds = await db.EvaluationRuns.Where(r => runIds.Contains(r.Id)).Select(r => r.ImportId).Distinct().ToListAsync();
                await db.RunAggregates.Where(a => runIds.Contains(a.RunId)).ExecuteDeleteAsync();
                await db.RunMetricValues.Where(v => runIds.Contains(v.RunId)).ExecuteDeleteAsync();
                await db.RunExampleDetails.Where(d => runIds.Contains(d.RunId)).ExecuteDeleteAsync();
                await db.UnmatchedRows.Where(u => importIds.Contains(u.ImportId)).ExecuteDeleteAsync();
                await db.EvaluationRuns.Where(r => runIds.Contains(r.Id)).ExecuteDeleteAsync();
            }

            if (createdMetricIds.Count > 0)
            {
                var used = await db.RunMetricValues.Where(v => createdMetricIds.Contains(v.MetricId)).Select(v => v.MetricId).Distinct().ToListAsync();
                var unused = createdMetricIds.Except(used).ToList();
                await db.Metrics.Where(m => unused.Contains(m.Id)).ExecuteDeleteAsync();
            }
        }

        var errorCount = reason is InputValidationException invalid ? invalid.Errors.Count : 0;
        var after = new { model = target.ModelName, datasetVersion = target.DatasetLabel, file = Path.GetFileName(request.FileName), errors = errorCount, firstError = reason.Message };
        await writer.RecordAsync(actor, new AuditEntry("evaluation-run.rejected", "evaluation-run", Path.GetFileName(request.FileName), After: after), CancellationToken.None);
        logger.LogInformation("Rejected results file {FileName} for {Model} on {DatasetVersion}: {ErrorCount} errors", request.FileName, target.ModelName, target.DatasetLabel, errorCount);
    }
}
