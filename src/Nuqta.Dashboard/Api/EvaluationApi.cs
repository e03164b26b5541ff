using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Storage;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Api;

/// <summary>Routes for evaluation runs and the metric catalogue, under <c>/api/v1</c>.</summary>
public static class EvaluationApi
{
    public static RouteGroupBuilder MapEvaluationApi(this RouteGroupBuilder api)
    {
        var runs = api.MapGroup("/evaluation-runs").WithTags("Evaluation runs");
        runs.MapPost("/", ImportRuns)
            .WithSummary("Import a results file (multipart: file or uploadId, format, dataset, datasetVersion, model, version or splitBy + versionMap, mapping, joinField, evaluatedAt, kind, evaluator, evaluatorVersion, trial, source, commit)");
        runs.MapGet("/", ListRuns).WithSummary("List committed runs (filters: model, version, dataset, from, to)");
        runs.MapGet("/{id:int}", GetRun).WithSummary("Get a run's summary per metric, and per value of a segment dimension with ?segment=");
        api.MapGet("/imports/{importId:guid}/unmatched.csv", DownloadUnmatched).WithTags("Evaluation runs").WithSummary("Download the rows of an import that matched no example");
        api.MapGet("/metrics", ListMetrics).WithTags("Metrics").WithSummary("List the metric catalogue");
        return api;
    }

    private static async Task<IResult> ImportRuns(
        HttpContext http,
        ActorAccessor actors,
        EvaluationImportService importer,
        StagingStore staging,
        IOptions<StorageOptions> storage,
        CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(http.User, ct);
        actor.Demand(Permission.RunsWrite);
        var form = await MultipartUpload.ReadAsync(http, staging, storage.Value, actor.Id, ct);
        var oneShot = form.File is not null;
        var upload = form.File
            ?? (form.Field("uploadId") is { } uploadId
                ? await staging.GetAsync(uploadId, actor.Id, ct)
                : throw new InputValidationException("send the results file in a part named 'file', or the id of a staged upload in 'uploadId'", "file"));
        try
        {
            var request = ToRequest(form, upload);
            var outcome = await importer.ImportAsync(actor, request, cancellationToken: ct);
            var body = new
            {
                importId = outcome.ImportId,
                alreadyImported = outcome.AlreadyImported,
                format = outcome.Format,
                runs = outcome.Runs.Select(r => new
                {
                    id = r.Id,
                    model = r.Model,
                    version = r.Version,
                    splitValue = r.SplitValue,
                    rows = r.Rows,
                    matchedRows = r.MatchedRows,
                    unmatchedRows = r.UnmatchedRows,
                    errorRows = r.ErrorRows,
                }),
                unmatchedRows = outcome.UnmatchedRows,
                unmatchedDownload = outcome.UnmatchedRows > 0 ? $"/api/v1/imports/{outcome.ImportId}/unmatched.csv" : null,
            };
            return outcome.AlreadyImported ? Results.Ok(body) : Results.Created($"/api/v1/evaluation-runs/{outcome.Runs[0].Id}", body);
        }
        finally
        {
            if (oneShot)
            {
                staging.Delete(upload);
            }
        }
    }

    /// <summary>Builds an import request from the multipart form fields, checking the JSON and date fields.</summary>
    public static ImportRunsRequest ToRequest(MultipartContent form, StagedUpload upload)
    {
        var errors = new InputErrorCollector();
        var versionMap = ParseObject(form.Field("versionMap"), "versionMap", errors);
        var mapping = ParseObject(form.Field("mapping"), "mapping", errors);
        DateTime? evaluatedAt = null;
        if (form.Field("evaluatedAt") is { } when)
        {
            if (DateTimeOffset.TryParse(when, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                evaluatedAt = parsed.UtcDateTime;
            }
            else
            {
                errors.Add(new InputError($"evaluatedAt '{when}' is not a date and time; use ISO 8601, for example 2026-12-01T09:30:00Z", "evaluatedAt", Value: when));
            }
        }

        var trial = 1;
        if (form.Field("trial") is { } trialText && !int.TryParse(trialText, NumberStyles.Integer, CultureInfo.InvariantCulture, out trial))
        {
            errors.Add(new InputError($"trial '{trialText}' is not a whole number", "trial", Value: trialText));
        }

        foreach (var required in new[] { "model", "dataset", "datasetVersion" })
        {
            if (form.Field(required) is null)
            {
                errors.Add(new InputError($"{required} is required", required));
            }
        }

        errors.ThrowIfAny();
        return new ImportRunsRequest(
            form.Field("model")!,
            form.Field("dataset")!,
            form.Field("datasetVersion")!,
            form.Field("version"),
            form.Field("splitBy"),
            versionMap,
            form.Field("format"),
            mapping,
            form.Field("joinField"),
            evaluatedAt,
            form.Field("kind"),
            form.Field("evaluator"),
            form.Field("evaluatorVersion"),
            trial,
            form.Field("source"),
            form.Field("commit"),
            upload.ContentPath,
            upload.FileName);
    }

    private static Dictionary<string, string>? ParseObject(string? json, string field, InputErrorCollector errors)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(new InputError($"{field} must be a JSON object, for example {{\"BGE-M3\": \"v1\"}}", field, Value: json));
                return null;
            }

            return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(), StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            errors.Add(new InputError($"{field} is not valid JSON: {ex.Message.Split(" Path:")[0]}", field, Value: json));
            return null;
        }
    }

    private static async Task<IResult> ListRuns(ClaimsPrincipal user, ActorAccessor actors, EvaluationRunQueries runs, string? model, string? version, string? dataset, DateTime? from, DateTime? to, int? page, int? pageSize, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        return Results.Ok(await runs.ListAsync(new RunFilter(model, version, dataset, from?.ToUniversalTime(), to?.ToUniversalTime(), page ?? 1, pageSize ?? 50), ct));
    }

    private static async Task<IResult> GetRun(int id, string? segment, ClaimsPrincipal user, ActorAccessor actors, EvaluationRunQueries runs, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        var detail = await runs.GetAsync(id, ct);
        var segments = segment is null ? null : await runs.GetSegmentAggregatesAsync(id, segment, ct);
        return Results.Ok(new { run = detail.Run, detail.EvaluatorVersion, detail.Source, detail.Commit, detail.ImportFormat, detail.ImportedBy, detail.ImportedAtUtc, detail.Dimensions, metrics = detail.Overall, segment, segments });
    }

    private static async Task<IResult> DownloadUnmatched(Guid importId, ClaimsPrincipal user, ActorAccessor actors, EvaluationRunQueries runs, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        var rows = await runs.ListUnmatchedAsync(importId, ct);
        var csv = new StringBuilder("line,split_value,id,input\n");
        foreach (var row in rows)
        {
            csv.Append(row.Line.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(CsvCell.Escape(row.SplitValue)).Append(',')
                .Append(CsvCell.Escape(row.ExampleId)).Append(',')
                .Append(CsvCell.Escape(row.Input)).Append('\n');
        }

        return Results.File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray(), "text/csv; charset=utf-8", $"unmatched-{importId}.csv");
    }

    private static async Task<IResult> ListMetrics(ClaimsPrincipal user, ActorAccessor actors, MetricCatalogue catalogue, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        return Results.Ok(await catalogue.ListAsync(ct));
    }
}
