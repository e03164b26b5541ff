using System.Globalization;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Components.Pages.Comparisons;

/// <summary>One bar of a regression chart: the difference of one segment value with its interval.</summary>
/// <param name="Label">Category label with the segment sizes, for example "maghrebi (n 30 / 30)".</param>
/// <param name="Lower">Lower end of the drawn interval; an unbounded end is clamped to the axis.</param>
/// <param name="Upper">Upper end of the drawn interval, clamped the same way.</param>
public sealed record RegressionBar(
    string Segment,
    string Label,
    int CandidateCount,
    int BaselineCount,
    double Difference,
    double Lower,
    double Upper,
    Verdict Verdict,
    string Color);

/// <summary>A segment value that has no bar, because its difference is undefined.</summary>
public sealed record UnchartedSegment(string Segment, int CandidateCount, int BaselineCount, Verdict Verdict);

/// <summary>
/// The data of one metric's regression chart: a bar per segment value (the overall cell first) from the
/// interval's lower to its upper end, coloured by verdict, a point at the difference, a line at zero and
/// the tolerance band.
/// </summary>
public sealed record RegressionChartData(
    string Metric,
    string Statistic,
    IReadOnlyList<RegressionBar> Bars,
    IReadOnlyList<UnchartedSegment> Uncharted,
    double? Tolerance,
    double AxisMin,
    double AxisMax)
{
    /// <summary>Category label of the overall cell.</summary>
    public const string OverallLabel = "overall";

    /// <summary>Category label of segment cells whose value is empty.</summary>
    public const string MissingLabel = "(missing)";

    /// <summary>
    /// Builds the chart of one metric and statistic from a comparison's cells: the overall cell, then the
    /// cells of <paramref name="dimension"/> in the order given. The tolerance band uses the overall
    /// cell's tolerance. A relative tolerance (a share of the baseline) differs per segment, so the
    /// table lists each cell's own. The axis spans every bar, the band and zero, widened to round ticks.
    /// </summary>
    public static RegressionChartData Build(IEnumerable<ComparisonCell> cells, string metric, string statistic, string? dimension)
    {
        var relevant = cells.Where(c => c.Metric == metric && c.Statistic == statistic).ToList();
        var overall = relevant.FirstOrDefault(c => c.Dimension is null);
        var ordered = new List<ComparisonCell>();
        if (overall is not null)
        {
            ordered.Add(overall);
        }

        if (dimension is not null)
        {
            ordered.AddRange(relevant.Where(c => c.Dimension == dimension));
        }

        double? tolerance = overall?.Tolerance ?? relevant.Select(c => c.Tolerance).FirstOrDefault(t => t is not null);
        var defined = ordered.Where(c => c.Difference is { } d && double.IsFinite(d)).ToList();
        var finiteEnds = defined
            .SelectMany(c => new[] { c.Difference, c.Lower, c.Upper })
            .OfType<double>()
            .Where(double.IsFinite)
            .Append(0.0)
            .ToList();
        if (tolerance is { } t)
        {
            finiteEnds.Add(t);
            finiteEnds.Add(-t);
        }

        var (axisMin, axisMax, ticks) = NiceAxis(finiteEnds.Min(), finiteEnds.Max());

        var bars = defined.Select(c => new RegressionBar(
            SegmentName(c),
            Label(c),
            c.CandidateCount,
            c.BaselineCount,
            c.Difference!.Value,
            Clamp(c.Lower, axisMin, axisMax, axisMin),
            Clamp(c.Upper, axisMin, axisMax, axisMax),
            c.Verdict,
            VerdictStyle.Color(c.Verdict))).ToList();
        var uncharted = ordered.Except(defined)
            .Select(c => new UnchartedSegment(SegmentName(c), c.CandidateCount, c.BaselineCount, c.Verdict))
            .ToList();
        return new RegressionChartData(metric, statistic, bars, uncharted, tolerance, axisMin, axisMax) { TickAmount = ticks };
    }

    /// <summary>Intervals between the axis ticks, so that every tick is a multiple of a 1, 2 or 5 step.</summary>
    public int TickAmount { get; init; } = 6;

    // Widens min-max to multiples of a 1, 2 or 5 step that gives about six intervals, with at least 5 % room
    // at each end, so the ticks read +0.02, 0, -0.02 instead of +0.007, -0.019.
    private static (double Min, double Max, int Ticks) NiceAxis(double min, double max)
    {
        double span = max > min ? max - min : 0.1;
        min -= span * 0.05;
        max += span * 0.05;
        double rough = (max - min) / 6;
        double power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double step = new[] { 1.0, 2.0, 5.0, 10.0 }.Select(m => m * power).First(s => s >= rough);
        double niceMin = Math.Floor(min / step) * step;
        double niceMax = Math.Ceiling(max / step) * step;
        return (niceMin, niceMax, (int)Math.Round((niceMax - niceMin) / step));
    }

    /// <summary>Returns the ApexCharts options: a rangeBar series for the intervals and a scatter series for the differences.</summary>
    public ApexChartOptions ToOptions(int decimals)
    {
        var intervals = Bars.Select(b => (ApexPoint)new ApexRangePoint(b.Label, b.Lower, b.Upper) { FillColor = b.Color }).ToList();
        var differences = Bars.Select(b => (ApexPoint)new ApexValuePoint(b.Label, b.Difference)).ToList();
        var annotations = new List<ApexYAxisAnnotation>();
        if (Tolerance is { } tolerance && tolerance > 0)
        {
            annotations.Add(ApexYAxisAnnotation.Band(-tolerance, tolerance, "#607d8b", Text.ToleranceBand(tolerance, decimals), opacity: 0.18));
        }

        annotations.Add(ApexYAxisAnnotation.Line(0, "#263238"));
        var axisStyle = new ApexTextStyle("15px");
        return new ApexChartOptions
        {
            Chart = new ApexChartSettings { Type = ApexChartType.RangeBar, Animations = new ApexAnimations { Enabled = false } },
            Series =
            [
                new ApexSeries { Name = Text.Interval, Type = ApexChartType.RangeBar, Data = intervals },
                new ApexSeries { Name = Text.Difference, Type = ApexChartType.Scatter, Data = differences },
            ],
            Colors = ["#607d8b", "#101418"],
            PlotOptions = new ApexPlotOptions { Bar = new ApexBarOptions { Horizontal = false, ColumnWidth = "38%", BorderRadius = 2 } },
            Markers = new ApexMarkers { Size = [0, 8] },
            DataLabels = new ApexDataLabels { Enabled = false },
            // Long segment names (Arabic legal categories) with their sizes need room when rotated.
            XAxis = new ApexXAxis { Labels = new ApexAxisLabels { Style = axisStyle, Rotate = -35, MaxHeight = 200 } },
            YAxis = new ApexYAxis
            {
                Min = AxisMin,
                Max = AxisMax,
                TickAmount = TickAmount,
                Title = new ApexAxisTitle(Text.AxisTitle(Statistic)),
                Labels = new ApexAxisLabels { Formatter = ApexFormatters.Signed(decimals), Style = axisStyle },
            },
            Annotations = new ApexAnnotations { YAxis = annotations },
            Tooltip = new ApexTooltip { Shared = false, Intersect = true, Y = new ApexTooltipValue { Formatter = ApexFormatters.Signed(decimals + 1) } },
            Legend = new ApexLegend { Show = false },
        };
    }

    private static string SegmentName(ComparisonCell cell) => cell.Dimension is null
        ? OverallLabel
        : string.IsNullOrEmpty(cell.Segment) ? MissingLabel : cell.Segment;

    private static string Label(ComparisonCell cell) => string.Create(
        CultureInfo.InvariantCulture, $"{SegmentName(cell)} (n {cell.CandidateCount} / {cell.BaselineCount})");

    private static double Clamp(double? value, double axisMin, double axisMax, double unbounded) =>
        value is { } v && double.IsFinite(v) ? Math.Clamp(v, axisMin, axisMax) : unbounded;

    private static class Text
    {
        public const string Interval = "interval";
        public const string Difference = "difference";

        public static string AxisTitle(string statistic) => $"candidate − baseline ({statistic})";

        public static string ToleranceBand(double tolerance, int decimals) =>
            "tolerance ±" + tolerance.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
