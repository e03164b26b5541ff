using System.Text.Json;
using Bunit;
using Microsoft.JSInterop;
using MudBlazor.Services;
using Nuqta.Dashboard.Components.Pages.Comparisons;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Components.Comparisons;

// MudBlazor registers services that support only asynchronous disposal, so the context is disposed
// through IAsyncLifetime instead of IDisposable.
public sealed class ComparisonChartRenderTests : IAsyncLifetime
{
    private static readonly ComparisonCell[] Cells =
    [
        Cell(null, null, -0.02, -0.03, -0.01, Verdict.Inconclusive, 150),
        Cell("dialect", "maghrebi", -0.10, -0.11, -0.086, Verdict.Regression, 30),
        Cell("dialect", "gulf", 0.004, -0.01, 0.015, Verdict.Equivalent, 40),
        Cell("dialect", "egyptian", null, null, null, Verdict.InsufficientData, 2),
    ];

    private readonly BunitContext _context = new();
    private readonly BunitJSModuleInterop _module;

    public ComparisonChartRenderTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _module = _context.JSInterop.SetupModule(ApexChart.ModulePath);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void RegressionChart_SendsColouredIntervals()
    {
        var data = RegressionChartData.Build(Cells, "faithfulness", "mean", "dialect");

        var chart = _context.Render<RegressionChart>(parameters => parameters.Add(c => c.Data, data).Add(c => c.Decimals, 2));

        using var json = JsonDocument.Parse((string)_module.VerifyInvoke("create").Arguments[2]!);
        var root = json.RootElement;
        var intervals = root.GetProperty("series")[0].GetProperty("data");
        Assert.Equal(3, intervals.GetArrayLength());
        Assert.Equal(VerdictStyle.InconclusiveColor, intervals[0].GetProperty("fillColor").GetString());
        Assert.Equal(VerdictStyle.RegressionColor, intervals[1].GetProperty("fillColor").GetString());
        Assert.Equal(VerdictStyle.EquivalentColor, intervals[2].GetProperty("fillColor").GetString());
        Assert.Equal(-0.11, intervals[1].GetProperty("y")[0].GetDouble());
        Assert.Equal(-0.086, intervals[1].GetProperty("y")[1].GetDouble());

        var band = root.GetProperty("annotations").GetProperty("yaxis")[0];
        Assert.Equal(-0.02, band.GetProperty("y").GetDouble());
        Assert.Equal(0.02, band.GetProperty("y2").GetDouble());
        Assert.Equal(400, root.GetProperty("chart").GetProperty("height").GetInt32());
        Assert.Equal("faithfulness", chart.Find("[data-testid=regression-chart]").GetAttribute("data-metric"));
    }

    [Fact]
    public void RegressionChart_NamesUnchartedSegments()
    {
        var data = RegressionChartData.Build(Cells, "faithfulness", "mean", "dialect");

        var chart = _context.Render<RegressionChart>(parameters => parameters.Add(c => c.Data, data));

        Assert.Contains("egyptian (n 2 / 2, insufficient data)", chart.Find(".regression-chart-note").TextContent);
    }

    [Fact]
    public void RegressionChart_WithoutBarsShowsNotice()
    {
        var data = RegressionChartData.Build([Cells[3]], "faithfulness", "mean", "dialect");

        var chart = _context.Render<RegressionChart>(parameters => parameters.Add(c => c.Data, data));

        Assert.Contains("No segment value has a difference to chart.", chart.Markup);
        Assert.Empty(chart.FindAll("div.apex-chart"));
    }

    [Fact]
    public void Heatmap_RendersColouredLinkedCells()
    {
        var data = HeatmapData.Build(
            Cells,
            [new MetricComparisonSummary("faithfulness", "mean", "paired", 150, 1, 1, null, null)],
            new Dictionary<string, MetricDirection> { ["faithfulness"] = MetricDirection.HigherIsBetter },
            "dialect");

        var heatmap = _context.Render<ComparisonHeatmap>(parameters => parameters
            .Add(c => c.Data, data)
            .Add(c => c.CellHref, (metric, column) => $"comparisons/new?metric={metric}&segment={column}"));

        var regressed = heatmap.Find("td[data-verdict=regression]");
        Assert.Contains("background: rgb(198, 40, 40)", regressed.GetAttribute("style"));
        Assert.Equal("comparisons/new?metric=faithfulness&segment=maghrebi", regressed.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("-0.100", regressed.TextContent);
        Assert.Equal(4, heatmap.FindAll("tbody td").Count);
    }

    [Fact]
    public void GatePanel_FoldsReasonsAfterFive()
    {
        var reasons = Enumerable.Range(1, 7).Select(i => $"reason {i}").ToList();

        var panel = _context.Render<GateVerdictPanel>(parameters => parameters.Add(c => c.Gate, new GateOutcome(GateVerdict.Fail, reasons)));

        Assert.Equal("fail", panel.Find("[data-testid=gate-verdict]").GetAttribute("data-verdict"));
        Assert.Equal(7, panel.FindAll("li").Count);
        Assert.Equal(2, panel.FindAll("details li").Count);
        Assert.Contains("Show 2 more reasons", panel.Find("details summary").TextContent);
    }

    private static ComparisonCell Cell(string? dimension, string? segment, double? difference, double? lower, double? upper, Verdict verdict, int count) =>
        new("faithfulness", "mean", dimension, segment, "paired", count, count, count, 0.7, 0.7 + (difference ?? 0), difference, lower, upper,
            "PercentileBootstrap", 0.001, 0.004, 0.02, verdict, 0.1);
}
