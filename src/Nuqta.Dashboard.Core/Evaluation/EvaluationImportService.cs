using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation.Import;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>
/// Imports an evaluation result file into runs: streams and validates the rows, joins them to
/// the dataset version's examples by key or by normalised input text, writes the values in
/// chunks under runs in state pending, computes aggregates in the same pass, and commits with
/// one short transaction that writes the audit events. A rejected file leaves only an audit event.
/// </summary>
public sealed partial class EvaluationImportService(
    IDbContextFactory<NuqtaDbContext> contexts,
    IWriteTransactions transactions,
    MetricCatalogue catalogue,
    AuditTrail audit,
    AuditedWriter writer,
    TimeProvider time,
    ILogger<EvaluationImportService> logger,
    Scorecards.IWeeklyFigureMaintenance? weeklyFigures = null)
{
    private const int DetailChunkSize = 5000;

    public async Task<ImportOutcome> ImportAsync(Actor actor, ImportRunsRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.RunsWrite);
        var target = await ResolveTargetAsync(request, cancellationToken);
        var sha256 = await HashFileAsync(request.FilePath, cancellationToken);

        var existing = await FindExistingAsync(target, sha256, request.Trial, cancellationToken);
        if (existing is not null)
        {
            logger.LogInformation("File {FileName} was already imported as {ImportId}; returning the existing runs", request.FileName, existing.ImportId);
            return existing;
        }

        var importId = Guid.NewGuid();
        var createdMetricIds = new List<int>();
        var runIds = new List<int>();
        try
        {
            var parsed = Parse(request, target, progress, cancellationToken);
            progress?.Report(new ImportProgress("writing values", parsed.RowsRead, 60));
            var metrics = await ResolveMetricsAsync(parsed.Metrics, createdMetricIds, cancellationToken);
            runIds = await CreatePendingRunsAsync(actor, request, target, parsed, importId, sha256, cancellationToken);
            await WriteValuesAsync(runIds, parsed, metrics, target, progress, cancellationToken);
            await CommitAsync(actor, request, target, parsed, runIds, metrics, createdMetricIds, cancellationToken);
            await RecomputeWeeklyFiguresAsync(runIds, cancellationToken);
            progress?.Report(new ImportProgress("committed", parsed.RowsRead, 100));

            var runs = parsed.Runs.Select((run, i) => new ImportedRunView(runIds[i], target.ModelName, run.VersionLabel, run.SplitValue, run.Rows, run.Matched, run.Unmatched, run.Errors)).ToList();
            logger.LogInformation("Imported {FileName} as {ImportId}: {RunCount} runs, {Rows} rows", request.FileName, importId, runs.Count, parsed.RowsRead);
            return new ImportOutcome(importId, false, parsed.Format, runs, parsed.UnmatchedRows.Count);
        }
        catch (Exception ex) when (ex is InputValidationException or OperationCanceledException or IOException or ConflictException)
        {
            await DiscardAsync(actor, request, target, runIds, createdMetricIds, ex);
            throw;
        }
    }

    /// <summary>
    /// Brings the weekly figures of the committed runs' weeks up to date. The runs stay committed
    /// when this fails; the next start-up computes the weeks that still lack figures.
    /// </summary>
    private async Task RecomputeWeeklyFiguresAsync(List<int> runIds, CancellationToken cancellationToken)
    {
        if (weeklyFigures is null)
        {
            return;
        }

        try
        {
            await weeklyFigures.RecomputeForRunsAsync(runIds, cancellationToken);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or DbUpdateException or InvalidOperationException)
        {
            logger.LogError(ex, "Runs {RunIds} were imported, but recomputing their weekly figures failed; the next start-up retries", runIds);
        }
    }

    private sealed record Target(
        string ModelName,
        int DatasetVersionId,
        string DatasetLabel,
        int ExampleCount,
        bool HasIdField,
        IReadOnlyDictionary<string, int> VersionIdsByLabel,
        IReadOnlyDictionary<string, string> LabelBySplitValue,
        string? SingleLabel);

    private async Task<Target> ResolveTargetAsync(ImportRunsRequest request, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = new InputErrorCollector();
        var model = await ModelRegistry.FindModelAsync(db, request.Model, cancellationToken);
        var dataset = await DatasetRegistry.FindDatasetAsync(db, request.Dataset, cancellationToken);
        var datasetVersion = await DatasetRegistry.FindVersionAsync(db, dataset, request.DatasetVersion, cancellationToken);

        if (RunKinds.Parse(request.Kind) is null)
        {
            errors.Add(new InputError($"kind '{request.Kind}' is invalid; use regression or production-sample", "kind", Value: request.Kind));
        }

        if (request.Trial < 1)
        {
            errors.Add(new InputError($"trial must be 1 or more, not {request.Trial}", "trial", Value: request.Trial.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        string? single = null;
        if (!string.IsNullOrWhiteSpace(request.SplitBy))
        {
            if (request.VersionMap is null || request.VersionMap.Count == 0)
            {
                errors.Add(new InputError("versionMap is required with splitBy: map each value of the split column to a version label", "versionMap"));
            }
            else
            {
                foreach (var (value, label) in request.VersionMap)
                {
                    labels[value] = label;
                }
            }
        }
        else if (string.IsNullOrWhiteSpace(request.Version))
        {
            errors.Add(new InputError("version is required: name the model version of the results, or give splitBy and versionMap", "version"));
        }
        else
        {
            single = request.Version.Trim();
        }

        errors.ThrowIfAny();
        var versionIds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var label in labels.Values.Append(single).OfType<string>().Distinct())
        {
            try
            {
                versionIds[label] = (await ModelRegistry.FindVersionAsync(db, model, label, cancellationToken)).Id;
            }
            catch (NotFoundException ex)
            {
                errors.Add(new InputError($"{ex.Message} Register it first, or correct the version label.", "version", Value: label));
            }
        }

        errors.ThrowIfAny();
        return new Target(model.Name, datasetVersion.Id, $"{dataset.Name}/{datasetVersion.Label}", datasetVersion.RowCount, datasetVersion.IdField is not null, versionIds, labels, single);
    }

    private async Task<ImportOutcome?> FindExistingAsync(Target target, string sha256, int trial, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var candidates = await db.EvaluationRuns.AsNoTracking()
            .Where(r => r.State == StoreState.Committed && r.FileSha256 == sha256 && r.DatasetVersionId == target.DatasetVersionId && r.Trial == trial)
            .Select(r => new { Run = r, Label = r.ModelVersion!.Label })
            .ToListAsync(cancellationToken);

        // An earlier import is a retry only when every one of its runs went to the version that this
        // request assigns to the run's split value. Otherwise a changed versionMap would return the
        // old runs and import nothing for the new versions.
        var runs = candidates.GroupBy(r => r.Run.ImportId)
            .FirstOrDefault(import => import.All(r => r.Run.ModelVersionId == RequestedVersionId(target, r.Run.SplitValue)))
            ?.ToList();
        if (runs is null)
        {
            return null;
        }

        var importId = runs[0].Run.ImportId;
        var unmatched = await db.UnmatchedRows.CountAsync(u => u.ImportId == importId, cancellationToken);
        var views = runs.Select(r => new ImportedRunView(r.Run.Id, target.ModelName, r.Label, r.Run.SplitValue, r.Run.RowCount, r.Run.MatchedRows, r.Run.UnmatchedRows, r.Run.ErrorRows)).ToList();
        return new ImportOutcome(importId, true, runs[0].Run.ImportFormat, views, unmatched);
    }

    // Returns the id of the version that rows with this split value go to under the request, or null when it maps them nowhere.
    private static int? RequestedVersionId(Target target, string? splitValue)
    {
        if (target.SingleLabel is { } single)
        {
            return splitValue is null ? target.VersionIdsByLabel[single] : null;
        }

        return splitValue is not null && target.LabelBySplitValue.TryGetValue(splitValue, out var label) ? target.VersionIdsByLabel[label] : null;
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(file, cancellationToken));
    }

    private static byte[] Pack(double[] values)
    {
        var bytes = new byte[values.Length * 8];
        for (var i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(i * 8), values[i]);
        }

        return bytes;
    }

    /// <summary>Unpacks a stored metric array: little-endian float64 per example, NaN for missing.</summary>
    public static double[] Unpack(byte[] bytes)
    {
        var values = new double[bytes.Length / 8];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8));
        }

        return values;
    }

    private static string? ContextsJson(IReadOnlyList<string> contexts) => contexts.Count == 0 ? null : JsonSerializer.Serialize(contexts);
}
