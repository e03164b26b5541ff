using System.Text.Json;
using Nuqta.Dashboard.Components.Pages.Comparisons;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Components.Comparisons;

public sealed class ComparisonChartDataTests
{
    private static readonly ComparisonCell[] Cells =
    [
        Cell("faithfulness", null, null, -0.02, -0.03, -0.01, Verdict.Inconclusive, 150),
        Cell("faithfulness", "dialect", "maghrebi", -0.10, -0.11, -0.086, Verdict.Regression, 30),
        Cell("faithfulness", "dialect", "gulf", 0.004, -0.01, 0.015, Verdict.Equivalent, 40),
        Cell("faithfulness", "dialect", "levantine", 0.06, 0.04, 0.08, Verdict.Improvement, 40),
        Cell("faithfulness", "dialect", "", null, null, null, Verdict.InsufficientData, 1),
        Cell("faithfulness", "language", "ar", -0.02, -0.03, -0.01, Verdict.Inconclusive, 120),
        Cell("faithfulness", null, null, 0.01, -0.02, 0.04, Verdict.Inconclusive, 150, "bad-rate"),
        Cell("latency_ms", null, null, 120, 40, 200, Verdict.Regression, 150, "p95", tolerance: 60),
        Cell("latency_ms", "dialect", "maghrebi", -300, -450, -150, Verdict.Improvement, 30, "p95", tolerance: 55),
    ];

    [Fact]
    public void RegressionChart_OrdersOverallThenSegments()
    {
        var data = RegressionChartData.Build(Cells, "faithfulness", "mean", "dialect");

        Assert.Equal(["overall", "maghrebi", "gulf", "levantine"], data.Bars.Select(b => b.Segment));
        Assert.Equal("maghrebi (n 30 / 30)", data.Bars[1].Label);
        Assert.Equal(30, data.Bars[1].CandidateCount);
    }

    [Fact]
    public void RegressionChart_ColoursBarsByVerdict()
    {
        var data = RegressionChartData.Build(Cells, "faithfulness", "mean", "dialect");

        Assert.Equal(VerdictStyle.InconclusiveColor, data.Bars[0].Color);
        Assert.Equal(VerdictStyle.RegressionColor, data.Bars[1].Color);
        Assert.Equal(VerdictStyle.EquivalentColor, data.Bars[2].Color);
        Assert.Equal(VerdictStyle.ImprovementColor, data.Bars[3].Color);
        Assert.Equal(4, data.Bars.Select(b => b.Color).Distinct().Count());
    }

    [Fact]
    public void RegressionChart_KeepsIntervalEnds()
    {
        var data = RegressionChartData.Build(Cells, "faithfulness", "mean", "dialect");
        var maghrebi = data.Bars[1];

        Assert.Equal(-0.10, maghrebi.Difference);
        Assert.Equal(-0.11, maghrebi.Lower);
        Assert.Equal(-0.086, maghrebi.Upper);
    }

    [Fact]
    public void RegressionChart_ListsUndefinedSegmentApart()
    {
        var data = RegressionChartData.Build(Cells, "faithfulness", "mean", "dialect");

        var uncharted = Assert.Single(data.Uncharted);
        Assert.Equal(RegressionChartData.MissingLabel, uncharted.Segment);
        Assert.Equal(Verdict.InsufficientData, uncharted.Verdict);
        Assert.DoesNotContain(data.Bars, b => b.Segment == RegressionChartData.MissingLabel);
    }

    [Fact]
    public void RegressionChart_AxisHoldsBarsBandAndZero()
    {
        var data = RegressionChartData.Build(Cells, "faithfulness", "mean", "dialect");

        Assert.Equal(0.02, data.Tolerance);
        Assert.True(data.AxisMin < -0.11, $"axis min {data.AxisMin} must lie below the lowest interval end");
        Assert.True(data.AxisMax > 0.08, $"axis max {data.AxisMax} must lie above the highest interval end");
        Assert.Equal(-0.15, data.AxisMin, 9);
        Assert.Equal(0.10, data.AxisMax, 9);
        Assert.Equal(5, data.TickAmount);
    }

    [Fact]
    public void RegressionChart_ClampsUnboundedEnds()
    {
        ComparisonCell[] cells =
        [
            Cell("faithfulness", null, null, -0.02, -0.03, -0.01, Verdict.Inconclusive, 150),
            Cell("faithfulness", "dialect", "gulf", 0.01, null, 0.05, Verdict.Inconclusive, 25),
        ];

        var data = RegressionChartData.Build(cells, "faithfulness", "mean", "dialect");

        Assert.Equal(data.AxisMin, data.Bars[1].Lower);
        Assert.Equal(0.05, data.Bars[1].Upper);
    }

