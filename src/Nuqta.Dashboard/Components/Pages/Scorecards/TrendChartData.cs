using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Components.Pages.Scorecards;

/// <summary>
/// Builds the trend chart. Each dataset and run kind gets a line of weekly figures and floating
/// bars for the 95 % intervals, because ApexCharts has no error-bar series. SLO targets are
/// horizontal lines, and each week in which the production version changed gets a vertical line.
/// </summary>
public static class TrendChartData
{
    private static readonly string[] Palette = ["#0b5e6b", "#7b3fa0", "#b26a00", "#2e6bd1", "#5a7d2a"];

    public static ApexChartOptions Build(TrendSeries trend)
    {
        var series = new List<ApexSeries>();
        var colors = new List<string>();
        var widths = new List<double>();
        var markers = new List<double>();
        for (var i = 0; i < trend.Lines.Count; i++)
        {
            var line = trend.Lines[i];
            var color = Palette[i % Palette.Length];
            var name = $"{line.Dataset} ({line.Kind})";
            series.Add(new ApexSeries
            {
                Name = $"{name} 95 % interval",
                Type = ApexChartType.RangeBar,
                Data = line.Points
                    .Where(p => p.Lower is { } l && p.Upper is { } u && double.IsFinite(l) && double.IsFinite(u))
                    .Select(p => (ApexPoint)new ApexRangePoint(p.Week, p.Lower!.Value, p.Upper!.Value))
                    .ToList(),
            });
            colors.Add(color + "55");
            widths.Add(0);
            markers.Add(0);

            series.Add(new ApexSeries
            {
                Name = name,
                Type = ApexChartType.Line,
                Data = line.Points
                    .Where(p => p.Value is { } v && double.IsFinite(v))
                    .Select(p => (ApexPoint)new ApexValuePoint(p.Week, p.Value!.Value))
                    .ToList(),
            });
            colors.Add(color);
            widths.Add(3);
            markers.Add(5);
        }

        var isRate = trend.Metric.Aggregate == MetricAggregates.GoodRate;
        var formatter = isRate ? ApexFormatters.Percent(1) : string.Equals(trend.Metric.Unit, "ms", StringComparison.OrdinalIgnoreCase) ? ApexFormatters.Number(0) : ApexFormatters.Number(3);
        var labelStyle = new ApexTextStyle("15px");

        return new ApexChartOptions
        {
            Chart = new ApexChartSettings { Type = ApexChartType.RangeBar, Animations = new ApexAnimations { Enabled = false } },
            Series = series,
            Colors = colors,
            XAxis = new ApexXAxis { Categories = trend.Weeks, Labels = new ApexAxisLabels { Style = labelStyle } },
            YAxis = new ApexYAxis
            {
                Title = new ApexAxisTitle($"{trend.Metric.Aggregate} {trend.Metric.Key}"),
                Labels = new ApexAxisLabels { Formatter = formatter, Style = labelStyle },
            },
            PlotOptions = new ApexPlotOptions { Bar = new ApexBarOptions { ColumnWidth = "30%" } },
            Stroke = new ApexStroke { Width = widths, Curve = "straight" },
            Markers = new ApexMarkers { Size = markers },
            DataLabels = new ApexDataLabels { Enabled = false },
            Tooltip = new ApexTooltip { Shared = false, Intersect = true, Y = new ApexTooltipValue { Formatter = formatter } },
            Legend = new ApexLegend { Show = true, Position = "top" },
            Annotations = new ApexAnnotations
            {
                YAxis = trend.Targets
                    .Select(t => ApexYAxisAnnotation.Line(t.Target, "#b3261e", $"SLO {t.Name} {t.Comparator} {ScorecardFormat.Value(t.Target, trend.Metric.Aggregate, trend.Metric.Unit)}", dash: 6))
                    .ToList(),
                XAxis = trend.ProductionChanges
                    .Where(c => trend.Weeks.Contains(c.Week))
                    .Select(c => new ApexXAxisAnnotation
                    {
                        X = c.Week,
                        BorderColor = "#51606a",
                        StrokeDashArray = 4,
                        Label = new ApexAnnotationLabel { Text = $"{c.Kind}: {c.FromVersion ?? "none"} → {c.ToVersion ?? "none"}", BorderColor = "#51606a" },
                    })
                    .ToList(),
            },
        };
    }
}
