using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Storage;

using Nuqta.Dashboard.Components.Shared;

namespace Nuqta.Dashboard.Components.Pages.Datasets;

/// <summary>
/// Creates a dataset version in two steps: the browser sends the file once to the staging
/// endpoint (XHR with progress, not the SignalR circuit), then the user maps its fields and the
/// version is created from the staged copy.
/// </summary>
public partial class CreateDatasetVersion
{

    private ElementReference _fileInput;
    private StagedFileUploader? _uploader;
    private bool _uploading;
    private double _progress;
    private string? _uploadError;
    private string? _uploadId;
    private PreviewResponse? _preview;
    private string? _label;
    private string? _inputField;
    private string? _idField;
    private string? _referenceField;
    private IReadOnlyCollection<string> _segmentFields = [];
    private IReadOnlyCollection<string> _parents = [];
    private string? _description;
    private IReadOnlyList<string> _existingVersions = [];
    private List<BreadcrumbItem> _crumbs = [];

    [Parameter] public string DatasetName { get; set; } = "";

    [Inject] public required IJSRuntime JS { get; init; }

    [Inject] public required AntiforgeryStateProvider Antiforgery { get; init; }

    [Inject] public required StagingStore Staging { get; init; }

    [Inject] public required DatasetRegistry Registry { get; init; }

    [Inject] public required DatasetVersionCreator Creator { get; init; }

    private static class Text
    {
        public const string Title = "Create a version of";
        public const string Step1 = "1. Upload the examples file";
        public const string Step1Help = "CSV, TSV, JSON array of objects or JSON Lines, UTF-8. The file is sent once and kept for 24 hours while you map its fields.";
        public const string Upload = "Upload";
        public const string Step2 = "2. Check the preview and map the fields";
        public const string Line = "Line";
        public const string Label = "Version label";
        public const string LabelHelp = "Immutable once created, for example 2026-11.";
        public const string InputField = "Input field";
        public const string IdField = "Id field (optional)";
        public const string IdHelp = "Without one, keys hash the normalised input text.";
        public const string ReferenceField = "Reference field (optional)";
        public const string SegmentFields = "Segment fields";
        public const string SegmentHelp = "Fields with few values, such as language, dialect or intent.";
        public const string Parents = "Parent versions (lineage)";
        public const string Description = "Description";
        public const string Create = "Create version";
        public const string Creating = "Creating…";
        public const string Created = "Dataset version created.";
        public const string Datasets = "Datasets";
        public const string NewVersion = "New version";
        public const string ChooseFile = "Choose a file first.";
    }

    /// <summary>The staging endpoint's preview of an uploaded file.</summary>
    public sealed record PreviewResponse(string FileName, string Format, IReadOnlyList<string> Columns, IReadOnlyList<PreviewRow> Rows);

    /// <summary>One previewed row.</summary>
    public sealed record PreviewRow(long Line, IReadOnlyDictionary<string, string?> Fields);

    protected override async Task OnParametersSetAsync()
    {
        _crumbs = [new(Text.Datasets, "datasets"), new(DatasetName, $"datasets/{Uri.EscapeDataString(DatasetName)}"), new(Text.NewVersion, null, disabled: true)];
        try
        {
            var dataset = await Registry.GetDatasetAsync(DatasetName);
            _existingVersions = dataset.Versions.Select(v => v.Version).ToList();
        }
        catch (Nuqta.Dashboard.Core.Common.NotFoundException ex)
        {
            _uploadError = ex.Message;
        }
    }

    private async Task UploadAsync()
    {
        _uploadError = null;
        _preview = null;
        _progress = 0;
        _uploading = true;
        try
        {
            _uploader ??= new StagedFileUploader(JS, Navigation, percent =>
            {
                _progress = percent;
                return InvokeAsync(StateHasChanged);
            });
            var staged = await _uploader.UploadAsync(_fileInput, Antiforgery.GetAntiforgeryToken()?.Value ?? "");
            if (staged.Error is not null)
            {
                _uploadError = staged.Error;
                return;
            }

            _uploadId = staged.UploadId;
            await LoadPreviewAsync();
        }
        finally
        {
            _uploading = false;
        }
    }

    private async Task LoadPreviewAsync()
    {
        var actor = await CurrentActorAsync();
        var upload = await Staging.GetAsync(_uploadId!, actor.Id);
        try
        {
            var sniff = Nuqta.Dashboard.Core.Common.Tabular.TabularFile.Sniff(upload.ContentPath, upload.FileName);
            var (columns, rows) = Nuqta.Dashboard.Core.Common.Tabular.TabularFile.Preview(upload.ContentPath, sniff);
            _preview = new PreviewResponse(upload.FileName, sniff.Format.ToString().ToLowerInvariant(), columns, rows.Select(r => new PreviewRow(r.Line, r.Fields)).ToList());
            _inputField = columns.FirstOrDefault(c => c is "question" or "input" or "user_input" or "query" or "prompt") ?? columns.FirstOrDefault();
            _idField = columns.FirstOrDefault(c => c is "id" or "example_id" or "key");
            _referenceField = columns.FirstOrDefault(c => c is "reference" or "ground_truth" or "reference_answer" or "answer");
        }
        catch (Nuqta.Dashboard.Core.Common.InputValidationException ex)
        {
            _uploadError = string.Join(" ", ex.Errors.Select(e => e.ToString()));
        }
    }

    private async Task CreateAsync()
    {
        DatasetVersionView? created = null;
        var ok = await ActAsync(async actor =>
        {
            var upload = await Staging.GetAsync(_uploadId!, actor.Id);
            var request = new CreateDatasetVersionRequest(_label ?? "", upload.ContentPath, upload.FileName, null, _idField, _inputField ?? "", _referenceField, _segmentFields.ToList(), _parents.ToList(), _description);
            created = await Creator.CreateAsync(actor, DatasetName, request);
        }, Text.Created);
        if (ok && created is not null)
        {
            Navigation.NavigateTo($"datasets/{Uri.EscapeDataString(created.Dataset)}/versions/{Uri.EscapeDataString(created.Version)}");
        }
    }

    private static string Shorten(string? value)
    {
        if (value is null)
        {
            return "";
        }

        return value.Length > 160 ? value[..160] + "…" : value;
    }

    public async ValueTask DisposeAsync()
    {
        if (_uploader is not null)
        {
            await _uploader.DisposeAsync();
        }
    }
}
