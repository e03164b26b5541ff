using System.Security.Claims;
using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Common.Tabular;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Storage;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Api;

/// <summary>Routes of the model and dataset registry and of upload staging, under <c>/api/v1</c>.</summary>
public static class RegistryApi
{
    public static RouteGroupBuilder MapRegistryApi(this RouteGroupBuilder api)
    {
        var models = api.MapGroup("/models").WithTags("Models");
        models.MapGet("/", ListModels).WithSummary("List models");
        models.MapGet("/{model}", GetModel).WithSummary("Get a model with its versions and aliases");
        models.MapPost("/", RegisterModel).WithSummary("Register a model");
        models.MapPost("/{model}/versions", RegisterVersion).WithSummary("Register a model version");

        var datasets = api.MapGroup("/datasets").WithTags("Datasets");
        datasets.MapGet("/", ListDatasets).WithSummary("List datasets");
        datasets.MapGet("/{dataset}", GetDataset).WithSummary("Get a dataset with its versions");
        datasets.MapPost("/", RegisterDataset).WithSummary("Register a dataset");
        datasets.MapPost("/{dataset}/versions", CreateDatasetVersion)
            .WithSummary("Create a dataset version from an examples file (multipart: file or uploadId, version, format, idField, inputField, referenceField, segmentFields, parentVersions; repeatedExamples=once for a results file that repeats each example per model version; format=promptfoo with joinField to take a promptfoo file's test cases)");

        var uploads = api.MapGroup("/uploads").WithTags("Uploads");
        uploads.MapPost("/", StageUpload).WithSummary("Stage a file once for preview and later use (multipart: file)");
        uploads.MapGet("/{uploadId}/preview", PreviewUpload).WithSummary("Show the detected format, columns and first rows of a staged file");
        return api;
    }

    private static async Task<IResult> ListModels(ClaimsPrincipal user, ActorAccessor actors, ModelRegistry registry, string? search, string? sort, bool? desc, int? page, int? pageSize, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        var result = await registry.ListModelsAsync(new ListQuery(search, sort, desc ?? false, page ?? 1, pageSize ?? 50), ct);
        return Results.Ok(result);
    }

    private static async Task<IResult> GetModel(string model, ClaimsPrincipal user, ActorAccessor actors, ModelRegistry registry, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        return Results.Ok(await registry.GetModelAsync(model, ct));
    }

    private static async Task<IResult> RegisterModel(RegisterModelRequest request, ClaimsPrincipal user, ActorAccessor actors, ModelRegistry registry, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        var created = await registry.RegisterModelAsync(actor, request, ct);
        return Results.Created($"/api/v1/models/{Uri.EscapeDataString(created.Name)}", created);
    }

    private static async Task<IResult> RegisterVersion(string model, RegisterModelVersionRequest request, ClaimsPrincipal user, ActorAccessor actors, ModelRegistry registry, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        var created = await registry.RegisterVersionAsync(actor, model, request, ct);
        return Results.Created($"/api/v1/models/{Uri.EscapeDataString(model)}", created);
    }

    private static async Task<IResult> ListDatasets(ClaimsPrincipal user, ActorAccessor actors, DatasetRegistry registry, string? search, string? sort, bool? desc, int? page, int? pageSize, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        return Results.Ok(await registry.ListDatasetsAsync(new ListQuery(search, sort, desc ?? false, page ?? 1, pageSize ?? 50), ct));
    }

    private static async Task<IResult> GetDataset(string dataset, ClaimsPrincipal user, ActorAccessor actors, DatasetRegistry registry, CancellationToken ct)
    {
        (await actors.FromPrincipalAsync(user, ct)).Demand(Permission.Read);
        return Results.Ok(await registry.GetDatasetAsync(dataset, ct));
    }

    private static async Task<IResult> RegisterDataset(RegisterDatasetRequest request, ClaimsPrincipal user, ActorAccessor actors, DatasetRegistry registry, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        var created = await registry.RegisterDatasetAsync(actor, request, ct);
        return Results.Created($"/api/v1/datasets/{Uri.EscapeDataString(created.Name)}", created);
    }