    [Fact]
    public void RegressionChart_OptionsDrawIntervalsAndDifferences()
    {
        var options = RegressionChartData.Build(Cells, "faithfulness", "mean", "dialect").ToOptions(decimals: 2);

        using var json = JsonDocument.Parse(ApexChart.SerializeOptions(options, 340));
        var root = json.RootElement;
        var series = root.GetProperty("series");
        Assert.Equal("rangeBar", series[0].GetProperty("type").GetString());
        Assert.Equal("scatter", series[1].GetProperty("type").GetString());

        var maghrebiRange = series[0].GetProperty("data")[1];
        Assert.Equal("maghrebi (n 30 / 30)", maghrebiRange.GetProperty("x").GetString());
        Assert.Equal(-0.11, maghrebiRange.GetProperty("y")[0].GetDouble());
        Assert.Equal(-0.086, maghrebiRange.GetProperty("y")[1].GetDouble());
        Assert.Equal(VerdictStyle.RegressionColor, maghrebiRange.GetProperty("fillColor").GetString());
        Assert.Equal(-0.10, series[1].GetProperty("data")[1].GetProperty("y").GetDouble());
        Assert.False(series[1].GetProperty("data")[1].TryGetProperty("fillColor", out _), "difference points keep the series colour");
    }

    [Fact]
    public void RegressionChart_OptionsShadeToleranceAndZero()
    {
        var options = RegressionChartData.Build(Cells, "faithfulness", "mean", "dialect").ToOptions(decimals: 2);

        var annotations = options.Annotations!.YAxis!;
        Assert.Equal(2, annotations.Count);
        var band = annotations[0];
        Assert.Equal(-0.02, band.Y);
        Assert.Equal(0.02, band.Y2);
        Assert.Equal("tolerance ±0.02", band.Label!.Text);
        var zero = annotations[1];
        Assert.Equal(0, zero.Y);
        Assert.Null(zero.Y2);
    }

    [Fact]
    public void RegressionChart_UsesOverallToleranceForBand()
    {
        var data = RegressionChartData.Build(Cells, "latency_ms", "p95", "dialect");

        Assert.Equal(60, data.Tolerance);
        Assert.Equal(["overall", "maghrebi"], data.Bars.Select(b => b.Segment));
        Assert.True(data.AxisMin < -450, $"axis min {data.AxisMin} must lie below -450");
    }

    [Fact]
    public void Heatmap_AdjustsDifferenceByDirection()
    {
        var directions = new Dictionary<string, MetricDirection>
        {
            ["faithfulness"] = MetricDirection.HigherIsBetter,
            ["latency_ms"] = MetricDirection.LowerIsBetter,
        };

        var data = HeatmapData.Build(Cells, Summaries(), directions, "dialect");

        Assert.Equal(["overall", "maghrebi", "gulf", "levantine", RegressionChartData.MissingLabel], data.Columns);
        var faithfulness = data.Rows[0];
        var maghrebi = faithfulness.Cells.Single(c => c.Segment == "maghrebi");
        Assert.Equal(-0.10, maghrebi.Adjusted);
        Assert.Equal(-5, maghrebi.Scaled);
        var latency = data.Rows[1];
        Assert.Equal(-120, latency.Cells.Single(c => c.Segment == "overall").Adjusted);
        Assert.Equal(300, latency.Cells.Single(c => c.Segment == "maghrebi").Adjusted);
    }

    [Fact]
    public void Heatmap_ColoursHarmRedAndBenefitBlue()
    {
        var directions = new Dictionary<string, MetricDirection> { ["faithfulness"] = MetricDirection.HigherIsBetter };

        var row = HeatmapData.Build(Cells, Summaries(), directions, "dialect").Rows[0];

        Assert.Equal("rgb(198, 40, 40)", row.Cells.Single(c => c.Segment == "maghrebi").Background);
        Assert.Equal("rgb(115, 163, 217)", row.Cells.Single(c => c.Segment == "levantine").Background);
        Assert.Equal("#e0e0e0", row.Cells.Single(c => c.Segment == RegressionChartData.MissingLabel).Background);
        Assert.Equal("#ffffff", row.Cells.Single(c => c.Segment == "maghrebi").Foreground);
    }

