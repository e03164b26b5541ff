namespace Nuqta.Dashboard.Components.Pages.Runs;

/// <summary>One segment value of a run with the aggregates of one metric.</summary>
/// <param name="Segment">Segment value; empty when the examples have no value for the dimension.</param>
/// <param name="Mean">Mean of the metric, or null when no example of the segment has a value.</param>
/// <param name="Lower">Lower end of the 95 % interval of the mean, or null.</param>
/// <param name="Upper">Upper end of the 95 % interval of the mean, or null.</param>
/// <param name="Count">Number of examples with a value.</param>
public sealed record SegmentBar(string Segment, double? Mean, double? Lower, double? Upper, int Count);

/// <summary>
/// The series of a per-segment bar chart: one category per segment, in the order given, with the
/// mean and the interval bounds at the same index, and an axis range that contains them all.
/// </summary>
public sealed record SegmentChartData(
    IReadOnlyList<string> Categories,
    IReadOnlyList<double?> Values,
    IReadOnlyList<double?> Lower,
    IReadOnlyList<double?> Upper,
    IReadOnlyList<int> Counts,
    double AxisMin,
    double AxisMax)
{
    /// <summary>Category label of segment rows whose value is empty.</summary>
    public const string MissingLabel = "(missing)";

    /// <summary>
    /// Builds the chart series from per-segment rows. Non-finite numbers become null, so a segment
    /// without values keeps its category and has no bar. The axis starts at 0 unless a value is
    /// negative, and ends at 1 when every value lies in 0-1, so scores of different runs share a
    /// scale. Otherwise the axis ends at the next 1, 2 or 5 times a power of ten above the largest
    /// value.
    /// </summary>
    public static SegmentChartData Build(IEnumerable<SegmentBar> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = rows.ToList();
        var values = list.Select(r => Finite(r.Mean)).ToList();
        var lower = list.Select(r => Finite(r.Lower)).ToList();
        var upper = list.Select(r => Finite(r.Upper)).ToList();
        var all = values.Concat(lower).Concat(upper).OfType<double>().ToList();

        var axisMin = all.Count == 0 ? 0 : Math.Min(0, all.Min());
        var axisMax = all.Count == 0 ? 1 : Math.Max(0, all.Max());
        if (axisMin >= 0 && axisMax <= 1)
        {
            axisMax = 1;
        }
        else
        {
            axisMax = NiceCeiling(axisMax);
            axisMin = -NiceCeiling(-axisMin);
        }

        return new SegmentChartData(
            list.Select(r => r.Segment.Length == 0 ? MissingLabel : r.Segment).ToList(),
            values,
            lower,
            upper,
            list.Select(r => r.Count).ToList(),
            axisMin,
            axisMax);
    }

    /// <summary>Returns the position of a value on the axis as a percentage of its length, clamped to 0-100.</summary>
    public double PercentOf(double value) =>
        AxisMax > AxisMin ? Math.Clamp((value - AxisMin) / (AxisMax - AxisMin) * 100, 0, 100) : 0;

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    // The smallest of 1, 2 or 5 times a power of ten that is at least the value; 0 stays 0.
    private static double NiceCeiling(double value)
    {
        if (value <= 0)
        {
            return 0;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in new[] { 1.0, 2.0, 5.0, 10.0 })
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }
}
