using System.Text.Json;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;
using MudBlazor.Services;
using Nuqta.Dashboard.Components.Shared;

namespace Nuqta.Dashboard.Tests.Components;

// xUnit 2 disposes an IDisposable test class synchronously, but MudBlazor registers services that
// support only asynchronous disposal, so the context is a field disposed through IAsyncLifetime.
public sealed class ApexChartTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();
    private readonly BunitJSModuleInterop _module;

    public ApexChartTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _module = _context.JSInterop.SetupModule(ApexChart.ModulePath);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Create_receives_serialised_options()
    {
        var chart = RenderChart(BarOptions(0.82), height: 240);

        var create = _module.VerifyInvoke("create");
        Assert.Equal(chart.Find("div.apex-chart").GetAttribute("data-chart-id"), create.Arguments[1]);
        Assert.Equal(ApexChart.SerializeOptions(BarOptions(0.82), 240), create.Arguments[2]);

        using var json = JsonDocument.Parse((string)create.Arguments[2]!);
        var root = json.RootElement;
        Assert.Equal("bar", root.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal(240, root.GetProperty("chart").GetProperty("height").GetInt32());
        Assert.Equal("transparent", root.GetProperty("chart").GetProperty("background").GetString());
        Assert.Equal("number:2", root.GetProperty("dataLabels").GetProperty("formatter").GetString());
        Assert.Equal(0.82, root.GetProperty("series")[0].GetProperty("data")[0].GetProperty("y").GetDouble());
        Assert.False(root.TryGetProperty("annotations", out _), "null options must be omitted");
    }

    [Fact]
    public void Serialised_options_use_apexcharts_names()
    {
        var options = new ApexChartOptions
        {
            Chart = new ApexChartSettings { Type = ApexChartType.RangeBar },
            Series =
            [
                new ApexSeries { Name = "95% interval", Type = ApexChartType.RangeBar, Data = [new ApexRangePoint("ar", -0.04, 0.01)] },
                new ApexSeries { Name = "Estimate", Type = ApexChartType.Scatter, Data = [new ApexValuePoint("ar", -0.015)] },
            ],
            XAxis = new ApexXAxis { Categories = ["ar"] },
            YAxis = new ApexYAxis { Labels = new ApexAxisLabels { Formatter = ApexFormatters.Signed(2) } },
            Annotations = new ApexAnnotations
            {
                YAxis = [ApexYAxisAnnotation.Line(0, "#666"), ApexYAxisAnnotation.Band(-0.02, 0.02, "#4caf50")],
            },
            Theme = new ApexTheme { Mode = ApexThemeMode.Dark },
        };

        using var json = JsonDocument.Parse(ApexChart.SerializeOptions(options, 300));
        var root = json.RootElement;

        Assert.Equal("rangeBar", root.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal("rangeBar", root.GetProperty("series")[0].GetProperty("type").GetString());
        Assert.Equal("scatter", root.GetProperty("series")[1].GetProperty("type").GetString());
        Assert.Equal("[-0.04,0.01]", root.GetProperty("series")[0].GetProperty("data")[0].GetProperty("y").GetRawText());
        Assert.False(root.GetProperty("series")[0].GetProperty("data")[0].TryGetProperty("low", out _), "a range must be sent only as y");
        Assert.Equal(-0.015, root.GetProperty("series")[1].GetProperty("data")[0].GetProperty("y").GetDouble());
        Assert.Equal("ar", root.GetProperty("xaxis").GetProperty("categories")[0].GetString());
        Assert.Equal("signed:2", root.GetProperty("yaxis").GetProperty("labels").GetProperty("formatter").GetString());
        Assert.Equal(0.02, root.GetProperty("annotations").GetProperty("yaxis")[1].GetProperty("y2").GetDouble());
        Assert.False(root.GetProperty("annotations").GetProperty("yaxis")[0].TryGetProperty("y2", out _), "a line has no y2");
        Assert.Equal("dark", root.GetProperty("theme").GetProperty("mode").GetString());
    }

    [Fact]
    public void Anonymous_options_get_height()
    {
        using var json = JsonDocument.Parse(ApexChart.SerializeOptions(new { Chart = new { Type = "pie", Height = 999 }, Labels = new[] { "a" } }, 200));

        Assert.Equal("pie", json.RootElement.GetProperty("chart").GetProperty("type").GetString());
        Assert.Equal(200, json.RootElement.GetProperty("chart").GetProperty("height").GetInt32());
        Assert.Equal("a", json.RootElement.GetProperty("labels")[0].GetString());
    }

    [Fact]
    public void Changed_options_send_update()
    {
        var chart = RenderChart(BarOptions(0.82));

        chart.Render(parameters => parameters.Add(p => p.Options, BarOptions(0.91)));

        var update = _module.VerifyInvoke("update");
        Assert.Equal(_module.VerifyInvoke("create").Arguments[1], update.Arguments[0]);
        Assert.Equal(ApexChart.SerializeOptions(BarOptions(0.91), 320), update.Arguments[1]);
    }

    [Fact]
    public void Equal_options_send_no_update()
    {
        var chart = RenderChart(BarOptions(0.82));

        // A new but equal object, as a page builds on each render.
        chart.Render(parameters => parameters.Add(p => p.Options, BarOptions(0.82)));

        _module.VerifyNotInvoke("update");
    }

    [Fact]
    public async Task Dispose_destroys_chart()
    {
        RenderChart(BarOptions(0.82));
        var chartId = _module.VerifyInvoke("create").Arguments[1];

        await _context.DisposeComponentsAsync();

        Assert.Equal(chartId, _module.VerifyInvoke("destroy").Arguments[0]);
    }

    [Fact]
    public async Task Dispose_tolerates_closed_circuit()
    {
        _module.SetupVoid("destroy", _ => true).SetException(new JSDisconnectedException("The circuit is closed."));
        RenderChart(BarOptions(0.82));

        var exception = await Record.ExceptionAsync(() => _context.DisposeComponentsAsync());

        Assert.Null(exception);
        _module.VerifyInvoke("destroy");
    }

    [Fact]
    public void Failed_create_shows_warning()
    {
        _module.SetupVoid("create", _ => true).SetException(new JSException("Invalid chart formatter \"money:2\"."));

        var chart = RenderChart(BarOptions(0.82));

        chart.WaitForAssertion(() => Assert.Contains("could not be drawn", chart.Markup));
    }

    [Fact]
    public void Formatter_rejects_invalid_decimals()
    {
        Assert.Equal("percent:1", ApexFormatters.Percent(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApexFormatters.Number(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ApexFormatters.Number(100));
    }

    private IRenderedComponent<ApexChart> RenderChart(ApexChartOptions options, int height = 320) =>
        _context.Render<ApexChart>(parameters => parameters
            .Add(p => p.Options, options)
            .Add(p => p.Height, height));

    private static ApexChartOptions BarOptions(double english) => new()
    {
        Chart = new ApexChartSettings { Type = ApexChartType.Bar },
        Series =
        [
            new ApexSeries
            {
                Name = "Faithfulness",
                Data = [new ApexValuePoint("en", english), new ApexValuePoint("ar", 0.74)],
            },
        ],
        DataLabels = new ApexDataLabels { Enabled = true, Formatter = ApexFormatters.Number(2) },
    };
}
