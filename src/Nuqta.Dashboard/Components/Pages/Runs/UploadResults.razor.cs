using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Storage;

using Nuqta.Dashboard.Components.Shared;

namespace Nuqta.Dashboard.Components.Pages.Runs;

/// <summary>
/// Uploads a results file through the staging endpoint (outside the Blazor circuit), previews
/// it, lets the user confirm the column mapping and split values, and imports it with progress.
/// </summary>
public partial class UploadResults
{
    private ElementReference _fileInput;
    private StagedFileUploader? _uploader;
    private bool _canUpload = true;
    private IReadOnlyList<string> _models = [];
    private IReadOnlyList<string> _versions = [];
    private IReadOnlyList<string> _datasets = [];
    private IReadOnlyList<string> _datasetVersions = [];
    private string? _model;
    private string? _version;
    private string? _dataset;
    private string? _datasetVersion;
    private bool _uploading;
    private double _uploadProgress;
    private string? _uploadError;
    private string? _uploadId;
    private ResultPreviewView? _preview;
    private Dictionary<string, string> _roles = new(StringComparer.Ordinal);
    private string? _splitBy;
    private string? _joinVar;
    private Dictionary<string, string?> _versionMap = new(StringComparer.Ordinal);
    private DateTime? _evaluatedDate;
    private string _kind = "regression";
    private string? _evaluator;
    private string? _evaluatorVersion;
    private int _trial = 1;
    private bool _importing;
    private ImportProgress? _progress;
    private ImportOutcome? _outcome;
    private NewDatasetVersionPanel? _newVersionPanel;

    [SupplyParameterFromQuery(Name = "model")] public string? ModelQuery { get; set; }

    [SupplyParameterFromQuery(Name = "dataset")] public string? DatasetQuery { get; set; }

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required AntiforgeryStateProvider Antiforgery { get; init; }

    [Inject] public required StagingStore Staging { get; init; }

    [Inject] public required ModelRegistry Models { get; init; }

    [Inject] public required DatasetRegistry Datasets { get; init; }

    [Inject] public required EvaluationImportService Importer { get; init; }

    [Inject] public required DatasetVersionCreator DatasetVersions { get; init; }

    [Inject] public required ImportMappingStore Mappings { get; init; }

    private static class Text
    {
        public const string Title = "Upload evaluation results";
        public const string NotAllowed = "Uploading results needs the engineer or admin role";
        public const string NotAllowedHint = "Ask an admin for the engineer role, or use an API key with the runs:write scope.";
        public const string Step1 = "1. What was evaluated";
        public const string Model = "Model";
        public const string Version = "Model version";
        public const string VersionHelp = "Or split the file by a column below.";
        public const string Dataset = "Dataset";
        public const string DatasetVersion = "Dataset version";
        public const string Step2 = "2. The results file";
        public const string Step2Help = "Canonical CSV, TSV or JSON Lines, Ragas CSV or JSON, or promptfoo JSON (eval -o). The file is sent once and kept for 24 hours.";
        public const string Upload = "Upload";
        public const string Step3 = "3. Runs and details";
        public const string SplitBy = "Split into runs by column";
        public const string SplitHelp = "One run per value, each mapped to a model version.";
        public const string SplitValue = "Value";
        public const string EvaluatedAt = "Evaluated on (UTC)";
        public const string EvaluatedAtHelp = "Empty means now.";
        public const string Kind = "Kind";
        public const string Evaluator = "Evaluator or judge";
        public const string EvaluatorVersion = "Its version";
        public const string Trial = "Trial";
        public const string JoinVar = "Join by test variable";
        public const string JoinVarHelp = "The variable that holds each test's input text; empty uses question, user_input, input, query or prompt.";
        public const string Import = "Import";
        public const string Importing = "Importing…";
        public const string Imported = "Results imported.";

        public static string Progress(ImportProgress? progress) =>
            progress is null ? "starting…" : $"{progress.Stage}: {progress.RowsRead:N0} rows ({progress.Percent} %)";
    }

    protected override async Task OnInitializedAsync()
    {
        _canUpload = await CanAsync(Permission.RunsWrite);
        _models = (await Models.ListModelsAsync(new ListQuery(PageSize: 200))).Items.Select(m => m.Name).ToList();
        _datasets = (await Datasets.ListDatasetsAsync(new ListQuery(PageSize: 200))).Items.Select(d => d.Name).ToList();
        if (ModelQuery is not null && _models.Contains(ModelQuery))
        {
            await SelectModelAsync(ModelQuery);
        }

        if (DatasetQuery is not null && _datasets.Contains(DatasetQuery))
        {
            await SelectDatasetAsync(DatasetQuery);
        }
    }

    private async Task SelectModelAsync(string model)
    {
        _model = model;
        var detail = await Models.GetModelAsync(model);
        _versions = detail.Versions.Select(v => v.Label).ToList();
        _version = _versions.FirstOrDefault();
        _versionMap.Clear();
    }