    [Fact]
    public void Heatmap_LeavesUnknownDirectionGrey()
    {
        var row = HeatmapData.Build(Cells, Summaries(), new Dictionary<string, MetricDirection>(), "dialect").Rows[0];

        Assert.All(row.Cells, cell => Assert.Null(cell.Adjusted));
        Assert.All(row.Cells, cell => Assert.Equal("#e0e0e0", cell.Background));
    }

    [Fact]
    public void HeatmapColor_ScalesWithStrength()
    {
        Assert.Equal("rgb(255, 255, 255)", HeatmapData.ColorFor(0));
        Assert.Equal("rgb(232, 169, 169)", HeatmapData.ColorFor(-2));
        Assert.Equal("rgb(21, 101, 192)", HeatmapData.ColorFor(12));
    }

    [Fact]
    public void Distribution_SharesBinsAcrossSides()
    {
        var data = DistributionData.Build([0.0, 0.5, 1.0, 1.0], [0.0, 0.0], bins: 2);

        Assert.Equal([0.0, 0.5, 1.0], data.Edges);
        Assert.Equal([0.25, 0.75], data.CandidateShares);
        Assert.Equal([1.0, 0.0], data.BaselineShares);
        Assert.Equal(4, data.CandidateCount);
        Assert.Equal(2, data.BaselineCount);
    }

    [Fact]
    public void Distribution_HandlesEqualValuesAndNaN()
    {
        var data = DistributionData.Build([0.7, double.NaN], [0.7], bins: 10);

        Assert.Equal([0.2, 1.2], data.Edges.Select(e => Math.Round(e, 9)));
        Assert.Equal([1.0], data.CandidateShares);
        Assert.Equal(1, data.CandidateCount);
    }

    [Fact]
    public void Distribution_OptionsHaveOneSeriesPerSide()
    {
        var options = DistributionData.Build([0.1, 0.9], [0.5], bins: 2).ToOptions(1, "candidate v2.0", "baseline v1.2");

        Assert.Equal(["candidate v2.0", "baseline v1.2"], options.Series.Select(s => s.Name));
        Assert.Equal(["0.1–0.5", "0.5–0.9"], options.Series[0].Data.Select(p => p.X));
        Assert.Equal(1.0, ((ApexValuePoint)options.Series[1].Data[1]).Y);
    }

    [Fact]
    public void CellTable_SortsWorstVerdictFirst()
    {
        var ordered = ComparisonCellTable.Order(Cells, sort: null, descending: false).ToList();

        Assert.Equal(Verdict.Regression, ordered[0].Verdict);
        Assert.Equal(Verdict.Regression, ordered[1].Verdict);
        Assert.Equal(Verdict.Equivalent, ordered[^1].Verdict);
    }

    [Fact]
    public void CellTable_SortsByDifferenceDescending()
    {
        var ordered = ComparisonCellTable.Order(Cells, "difference", descending: true).ToList();

        Assert.Null(ordered[0].Difference);
        Assert.Equal(120, ordered[1].Difference);
        Assert.Equal(-300, ordered[^1].Difference);
    }

    [Fact]
    public void DefaultDimension_OpensOnRegression()
    {
        var result = new ComparisonResult(
            1, "support-golden", "2026-10",
            new ComparisonSideSummary(2, "support-rag", "v2.0", [3]),
            new ComparisonSideSummary(1, "support-rag", "v1.2", [4]),
            1, 2000, ["language", "dialect"], Summaries(), Cells);

        Assert.Equal("dialect", ComparisonView.DefaultDimension(result));
        Assert.Equal("language", ComparisonView.DefaultDimension(result with { Cells = Cells.Where(c => c.Verdict != Verdict.Regression).ToList() }));
    }

    private static MetricComparisonSummary[] Summaries() =>
    [
        new("faithfulness", "mean", "paired", 150, 1, 1, null, null),
        new("latency_ms", "p95", "paired", 150, 1, 1, null, null),
    ];

    private static ComparisonCell Cell(
        string metric, string? dimension, string? segment, double? difference, double? lower, double? upper, Verdict verdict, int count,
        string statistic = "mean", double tolerance = 0.02) =>
        new(metric, statistic, dimension, segment, "paired", count, count, count, 0.7, 0.7 + (difference ?? 0), difference, lower, upper,
            "PercentileBootstrap", 0.001, 0.004, tolerance, verdict, 0.1);
}
