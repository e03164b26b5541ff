using Microsoft.AspNetCore.Components;
using Nuqta.Dashboard.Components.Pages.Runs;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Components.Pages.Comparisons;

/// <summary>
/// Shows one comparison result. The page that hosts it reads the query string and passes the choices
/// in; the view's links and selects change only the query string.
/// </summary>
public sealed partial class ComparisonView
{
    // The segment select needs a value for "all examples", which the query string leaves out.
    private const string OverallChoice = "\u0000overall";

    private static readonly Verdict[] LegendVerdicts =
        [Verdict.Regression, Verdict.Improvement, Verdict.Equivalent, Verdict.Inconclusive, Verdict.InsufficientData, Verdict.Different];

    private string? _dimension;
    private string? _metric;
    private string? _segment;
    private IReadOnlyList<string> _segments = [];
    private HeatmapData _heatmap = new([], []);
    private IReadOnlyList<RegressionChartData> _charts = [];
    private IReadOnlyList<ComparisonCell> _tableCells = [];
    private Dictionary<string, int> _decimals = [];
    private MetricExamples? _examples;
    private string? _examplesError;
    private (string Metric, string? Dimension, string? Segment)? _examplesKey;

    /// <summary>The comparison to show.</summary>
    [Parameter, EditorRequired] public ComparisonResult Result { get; set; } = default!;

    /// <summary>Its gate verdict.</summary>
    [Parameter, EditorRequired] public GateOutcome Gate { get; set; } = default!;

    /// <summary>The metric catalogue, for directions and units.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<MetricView> Catalogue { get; set; } = [];

    /// <summary>Dimension of the charts; <see cref="DefaultDimension"/> when absent or unknown.</summary>
    [Parameter] public string? Dimension { get; set; }

    /// <summary>Metric of the distribution and drill-down; the first regressed metric, or else the first metric, when absent.</summary>
    [Parameter] public string? Metric { get; set; }

    /// <summary>Segment value of the distribution and drill-down; null for all examples.</summary>
    [Parameter] public string? Segment { get; set; }

    [Parameter] public string? Sort { get; set; }

    [Parameter] public bool Descending { get; set; }

    [Parameter] public int? Example { get; set; }

    [Parameter] public bool AllCells { get; set; }

    [Inject] public required ComparisonQueries Queries { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _dimension = Dimension is not null && Result.Dimensions.Contains(Dimension) ? Dimension : DefaultDimension(Result);
        _metric = Result.Metrics.Any(m => m.Metric == Metric)
            ? Metric
            : Result.Cells.FirstOrDefault(c => c.Verdict == Verdict.Regression)?.Metric ?? Result.Metrics.FirstOrDefault()?.Metric;
        _segments = Result.Cells
            .Where(c => c.Dimension == _dimension && c.Dimension is not null)
            .Select(c => c.Segment ?? "")
            .Distinct(StringComparer.Ordinal)
            .ToList();
        _segment = Segment is not null && _segments.Contains(Segment) ? Segment : null;

        var directions = Catalogue.ToDictionary(m => m.Key, m => VerdictStyle.ParseDirection(m.Direction));
        var units = Catalogue.ToDictionary(m => m.Key, m => m.Unit);
        _decimals = Result.Metrics.ToDictionary(
            m => m.Metric,
            m => MetricFormat.DecimalsFor(units.GetValueOrDefault(m.Metric), Result.Cells.Where(c => c.Metric == m.Metric).SelectMany(c => new[] { c.Candidate, c.Baseline })));
        _heatmap = HeatmapData.Build(Result.Cells, Result.Metrics, directions, _dimension);
        _charts = Result.Metrics.Select(m => RegressionChartData.Build(Result.Cells, m.Metric, m.Aggregate, _dimension)).ToList();
        _tableCells = AllCells
            ? Result.Cells
            : Result.Cells.Where(c => c.Dimension is null || c.Dimension == _dimension).ToList();
        await LoadExamplesAsync();
    }

    /// <summary>Returns the first dimension with a regressed cell, so the view opens on the problem, or else the first dimension.</summary>
    public static string? DefaultDimension(ComparisonResult result) =>
        result.Cells.FirstOrDefault(c => c.Dimension is not null && c.Verdict == Verdict.Regression)?.Dimension
        ?? result.Dimensions.FirstOrDefault();