    private async Task SelectDatasetAsync(string dataset)
    {
        _dataset = dataset;
        var detail = await Datasets.GetDatasetAsync(dataset);
        _datasetVersions = detail.Versions.Select(v => v.Version).ToList();
        _datasetVersion = _datasetVersions.FirstOrDefault();
    }

    private void SelectSplit(string? column)
    {
        _splitBy = column;
        _versionMap.Clear();
        if (column is not null && _preview is not null)
        {
            // A split value that equals a version label maps to it without a click.
            foreach (var value in _preview.SplitValues[column])
            {
                _versionMap[value] = _versions.FirstOrDefault(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    private async Task UploadAsync()
    {
        _uploadError = null;
        _preview = null;
        _outcome = null;
        _uploadProgress = 0;
        _uploading = true;
        try
        {
            _uploader ??= new StagedFileUploader(JS, Navigation, percent =>
            {
                _uploadProgress = percent;
                return InvokeAsync(StateHasChanged);
            });
            var staged = await _uploader.UploadAsync(_fileInput, Antiforgery.GetAntiforgeryToken()?.Value ?? "");
            if (staged.Error is not null)
            {
                _uploadError = staged.Error;
                return;
            }

            _uploadId = staged.UploadId;
            var actor = await CurrentActorAsync();
            var upload = await Staging.GetAsync(_uploadId!, actor.Id);
            _preview = await Task.Run(() => ResultPreview.Build(upload.ContentPath, upload.FileName));
            _roles = _preview.Mapping is null ? new(StringComparer.Ordinal) : new Dictionary<string, string>(_preview.Mapping, StringComparer.Ordinal);
            if (_dataset is not null && _preview.Mapping is not null)
            {
                // The roles confirmed at the last import into this dataset win over the suggestion.
                foreach (var (column, role) in await Mappings.GetAsync(_dataset))
                {
                    if (_roles.ContainsKey(column))
                    {
                        _roles[column] = role;
                    }
                }
            }

            SelectSplit(_preview.Mapping?.FirstOrDefault(m => m.Value == "split").Key ?? (_preview.Format == "promptfoo" && _preview.SplitValues["provider"].Count > 1 ? "provider" : null));
        }
        catch (InputValidationException ex)
        {
            _uploadError = string.Join(" ", ex.Errors.Select(e => e.ToString()));
        }
        finally
        {
            _uploading = false;
        }
    }

    private async Task ImportAsync()
    {
        _importing = true;
        _outcome = null;
        _progress = null;
        var progress = new Progress<ImportProgress>(p =>
        {
            _progress = p;
            _ = InvokeAsync(StateHasChanged);
        });
        try
        {
            await ActAsync(async actor =>
            {
                var upload = await Staging.GetAsync(_uploadId!, actor.Id);
                if (_newVersionPanel?.Enabled == true)
                {
                    // The dataset version comes first: the runs are joined to its examples.
                    var created = await Task.Run(() => _newVersionPanel.CreateAsync(actor, DatasetVersions, upload, _preview!));
                    _datasetVersions = [.. _datasetVersions, created.Version];
                    _datasetVersion = created.Version;
                    _newVersionPanel.Enabled = false;
                }

                var request = BuildRequest(upload);
                _outcome = await Task.Run(() => Importer.ImportAsync(actor, request, progress));
                if (request.Mapping is { Count: > 0 } mapping)
                {
                    await Mappings.SaveAsync(request.Dataset, mapping);
                }
            }, Text.Imported);
        }
        finally
        {
            _importing = false;
        }
    }

    private ImportRunsRequest BuildRequest(StagedUpload upload)
    {
        var splitting = _splitBy is not null;
        var versionMap = splitting
            ? _versionMap.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal)
            : null;
        var splitColumn = _preview?.Format == "promptfoo" ? null : _splitBy;
        var mapping = _preview?.Mapping is null ? null : _roles.Where(r => r.Value != "split" || r.Key == _splitBy).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        var evaluatedAt = _evaluatedDate is { } date ? DateTime.SpecifyKind(date.Date.AddHours(12), DateTimeKind.Utc) : (DateTime?)null;
        return new ImportRunsRequest(
            _model ?? "",
            _dataset ?? "",
            _datasetVersion ?? "",
            splitting ? null : _version,
            splitting ? splitColumn ?? "provider" : null,
            versionMap,
            _preview?.Format,
            mapping,
            _joinVar,
            evaluatedAt,
            _kind,
            _evaluator,
            _evaluatorVersion,
            _trial,
            "upload page",
            null,
            upload.ContentPath,
            upload.FileName);
    }

    public async ValueTask DisposeAsync()
    {
        if (_uploader is not null)
        {
            await _uploader.DisposeAsync();
        }
    }
}
