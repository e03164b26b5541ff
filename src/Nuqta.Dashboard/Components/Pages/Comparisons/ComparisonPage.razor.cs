using Microsoft.AspNetCore.Components;
using MudBlazor;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Evaluation;

namespace Nuqta.Dashboard.Components.Pages.Comparisons;

/// <summary>
/// Compares a candidate version with a baseline version of one model on one dataset version, with the
/// choices in the query string. Missing choices get defaults: the newest version that is not under
/// <c>production</c> as candidate, its latest dataset version that production also has runs on, and
/// the production version as baseline.
/// </summary>
public sealed partial class ComparisonPage
{
    private ComparisonChoices? _choices;
    private IReadOnlyList<MetricView> _catalogue = [];
    private string? _model;
    private string? _candidate;
    private string? _baseline;
    private string? _dataset;
    private string? _datasetVersion;
    private ComparisonPreview? _preview;
    private ComparisonRequest? _request;
    private IReadOnlyList<string> _compareErrors = [];
    private (string Title, string Message)? _missing;
    private bool _canSave;
    private List<BreadcrumbItem> _crumbs = [];

    [SupplyParameterFromQuery(Name = ComparisonQuery.Model)] public string? Model { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.Candidate)] public string? Candidate { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.Baseline)] public string? Baseline { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.Dataset)] public string? Dataset { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.DatasetVersion)] public string? DatasetVersion { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.Dimension)] public string? Dimension { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.Metric)] public string? Metric { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.Segment)] public string? Segment { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.Sort)] public string? Sort { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.Descending)] public bool Descending { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.Example)] public int? Example { get; set; }

    [SupplyParameterFromQuery(Name = ComparisonQuery.AllCells)] public bool AllCells { get; set; }

    [Inject] public required ComparisonQueries Queries { get; init; }

    [Inject] public required ComparisonService Comparisons { get; init; }

    [Inject] public required MetricCatalogue Metrics { get; init; }

    private string? DatasetChoice => _dataset is null || _datasetVersion is null ? null : Key(_dataset, _datasetVersion);

    protected override async Task OnInitializedAsync()
    {
        _crumbs = [new(Text.Comparisons, "comparisons"), new(Text.Title, null, disabled: true)];
        _catalogue = await Metrics.ListAsync();
        _canSave = await CanAsync(Permission.ComparisonsWrite);
    }

    protected override async Task OnParametersSetAsync()
    {
        _model = Model;
        _choices = await Queries.GetChoicesAsync(_model, Candidate, null, null);
        if (_model is not null && !_choices.Models.Contains(_model, StringComparer.Ordinal))
        {
            _missing = (Text.UnknownModel(_model), Text.PickModel);
            _preview = null;
            return;
        }

        _candidate = Candidate ?? _choices.Versions.FirstOrDefault(v => v != _choices.ProductionVersion);
        if (_candidate != Candidate)
        {
            _choices = await Queries.GetChoicesAsync(_model, _candidate, null, null);
        }

        var datasetVersion = _choices.DatasetVersions.FirstOrDefault(d => d.Dataset == Dataset && d.Version == DatasetVersion)
            ?? _choices.DatasetVersions.FirstOrDefault(d => d.ProductionHasRuns)
            ?? _choices.DatasetVersions.FirstOrDefault();
        _dataset = datasetVersion?.Dataset;
        _datasetVersion = datasetVersion?.Version;
        _choices = await Queries.GetChoicesAsync(_model, _candidate, _dataset, _datasetVersion);
        var baselines = _choices.BaselineVersions.Where(v => v != _candidate).ToList();
        _baseline = Baseline is not null && baselines.Contains(Baseline)
            ? Baseline
            : baselines.FirstOrDefault(v => v == _choices.ProductionVersion) ?? baselines.FirstOrDefault();

        _missing = Missing(baselines.Count);
        if (_missing is not null)
        {
            _preview = null;
            _request = null;
            return;
        }

        await CompareAsync();
    }

    // Returns the first choice that is still missing, in the order of the form's fields.
    private (string Title, string Message)? Missing(int baselineCount)
    {
        if (_model is null)
        {
            return (Text.PickModelTitle, Text.PickModel);
        }

        if (_candidate is null)
        {
            return (Text.NoVersions(_model), Text.NoVersionsHint);
        }

        if (_datasetVersion is null)
        {
            return (Text.NoRuns(_model, _candidate), Text.NoRunsHint);
        }

        if (Baseline is not null && Baseline != _baseline)
        {
            return (Text.BaselineHasNoRuns(Baseline, _dataset!, _datasetVersion), Text.PickBaseline);
        }

        return baselineCount == 0 ? (Text.NoBaseline(_dataset!, _datasetVersion), Text.NoBaselineHint) : null;
    }

    // Compares again only when a side changed; view choices such as the sort reuse the result.
    private async Task CompareAsync()
    {
        var candidate = new ComparisonSide(Model: _model, Version: _candidate, Dataset: _dataset, DatasetVersion: _datasetVersion);
        var request = new ComparisonRequest(candidate, candidate with { Version = _baseline });
        if (request == _request && (_preview is not null || _compareErrors.Count > 0))
        {
            return;
        }

        _request = request;
        _preview = null;
        _compareErrors = [];
        try
        {
            _preview = await Comparisons.CompareAsync(await CurrentActorAsync(), request);
        }
        catch (InputValidationException ex)
        {
            _compareErrors = ex.Errors.Select(e => e.ToString()).ToList();
        }
    }

    private async Task SaveAsync()
    {
        if (_request is null)
        {
            return;
        }

        SavedComparisonView? saved = null;
        if (await ActAsync(async actor => saved = await Comparisons.SaveAsync(actor, _request), Text.Saved))
        {
            var view = new Dictionary<string, object?>
            {
                [ComparisonQuery.Dimension] = Dimension,
                [ComparisonQuery.Metric] = Metric,
                [ComparisonQuery.Segment] = Segment,
            };
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(Navigation.ToAbsoluteUri($"comparisons/{saved!.Id}").ToString(), view));
        }
    }

    private void Go(Dictionary<string, object?> changes)
    {
        // A new side invalidates the view choices, which may not exist in the new comparison.
        changes[ComparisonQuery.Segment] = null;
        changes[ComparisonQuery.Example] = null;
        Navigation.NavigateTo(WithQuery(changes));
    }

    private void ChooseModel(string model) => Go(new()
    {
        [ComparisonQuery.Model] = model,
        [ComparisonQuery.Candidate] = null,
        [ComparisonQuery.Baseline] = null,
        [ComparisonQuery.Dataset] = null,
        [ComparisonQuery.DatasetVersion] = null,
        [ComparisonQuery.Dimension] = null,
        [ComparisonQuery.Metric] = null,
    });

    private void ChooseCandidate(string version) => Go(new()
    {
        [ComparisonQuery.Model] = _model,
        [ComparisonQuery.Candidate] = version,
        [ComparisonQuery.Baseline] = null,
        [ComparisonQuery.Dataset] = null,
        [ComparisonQuery.DatasetVersion] = null,
    });

    private void ChooseDatasetVersion(string key)
    {
        var (dataset, version) = Split(key);
        Go(new()
        {
            [ComparisonQuery.Model] = _model,
            [ComparisonQuery.Candidate] = _candidate,
            [ComparisonQuery.Baseline] = null,
            [ComparisonQuery.Dataset] = dataset,
            [ComparisonQuery.DatasetVersion] = version,
            [ComparisonQuery.Dimension] = null,
        });
    }

    private void ChooseBaseline(string version) => Go(new()
    {
        [ComparisonQuery.Model] = _model,
        [ComparisonQuery.Candidate] = _candidate,
        [ComparisonQuery.Baseline] = version,
        [ComparisonQuery.Dataset] = _dataset,
        [ComparisonQuery.DatasetVersion] = _datasetVersion,
    });

    // Dataset names cannot contain '/', so it separates name and version label in one select value.
    private static string Key(string dataset, string version) => $"{dataset}/{version}";

    private static (string Dataset, string Version) Split(string key)
    {
        int slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }

    private static class Text
    {
        public const string Title = "Compare versions";
        public const string Comparisons = "Comparisons";
        public const string Save = "Save comparison";
        public const string Saved = "Comparison saved.";
        public const string Model = "Model";
        public const string Candidate = "Candidate version";
        public const string Baseline = "Baseline version";
        public const string DatasetVersion = "Dataset version";
        public const string LoadingChoices = "Loading models and versions…";
        public const string Comparing = "Comparing every metric and segment…";
        public const string CompareFailed = "The comparison could not run";
        public const string Defaults = "Both sides take all committed runs of their version on the dataset version, with trials averaged per example. The baseline starts as the version under production.";
        public const string PickModelTitle = "Pick a model to compare";
        public const string PickModel = "Choose a model above; its newest version that is not in production becomes the candidate.";
        public const string NoVersionsHint = "Register a version on the model's page first.";
        public const string NoRunsHint = "Import the candidate's evaluation results on a dataset version first.";
        public const string PickBaseline = "Pick another baseline version above.";
        public const string NoBaselineHint = "Import the results of another version of this model on the same dataset version, then compare again.";

        public static string UnknownModel(string model) => $"No model is named '{model}'";

        public static string NoVersions(string model) => $"Model {model} has no versions yet";

        public static string NoRuns(string model, string version) => $"{model} {version} has no committed runs";

        public static string BaselineHasNoRuns(string version, string dataset, string datasetVersion) =>
            $"Version {version} has no committed runs on {dataset}/{datasetVersion}";

        public static string NoBaseline(string dataset, string datasetVersion) =>
            $"No other version of this model has runs on {dataset}/{datasetVersion}";

        public static string VersionLabel(string version, string? production) => version == production ? $"{version} (production)" : version;

        public static string DatasetLabel(DatasetVersionChoice choice) =>
            $"{choice.Dataset}/{choice.Version} ({choice.Runs} {(choice.Runs == 1 ? "run" : "runs")})";
    }
}