    private static async Task<IResult> CreateDatasetVersion(
        string dataset,
        HttpContext http,
        ActorAccessor actors,
        DatasetVersionCreator creator,
        DatasetRegistry registry,
        StagingStore staging,
        IOptions<StorageOptions> storage,
        CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(http.User, ct);
        actor.Demand(Permission.RegistryWrite);

        // Fail fast on an unknown dataset before reading a large body.
        await registry.GetDatasetAsync(dataset, ct);

        var form = await MultipartUpload.ReadAsync(http, staging, storage.Value, actor.Id, ct);
        var oneShot = form.File is not null;
        var upload = form.File
            ?? (form.Field("uploadId") is { } uploadId
                ? await staging.GetAsync(uploadId, actor.Id, ct)
                : throw new InputValidationException("send the examples file in a part named 'file', or the id of a staged upload in 'uploadId'", "file"));
        string? converted = null;
        try
        {
            var path = upload.ContentPath;
            var fileName = upload.FileName;
            var format = form.Field("format");
            var inputField = form.Field("inputField");
            var takeOnce = string.Equals(form.Field("repeatedExamples"), "once", StringComparison.OrdinalIgnoreCase);
            if (string.Equals(format, "promptfoo", StringComparison.OrdinalIgnoreCase))
            {
                // The examples of a promptfoo file are its test cases. The join variable is the input, the
                // other variables are fields, and each test repeats once per provider.
                converted = upload.ContentPath + ".examples.jsonl";
                PromptfooExamples.WriteJsonLines(upload.ContentPath, upload.FileName, form.Field("joinField"), converted);
                (path, fileName, format, inputField, takeOnce) = (converted, Path.ChangeExtension(upload.FileName, ".jsonl"), "jsonl", inputField ?? PromptfooExamples.InputField, true);
            }

            var request = new CreateDatasetVersionRequest(
                form.Field("version") ?? "",
                path,
                fileName,
                format,
                form.Field("idField"),
                inputField ?? "",
                form.Field("referenceField"),
                SplitList(form.Field("segmentFields")),
                SplitList(form.Field("parentVersions")),
                form.Field("description"),
                takeOnce);
            var version = await creator.CreateAsync(actor, dataset, request, ct);
            var body = new
            {
                dataset = version.Dataset,
                version = version.Version,
                rows = version.RowCount,
                contentSha256 = version.ContentSha256,
                format = version.SourceFormat,
                segments = version.Segments.ToDictionary(s => s.Name, s => s.Values.ToDictionary(v => v.Value, v => v.Count)),
                parents = version.Parents,
                sameContentAs = version.SameContentAs,
            };
            return Results.Created($"/api/v1/datasets/{Uri.EscapeDataString(version.Dataset)}", body);
        }
        finally
        {
            if (converted is not null)
            {
                File.Delete(converted);
            }

            if (oneShot)
            {
                staging.Delete(upload);
            }
        }
    }

    private static async Task<IResult> StageUpload(HttpContext http, ActorAccessor actors, StagingStore staging, IOptions<StorageOptions> storage, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(http.User, ct);
        if (!actor.Can(Permission.RegistryWrite) && !actor.Can(Permission.RunsWrite))
        {
            actor.Demand(Permission.RegistryWrite);
        }

        var form = await MultipartUpload.ReadAsync(http, staging, storage.Value, actor.Id, ct);
        var file = form.File ?? throw new InputValidationException("send the file in a part named 'file'", "file");
        return Results.Created($"/api/v1/uploads/{file.UploadId}/preview", new
        {
            uploadId = file.UploadId,
            fileName = file.FileName,
            size = file.Size,
            sha256 = file.Sha256,
            expiresAt = file.ExpiresAtUtc,
        });
    }

    private static async Task<IResult> PreviewUpload(string uploadId, string? format, ClaimsPrincipal user, ActorAccessor actors, StagingStore staging, CancellationToken ct)
    {
        var actor = await actors.FromPrincipalAsync(user, ct);
        actor.Demand(Permission.Read);
        var upload = await staging.GetAsync(uploadId, actor.Id, ct);
        var sniff = TabularFile.Sniff(upload.ContentPath, upload.FileName, TabularFile.ParseFormat(format));
        var (columns, rows) = TabularFile.Preview(upload.ContentPath, sniff);
        return Results.Ok(new
        {
            uploadId,
            fileName = upload.FileName,
            format = sniff.Format.ToString().ToLowerInvariant(),
            delimiter = sniff.Delimiter == '\0' ? null : sniff.Delimiter.ToString(),
            columns,
            rows = rows.Select(r => new { line = r.Line, fields = r.Fields }),
        });
    }

    /// <summary>Splits a comma-separated form value into trimmed, non-empty items.</summary>
    public static IReadOnlyList<string> SplitList(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
