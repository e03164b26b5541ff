using Microsoft.AspNetCore.Components;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Evaluation;

namespace Nuqta.Dashboard.Components.Pages.Runs;

public partial class RunExampleGrid
{
    private const int PageSize = 25;

    private Paged<RunExampleRow>? _page;
    private string? _error;
    private string? _value;
    private double? _min;
    private double? _max;
    private bool _errorsOnly;

    [Parameter, EditorRequired] public int RunId { get; set; }

    /// <summary>Segment dimensions of the run's dataset version, shown as columns.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<string> Dimensions { get; set; } = [];

    /// <summary>Labels and number formats of the run's metrics, shown as columns.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<MetricColumn> Columns { get; set; } = [];

    /// <summary>Dimension that <see cref="Value"/> filters on, or null when the dataset version has none.</summary>
    [Parameter] public string? Dimension { get; set; }

    /// <summary>Segment value to filter by, or null for every value.</summary>
    [Parameter] public string? Value { get; set; }

    /// <summary>Values of <see cref="Dimension"/> that the value filter offers.</summary>
    [Parameter] public IReadOnlyList<string> SegmentValues { get; set; } = [];

    /// <summary>Metric that <see cref="Min"/> and <see cref="Max"/> apply to.</summary>
    [Parameter] public string? Metric { get; set; }

    /// <summary>Smallest metric value to show, inclusive.</summary>
    [Parameter] public double? Min { get; set; }

    /// <summary>Largest metric value to show, inclusive.</summary>
    [Parameter] public double? Max { get; set; }

    /// <summary>Whether to show only the examples whose row was an error.</summary>
    [Parameter] public bool ErrorsOnly { get; set; }

    /// <summary>Page number, 1-based.</summary>
    [Parameter] public int Page { get; set; } = 1;

    /// <summary>Index of the example whose detail panel is open, or null.</summary>
    [Parameter] public int? Example { get; set; }

    [Inject] public required EvaluationRunQueries Runs { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    private string MetricName => Columns.FirstOrDefault(c => c.Key == Metric)?.DisplayName ?? Metric ?? "";

    private static class Text
    {
        public const string Title = "Examples";
        public const string ErrorsOnly = "Error rows only";
        public const string Apply = "Filter";
        public const string Clear = "Clear filters";
        public const string None = "No examples match the filters";
        public const string NoneHint = "Widen the metric range, choose another segment value or clear the filters.";
        public const string Example = "Example";
        public const string Input = "Input";
        public const string Error = "Error";

        /// <summary>
        /// Names a row by its example id. Examples of a dataset without an id field are keyed by a
        /// hash of their input, so they are numbered from 1 in the dataset's order instead.
        /// </summary>
        public static string ExampleLabel(Nuqta.Dashboard.Core.Evaluation.RunExampleRow row) =>
            row.Key.StartsWith(Nuqta.Dashboard.Core.Registry.ExampleKeys.HashPrefix, StringComparison.Ordinal) ? $"#{row.Index + 1}" : row.Key;

        public static string SegmentValue(string dimension) => $"{dimension} is";

        public static string Min(string metric) => $"{metric} at least";

        public static string Max(string metric) => $"{metric} at most";

        public static string OpenExample(string label) => $"Open example {label}";
    }

    protected override async Task OnParametersSetAsync()
    {
        _value = Value;
        _min = Min;
        _max = Max;
        _errorsOnly = ErrorsOnly;

        // Core drops the examples without a value for the filter's metric, so the metric is sent
        // only when a bound is set; otherwise the grid would hide rows without any range filter.
        var ranged = Min is not null || Max is not null;
        var filter = new RunExampleFilter(
            Dimension: Value is null ? null : Dimension,
            Value: Value,
            ErrorsOnly: ErrorsOnly,
            Metric: ranged ? Metric : null,
            Min: Min,
            Max: Max,
            Page: Page,
            PageSize: PageSize);
        try
        {
            _page = await Runs.ListExamplesAsync(RunId, filter);
            _error = null;
        }
        catch (NotFoundException ex)
        {
            _page = null;
            _error = ex.Message;
        }
    }

    private void ApplyFilters() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["value"] = _value,
        ["min"] = _min,
        ["max"] = _max,
        ["errors"] = _errorsOnly ? true : null,
        ["page"] = null,
        ["example"] = null,
    }));

    private void ClearFilters() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
    {
        ["value"] = null,
        ["min"] = null,
        ["max"] = null,
        ["errors"] = null,
        ["page"] = null,
        ["example"] = null,
    }));

    private string ExampleHref(int index) => Navigation.GetUriWithQueryParameter("example", index);

    private void Open(int index) => Navigation.NavigateTo(ExampleHref(index));

    private void Close() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("example", (int?)null));

    private void DrawerOpenChanged(bool open)
    {
        if (!open)
        {
            Close();
        }
    }
}