    // Reloads the values only when the metric or segment changed, so opening an example reuses them.
    private async Task LoadExamplesAsync()
    {
        if (_metric is null)
        {
            _examples = null;
            _examplesError = null;
            return;
        }

        var key = (_metric, _segment is null ? null : _dimension, _segment);
        if (_examplesKey == key && (_examples is not null || _examplesError is not null))
        {
            return;
        }

        _examplesKey = key;
        _examples = null;
        _examplesError = null;
        try
        {
            var actor = await CurrentActorAsync();
            _examples = await Queries.GetMetricExamplesAsync(actor, Result.Candidate.RunIds, Result.Baseline.RunIds, key.Item1, key.Item2, key.Item3);
        }
        catch (InputValidationException ex)
        {
            // The runs are read again here, so a problem with them shows in this panel instead of failing the page.
            _examplesError = string.Join(" ", ex.Errors.Select(e => e.ToString()));
        }
    }

    // The current address may end in a fragment such as #examples, which the links replace
    // rather than repeat.
    private string Href(Dictionary<string, object?> changes)
    {
        var uri = Navigation.GetUriWithQueryParameters(changes);
        var fragment = uri.IndexOf('#', StringComparison.Ordinal);
        return fragment < 0 ? uri : uri[..fragment];
    }

    private string HeatmapHref(string metric, string column)
    {
        // The heatmap's column labels stand in for the overall cell and the empty segment value.
        string? segment = column;
        if (column == RegressionChartData.OverallLabel)
        {
            segment = null;
        }
        else if (column == RegressionChartData.MissingLabel)
        {
            segment = "";
        }

        return Href(new()
        {
            [ComparisonQuery.Metric] = metric,
            [ComparisonQuery.Segment] = segment,
            [ComparisonQuery.Dimension] = _dimension,
            [ComparisonQuery.Example] = null,
        }) + "#examples";
    }

    private string ExampleHref(int index) => Href(new() { [ComparisonQuery.Example] = index }) + "#examples";

    private void ChooseMetric(string metric) =>
        Navigation.NavigateTo(Href(new() { [ComparisonQuery.Metric] = metric, [ComparisonQuery.Example] = null }));

    private void ChooseSegment(string segment) => Navigation.NavigateTo(Href(new()
    {
        [ComparisonQuery.Segment] = segment == OverallChoice ? null : segment,
        [ComparisonQuery.Dimension] = _dimension,
        [ComparisonQuery.Example] = null,
    }));

    private static class Text
    {
        public const string ByDimension = "Segment dimension";
        public const string NoDimensions = "This dataset version has no segment dimensions";
        public const string NoDimensionsHint = "Only the overall cells are compared. Add segment columns when you create the next dataset version.";
        public const string Heatmap = "Heatmap: metrics × segments";
        public const string RegressionCharts = "Regression charts";
        public const string ChartLegend = "Each bar spans the interval of the difference candidate − baseline for one segment value, and the dot marks the difference. The bar colour is the verdict. The grey band is the tolerance and the dark line is zero. n gives the examples of candidate / baseline.";
        public const string Cells = "All compared cells";
        public const string Examples = "Distributions and examples";
        public const string Metric = "Metric";
        public const string ExamplesFailed = "The example values could not be read";
        public const string LoadingExamples = "Reading the example values…";

        public static string Sides(ComparisonResult result) =>
            $"{result.Candidate.Model} {result.Candidate.Version} (candidate) against {result.Baseline.Version} (baseline) on {result.Dataset}/{result.DatasetVersion}";

        public static string Design(ComparisonResult result)
        {
            var paired = result.Metrics.Where(m => m.Design == "paired").Select(m => m.PairCount).DefaultIfEmpty(0).Max();
            string design = paired > 0 ? $"Paired on up to {paired} examples" : "Unpaired: the sides share no example";
            return $"{design}. Candidate runs {string.Join(", ", result.Candidate.RunIds.Select(id => "#" + id))}; baseline runs {string.Join(", ", result.Baseline.RunIds.Select(id => "#" + id))}. Bootstrap seed {result.Seed}, {result.Resamples} resamples.";
        }

        public static string CellsOfDimension(string? dimension) => dimension is null ? "Overall cells" : $"Overall and {dimension}";

        public static string AllCells(int count) => $"Every dimension ({count} cells)";

        public static string SegmentChoice(string? dimension) => dimension is null ? "Segment" : $"Segment of {dimension}";

        public static string CandidateName(ComparisonResult result) => $"candidate {result.Candidate.Version}";

        public static string BaselineName(ComparisonResult result) => $"baseline {result.Baseline.Version}";

        public static string Distribution(string? metric, string? dimension, string? segment) =>
            segment is null ? $"Distribution of {metric}, all examples" : $"Distribution of {metric} in {dimension} = {(segment.Length == 0 ? RegressionChartData.MissingLabel : segment)}";

        public static string LargestDrops(string? metric) => $"Examples with the largest paired drops in {metric}";
    }
}
