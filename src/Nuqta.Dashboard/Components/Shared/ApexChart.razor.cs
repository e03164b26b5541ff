using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Nuqta.Dashboard.Components.Shared;

/// <summary>
/// Draws an ApexCharts chart. The chart is created after the first render, updated when the
/// serialised options change and destroyed when the component is disposed, so the browser keeps
/// no chart that the page no longer shows. The component keeps no static state and no
/// DotNetObjectReference, so a closed circuit leaves nothing of it on the server.
/// </summary>
public sealed partial class ApexChart : IAsyncDisposable
{
    internal const string ModulePath = "./js/charts.js";

    /// <summary>
    /// Serialiser settings of the options: camelCase names and enum values as ApexCharts spells
    /// them, and no nulls, so that an unset property keeps the ApexCharts default.
    /// </summary>
    internal static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    // The id under which charts.js stores this chart; unique per component instance.
    private readonly string _chartId = "chart-" + Guid.NewGuid().ToString("N");
    private ElementReference _element;
    private IJSObjectReference? _module;
    private string _optionsJson = "{}";
    private string? _sentOptionsJson;
    private bool _disposed;
    private bool _drawError;

    [Inject]
    public required IJSRuntime JS { get; init; }

    [Inject]
    public required ILogger<ApexChart> Logger { get; init; }

    /// <summary>
    /// ApexCharts options: a <see cref="ApexChartOptions"/>, or any object that serialises to the
    /// ApexCharts option names. Formatters are names from <see cref="ApexFormatters"/>.
    /// </summary>
    [Parameter, EditorRequired] public object? Options { get; set; }

    /// <summary>Chart height in CSS pixels; it replaces any <c>chart.height</c> in <see cref="Options"/>.</summary>
    [Parameter] public int Height { get; set; } = 320;

    /// <summary>CSS classes of the element that contains the chart.</summary>
    [Parameter] public string? Class { get; set; }

    private string CssClass => string.IsNullOrWhiteSpace(Class) ? "apex-chart" : $"apex-chart {Class}";

    /// <summary>Serialises options as ApexChart sends them to the browser, with chart.height set to height.</summary>
    internal static string SerializeOptions(object? options, int height)
    {
        var node = JsonSerializer.SerializeToNode(options ?? new object(), SerializerOptions) as JsonObject
            ?? throw new ArgumentException($"Chart options must serialise to a JSON object, but {options!.GetType().Name} does not.", nameof(options));
        if (node["chart"] is not JsonObject chart)
        {
            chart = new JsonObject();
            node["chart"] = chart;
        }

        chart["height"] = height;
        return node.ToJsonString();
    }

    protected override void OnParametersSet()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Height);
        _optionsJson = SerializeOptions(Options, Height);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await CreateChartAsync();
            return;
        }

        // Skipped until CreateChartAsync has the module, because create() then reads the newest
        // options. A parameter set with equal content serialises to equal JSON and sends nothing.
        if (_module is not null && !_disposed && _optionsJson != _sentOptionsJson)
        {
            _sentOptionsJson = _optionsJson;
            await InvokeChartAsync(_module, "update", _chartId, _optionsJson);
        }
    }

    private async Task CreateChartAsync()
    {
        var module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
        if (_disposed)
        {
            // DisposeAsync ran while the module loaded, so no chart may be created.
            await DisposeModuleAsync(module);
            return;
        }

        _module = module;
        _sentOptionsJson = _optionsJson;
        await InvokeChartAsync(module, "create", _element, _chartId, _optionsJson);
    }

    // Shows a warning in place of a chart that the browser failed to draw, such as one with an
    // invalid formatter name, instead of failing the whole page.
    private async Task InvokeChartAsync(IJSObjectReference module, string function, params object?[] arguments)
    {
        try
        {
            await module.InvokeVoidAsync(function, arguments);
            if (_drawError)
            {
                _drawError = false;
                StateHasChanged();
            }
        }
        catch (JSException ex)
        {
            Logger.LogWarning(ex, "Chart {ChartId} failed in {Function}: {Message}", _chartId, function, ex.Message);
            _drawError = true;
            StateHasChanged();
        }
    }

    /// <summary>Destroys the chart in the browser; a circuit that is already gone has no chart to destroy.</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_module is null)
        {
            return;
        }

        var module = _module;
        _module = null;
        try
        {
            await module.InvokeVoidAsync("destroy", _chartId);
        }
        catch (JSDisconnectedException)
        {
            // The browser cannot be reached any more. Its charts go when the page reloads, and
            // create() in charts.js destroys charts whose element has left the page.
        }

        await DisposeModuleAsync(module);
    }

    private static async Task DisposeModuleAsync(IJSObjectReference module)
    {
        try
        {
            await module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is closed, so no browser-side reference is left to release.
        }
    }

    /// <summary>User-facing text of the chart, kept in one place for translation.</summary>
    private static class Text
    {
        public const string DrawFailed = "The chart could not be drawn. Reload the page to try again.";
    }
}
