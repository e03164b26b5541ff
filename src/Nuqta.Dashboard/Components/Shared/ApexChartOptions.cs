using System.Globalization;
using System.Text.Json.Serialization;

namespace Nuqta.Dashboard.Components.Shared;

// A typed subset of the ApexCharts 4.7 options, with their names and defaults, enough for
// a bar chart by segment, an interval chart (rangeBar plus scatter) and a line chart with a target
// line. ApexChart serialises it in camelCase and omits nulls, so every null property keeps the
// ApexCharts default. Pass an anonymous object to ApexChart.Options for anything not modelled here.

/// <summary>Root of the options that <see cref="ApexChart"/> sends to ApexCharts.</summary>
public sealed record ApexChartOptions
{
    public required ApexChartSettings Chart { get; init; }

    /// <summary>Data series. A chart that mixes types sets <see cref="ApexSeries.Type"/> on each one.</summary>
    public required IReadOnlyList<ApexSeries> Series { get; init; }

    [JsonPropertyName("xaxis")]
    public ApexXAxis? XAxis { get; init; }

    [JsonPropertyName("yaxis")]
    public ApexYAxis? YAxis { get; init; }

    public ApexAnnotations? Annotations { get; init; }

    /// <summary>CSS colours, one per series in series order.</summary>
    public IReadOnlyList<string>? Colors { get; init; }

    public ApexPlotOptions? PlotOptions { get; init; }

    public ApexDataLabels? DataLabels { get; init; }

    public ApexStroke? Stroke { get; init; }

    public ApexMarkers? Markers { get; init; }

    public ApexTooltip? Tooltip { get; init; }

    public ApexLegend? Legend { get; init; }

    public ApexTheme? Theme { get; init; }
}

/// <summary>ApexCharts chart types used by the app; serialised in camelCase, as ApexCharts spells them.</summary>
public enum ApexChartType
{
    Line,
    Bar,
    RangeBar,
    Scatter,
}

/// <summary>The <c>chart</c> section. ApexChart sets its <c>height</c> from its Height parameter.</summary>
public sealed record ApexChartSettings
{
    /// <summary>Type of the chart, and of every series that sets no type of its own.</summary>
    public required ApexChartType Type { get; init; }

    /// <summary>Background colour; "transparent" lets the MudBlazor surface show through.</summary>
    public string? Background { get; init; } = "transparent";

    public ApexToolbar? Toolbar { get; init; } = new() { Show = false };

    public ApexZoom? Zoom { get; init; } = new() { Enabled = false };

    public ApexAnimations? Animations { get; init; }
}

/// <summary>The download and zoom toolbar above the chart.</summary>
public sealed record ApexToolbar
{
    public bool? Show { get; init; }
}

/// <summary>Zooming into the x axis by mouse selection.</summary>
public sealed record ApexZoom
{
    public bool? Enabled { get; init; }
}

/// <summary>Drawing animations. Without them a chart is final as soon as it appears.</summary>
public sealed record ApexAnimations
{
    public bool? Enabled { get; init; }
}

/// <summary>One named data series.</summary>
public sealed record ApexSeries
{
    public required string Name { get; init; }

    /// <summary>Type of this series in a chart that mixes types; null uses <see cref="ApexChartSettings.Type"/>.</summary>
    public ApexChartType? Type { get; init; }

    public required IReadOnlyList<ApexPoint> Data { get; init; }
}

/// <summary>
/// One data point, serialised as ApexCharts' <c>{ x, y }</c> object form. X is the category, so a
/// chart with points needs no <see cref="ApexXAxis.Categories"/>.
/// </summary>
[JsonDerivedType(typeof(ApexValuePoint))]
[JsonDerivedType(typeof(ApexRangePoint))]
public abstract record ApexPoint(string X)
{
    /// <summary>Colour of this point's bar or marker; null uses the series colour.</summary>
    public string? FillColor { get; init; }
}

/// <summary>A point with one value, for bar, line and scatter series.</summary>
public sealed record ApexValuePoint(string X, double Y) : ApexPoint(X);

/// <summary>A point with a start and an end value, for rangeBar series; serialised as <c>y: [low, high]</c>.</summary>
public sealed record ApexRangePoint(string X, [property: JsonIgnore] double Low, [property: JsonIgnore] double High) : ApexPoint(X)
{
    /// <summary>The range in ApexCharts form, <c>[low, high]</c>.</summary>
    public double[] Y => [Low, High];
}

