using Nuqta.Dashboard.Components.Shared;
using Bunit;
using Nuqta.Dashboard.Components.Pages.Runs;

namespace Nuqta.Dashboard.Tests.Components;

public sealed class SegmentChartDataTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Build_KeepsOrderAndBounds()
    {
        var data = SegmentChartData.Build(
        [
            new SegmentBar("قانون العمل", 0.554, 0.489, 0.618, 25),
            new SegmentBar("القانون التجاري", 0.594, 0.559, 0.629, 32),
        ]);

        Assert.Equal(["قانون العمل", "القانون التجاري"], data.Categories);
        Assert.Equal([0.554, 0.594], data.Values);
        Assert.Equal([0.489, 0.559], data.Lower);
        Assert.Equal([0.618, 0.629], data.Upper);
        Assert.Equal([25, 32], data.Counts);
    }

    [Fact]
    public void Build_ScoresUseZeroToOneAxis()
    {
        var data = SegmentChartData.Build([new SegmentBar("a", 0.2, 0.1, 0.3, 10)]);

        Assert.Equal(0, data.AxisMin);
        Assert.Equal(1, data.AxisMax);
    }

    [Theory]
    [InlineData(2342.0, 2670.9, 5000.0)]
    [InlineData(1.2, 1.4, 2.0)]
    [InlineData(80.0, 100.0, 100.0)]
    [InlineData(120.0, 130.0, 200.0)]
    public void Build_LargeValuesRoundAxisUp(double mean, double upper, double expectedMax)
    {
        var data = SegmentChartData.Build([new SegmentBar("a", mean, mean / 2, upper, 10)]);

        Assert.Equal(0, data.AxisMin);
        Assert.Equal(expectedMax, data.AxisMax, 9);
    }

    [Fact]
    public void Build_NegativeValuesExtendAxisBelowZero()
    {
        var data = SegmentChartData.Build([new SegmentBar("a", -0.3, -0.7, 0.1, 10)]);

        Assert.Equal(-1, data.AxisMin, 9);
        Assert.Equal(0.1, data.AxisMax, 9);
        Assert.Equal(0, data.PercentOf(-1), 9);
        Assert.Equal(100, data.PercentOf(0.1), 9);
    }

    [Fact]
    public void Build_MissingValuesBecomeNull()
    {
        var data = SegmentChartData.Build(
        [
            new SegmentBar("", null, null, null, 0),
            new SegmentBar("b", double.NaN, double.NegativeInfinity, 0.4, 3),
        ]);

        Assert.Equal([SegmentChartData.MissingLabel, "b"], data.Categories);
        Assert.Equal([null, null], data.Values);
        Assert.Equal([null, null], data.Lower);
        Assert.Equal([null, 0.4], data.Upper);
        Assert.Equal(1, data.AxisMax);
    }

    [Fact]
    public void Build_NoRowsGivesEmptySeries()
    {
        var data = SegmentChartData.Build([]);

        Assert.Empty(data.Categories);
        Assert.Equal(0, data.AxisMin);
        Assert.Equal(1, data.AxisMax);
    }

    [Fact]
    public void PercentOf_ClampsOutsideAxis()
    {
        var data = SegmentChartData.Build([new SegmentBar("a", 0.5, 0.4, 0.6, 10)]);

        Assert.Equal(50, data.PercentOf(0.5), 9);
        Assert.Equal(0, data.PercentOf(-2));
        Assert.Equal(100, data.PercentOf(3));
    }

    [Fact]
    public void Chart_SendsBarPerSegment()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;

        var chart = _context.Render<SegmentBarChart>(parameters => parameters
            .Add(c => c.Metric, "Faithfulness")
            .Add(c => c.Rows, [new SegmentBar("قانون العمل", 0.554, 0.489, 0.618, 25), new SegmentBar("", null, null, null, 0)]));

        var options = Assert.IsType<ApexChartOptions>(chart.FindComponent<ApexChart>().Instance.Options);
        var points = options.Series.Single().Data.Cast<ApexValuePoint>().ToList();
        Assert.Equal(2, points.Count);
        Assert.Equal("قانون العمل (n = 25)", points[0].X);
        Assert.Equal(0.554, points[0].Y);
        Assert.Equal("(missing) (n = 0)", points[1].X);
        Assert.Equal(ApexChartType.Bar, options.Chart.Type);
        Assert.Contains("Faithfulness", chart.Find("figcaption").TextContent);
    }
}
