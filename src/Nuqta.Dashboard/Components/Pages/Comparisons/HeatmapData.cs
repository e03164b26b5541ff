using System.Globalization;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Components.Pages.Comparisons;

/// <summary>One heatmap cell: a metric's primary statistic in one segment value.</summary>
/// <param name="Adjusted">
/// Difference with the sign turned so that positive is better for the product; null when the metric's
/// direction is unknown or the difference is undefined.
/// </param>
/// <param name="Scaled">Adjusted difference in tolerances, clamped to ±<see cref="HeatmapData.MaxScaled"/>; it sets the colour strength.</param>
/// <param name="Background">CSS colour: red shades for harm, blue shades for benefit, grey when undefined.</param>
public sealed record HeatmapCell(string Segment, double? Difference, double? Adjusted, double? Scaled, Verdict Verdict, string Background, string Foreground);

/// <summary>One metric row of the heatmap.</summary>
public sealed record HeatmapRow(string Metric, string Statistic, MetricDirection Direction, IReadOnlyList<HeatmapCell> Cells);

/// <summary>
/// A metrics × segments heatmap of a comparison for one dimension (the overall column first), coloured by
/// the direction-adjusted difference measured in each metric's tolerance, so metrics on different scales
/// (scores and milliseconds) share one colour scale.
/// </summary>
public sealed record HeatmapData(IReadOnlyList<string> Columns, IReadOnlyList<HeatmapRow> Rows)
{
    /// <summary>Tolerances at which the colour is full strength.</summary>
    public const double MaxScaled = 5;

    /// <summary>Builds the heatmap from the cells of each metric's primary statistic (its aggregate).</summary>
    /// <param name="directions">Direction of each metric key; a missing key counts as unknown.</param>
    public static HeatmapData Build(
        IReadOnlyList<ComparisonCell> cells,
        IReadOnlyList<MetricComparisonSummary> metrics,
        IReadOnlyDictionary<string, MetricDirection> directions,
        string? dimension)
    {
        var columns = new List<string> { RegressionChartData.OverallLabel };
        if (dimension is not null)
        {
            columns.AddRange(cells
                .Where(c => c.Dimension == dimension)
                .Select(Column)
                .Distinct(StringComparer.Ordinal));
        }

        var rows = new List<HeatmapRow>();
        foreach (var metric in metrics)
        {
            var direction = directions.GetValueOrDefault(metric.Metric, MetricDirection.Unknown);
            var metricCells = cells
                .Where(c => c.Metric == metric.Metric && c.Statistic == metric.Aggregate && (c.Dimension is null || c.Dimension == dimension))
                .ToDictionary(Column, StringComparer.Ordinal);
            var rowCells = columns
                .Where(metricCells.ContainsKey)
                .Select(column => ToHeatmapCell(column, metricCells[column], direction))
                .ToList();
            rows.Add(new HeatmapRow(metric.Metric, metric.Aggregate, direction, rowCells));
        }

        return new HeatmapData(columns, rows);
    }

    /// <summary>Returns the background colour for a scaled difference: white at 0, full red at −5, full blue at +5.</summary>
    public static string ColorFor(double? scaled)
    {
        if (scaled is not { } s || !double.IsFinite(s))
        {
            return "#e0e0e0";
        }

        double strength = Math.Min(Math.Abs(s), MaxScaled) / MaxScaled;
        var (r, g, b) = s < 0 ? (198, 40, 40) : (21, 101, 192);
        int Mix(int channel) => (int)Math.Round(255 + ((channel - 255) * strength));
        return string.Create(CultureInfo.InvariantCulture, $"rgb({Mix(r)}, {Mix(g)}, {Mix(b)})");
    }

    private static HeatmapCell ToHeatmapCell(string column, ComparisonCell cell, MetricDirection direction)
    {
        double? difference = cell.Difference is { } d && double.IsFinite(d) ? d : null;
        double? adjusted = difference is { } value
            ? direction switch
            {
                MetricDirection.HigherIsBetter => value,
                MetricDirection.LowerIsBetter => -value,
                _ => null,
            }
            : null;
        double? scaled = adjusted is { } a && cell.Tolerance is { } t && t > 0
            ? Math.Clamp(a / t, -MaxScaled, MaxScaled)
            : null;
        string background = ColorFor(scaled);

        // Dark text on pale cells and white text from 60 % strength on, for contrast on a projector.
        string foreground = scaled is { } strong && Math.Abs(strong) >= 0.6 * MaxScaled ? "#ffffff" : "#101418";
        return new HeatmapCell(column, difference, adjusted, scaled, cell.Verdict, background, foreground);
    }

    private static string Column(ComparisonCell cell) => cell.Dimension is null
        ? RegressionChartData.OverallLabel
        : string.IsNullOrEmpty(cell.Segment) ? RegressionChartData.MissingLabel : cell.Segment;
}