/// <summary>The <c>xaxis</c> section.</summary>
public sealed record ApexXAxis
{
    /// <summary>Labels of the x values, for series whose data are plain values without x.</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    public ApexAxisTitle? Title { get; init; }

    public ApexAxisLabels? Labels { get; init; }
}

/// <summary>The <c>yaxis</c> section; ApexCharts also takes a list of these, which this model does not.</summary>
public sealed record ApexYAxis
{
    public double? Min { get; init; }

    public double? Max { get; init; }

    /// <summary>Number of intervals between ticks.</summary>
    public int? TickAmount { get; init; }

    public ApexAxisTitle? Title { get; init; }

    public ApexAxisLabels? Labels { get; init; }
}

/// <summary>Text shown along an axis.</summary>
public sealed record ApexAxisTitle(string Text);

/// <summary>Axis tick labels.</summary>
public sealed record ApexAxisLabels
{
    /// <summary>A named formatter from <see cref="ApexFormatters"/>.</summary>
    public string? Formatter { get; init; }

    /// <summary>Font of the labels; larger than the library's 11 px default so a projector shows them.</summary>
    public ApexTextStyle? Style { get; init; }

    /// <summary>Angle in degrees of x-axis labels that do not fit side by side; ApexCharts uses -45.</summary>
    public int? Rotate { get; init; }

    /// <summary>Height in pixels that x-axis labels may take before ApexCharts cuts them; its default is 120.</summary>
    public int? MaxHeight { get; init; }
}

/// <summary>A font size for chart text, for example "16px".</summary>
public sealed record ApexTextStyle(string FontSize);

/// <summary>The <c>annotations</c> section.</summary>
public sealed record ApexAnnotations
{
    /// <summary>Horizontal lines and bands at y values.</summary>
    [JsonPropertyName("yaxis")]
    public IReadOnlyList<ApexYAxisAnnotation>? YAxis { get; init; }

    /// <summary>Vertical lines at x categories.</summary>
    [JsonPropertyName("xaxis")]
    public IReadOnlyList<ApexXAxisAnnotation>? XAxis { get; init; }
}

/// <summary>A vertical line at the category <see cref="X"/>, for example the week a production version changed.</summary>
public sealed record ApexXAxisAnnotation
{
    /// <summary>The x category the line marks; it must be one of the chart's x values.</summary>
    public required string X { get; init; }

    public string? BorderColor { get; init; }

    /// <summary>Dash length in pixels; 0 draws a solid line.</summary>
    public int? StrokeDashArray { get; init; }

    public ApexAnnotationLabel? Label { get; init; }
}

/// <summary>
/// A horizontal line at <see cref="Y"/>, or a shaded band from <see cref="Y"/> to <see cref="Y2"/>,
/// for example a zero line or a tolerance band around a baseline.
/// </summary>
public sealed record ApexYAxisAnnotation
{
    public required double Y { get; init; }

    /// <summary>Other edge of a band; null draws a line.</summary>
    public double? Y2 { get; init; }

    public string? BorderColor { get; init; }

    public string? FillColor { get; init; }

    /// <summary>Opacity of a band's fill, from 0 to 1.</summary>
    public double? Opacity { get; init; }

    /// <summary>Dash length in pixels; 0 draws a solid line.</summary>
    public int? StrokeDashArray { get; init; }

    public ApexAnnotationLabel? Label { get; init; }

    /// <summary>Creates a line at y, for example a zero line or a target.</summary>
    public static ApexYAxisAnnotation Line(double y, string color, string? label = null, int dash = 0) => new()
    {
        Y = y,
        BorderColor = color,
        StrokeDashArray = dash,
        Label = label is null ? null : new ApexAnnotationLabel { Text = label, BorderColor = color },
    };

    /// <summary>Creates a shaded band from y to y2, for example a tolerance band.</summary>
    public static ApexYAxisAnnotation Band(double y, double y2, string color, string? label = null, double opacity = 0.15) => new()
    {
        Y = y,
        Y2 = y2,
        FillColor = color,
        BorderColor = "transparent",
        Opacity = opacity,
        Label = label is null ? null : new ApexAnnotationLabel { Text = label, BorderColor = color },
    };
}

/// <summary>Text attached to an annotation.</summary>
public sealed record ApexAnnotationLabel
{
    public required string Text { get; init; }

    public string? BorderColor { get; init; }

    /// <summary>"right" (the ApexCharts default) or "left": the end of the line that the label sits at.</summary>
    public string? Position { get; init; }

    /// <summary>"end" (the ApexCharts default), "middle" or "start"; use "start" with Position "left".</summary>
    public string? TextAnchor { get; init; }
}

/// <summary>The <c>plotOptions</c> section.</summary>
public sealed record ApexPlotOptions
{
    /// <summary>Settings of bar and rangeBar series; ApexCharts reads both from <c>plotOptions.bar</c>.</summary>
    public ApexBarOptions? Bar { get; init; }
}

/// <summary>The <c>plotOptions.bar</c> section.</summary>
public sealed record ApexBarOptions
{
    /// <summary>Draws bars along the x axis; false (the default) draws columns.</summary>
    public bool? Horizontal { get; init; }

    /// <summary>Width of a column as a percentage of its slot, for example "40%".</summary>
    public string? ColumnWidth { get; init; }

    /// <summary>Height of a horizontal bar as a percentage of its slot, for example "60%".</summary>
    public string? BarHeight { get; init; }

    /// <summary>Corner radius in pixels.</summary>
    public int? BorderRadius { get; init; }

    /// <summary>Colours each bar of one series with the next entry of <see cref="ApexChartOptions.Colors"/>.</summary>
    public bool? Distributed { get; init; }
}

/// <summary>The <c>dataLabels</c> section: values written on the bars or points.</summary>
public sealed record ApexDataLabels
{
    public bool? Enabled { get; init; }

    /// <summary>A named formatter from <see cref="ApexFormatters"/>.</summary>
    public string? Formatter { get; init; }

    /// <summary>Font of the value labels on bars and points.</summary>
    public ApexTextStyle? Style { get; init; }
}

/// <summary>The <c>stroke</c> section: line width, curve and dashes.</summary>
public sealed record ApexStroke
{
    /// <summary>Line width in pixels, one per series in series order.</summary>
    public IReadOnlyList<double>? Width { get; init; }

    /// <summary>Dash length in pixels, one per series; 0 draws a solid line.</summary>
    public IReadOnlyList<int>? DashArray { get; init; }

    /// <summary>"straight", "smooth" or "stepline".</summary>
    public string? Curve { get; init; }
}

/// <summary>The <c>markers</c> section: the dots of line and scatter series.</summary>
public sealed record ApexMarkers
{
    /// <summary>Marker size in pixels, one per series; 0 hides a series' markers.</summary>
    public IReadOnlyList<double>? Size { get; init; }
}

/// <summary>The <c>tooltip</c> section.</summary>
public sealed record ApexTooltip
{
    public bool? Enabled { get; init; }

    /// <summary>Shows all series at the hovered x in one tooltip.</summary>
    public bool? Shared { get; init; }

    /// <summary>Shows the tooltip only while the pointer is over a bar or marker.</summary>
    public bool? Intersect { get; init; }

    public ApexTooltipValue? Y { get; init; }
}

/// <summary>How a tooltip writes the values.</summary>
public sealed record ApexTooltipValue
{
    /// <summary>A named formatter from <see cref="ApexFormatters"/>.</summary>
    public string? Formatter { get; init; }
}

/// <summary>The <c>legend</c> section.</summary>
public sealed record ApexLegend
{
    public bool? Show { get; init; }

    /// <summary>"top", "right", "bottom" (the default) or "left".</summary>
    public string? Position { get; init; }
}

/// <summary>The <c>theme</c> section.</summary>
public sealed record ApexTheme
{
    public required ApexThemeMode Mode { get; init; }
}

/// <summary>Light or dark text and grid colours; follow MudBlazor's dark mode with it.</summary>
public enum ApexThemeMode
{
    Light,
    Dark,
}

/// <summary>
/// Names of the formatters that charts.js builds in the browser, because JSON cannot carry
/// functions. Set them on any <c>formatter</c> property.
/// </summary>
public static class ApexFormatters
{
    /// <summary>Writes a number with a fixed count of decimals: 0.834 with 2 becomes "0.83".</summary>
    public static string Number(int decimals) => Name("number", decimals);

    /// <summary>Writes a number with a sign for positive values: 0.031 with 2 becomes "+0.03".</summary>
    public static string Signed(int decimals) => Name("signed", decimals);

    /// <summary>Writes a fraction as a percentage: 0.834 with 1 becomes "83.4%".</summary>
    public static string Percent(int decimals) => Name("percent", decimals);

    private static string Name(string kind, int decimals)
    {
        // Number.prototype.toFixed in the browser accepts 0 to 100, and charts.js reads two digits.
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 99);
        return string.Create(CultureInfo.InvariantCulture, $"{kind}:{decimals}");
    }
}
