using System.Globalization;
using Nuqta.Dashboard.Components.Shared;

namespace Nuqta.Dashboard.Components.Pages.Comparisons;

/// <summary>
/// A histogram overlay of one metric's values on both sides: shared bins, and the share of each side's
/// values in each bin, so sides of different sizes compare directly.
/// </summary>
/// <param name="Edges">Bin edges, one more than the bins; the last bin includes its upper edge.</param>
public sealed record DistributionData(
    IReadOnlyList<double> Edges,
    IReadOnlyList<double> CandidateShares,
    IReadOnlyList<double> BaselineShares,
    int CandidateCount,
    int BaselineCount)
{
    /// <summary>Bins of a histogram when the caller sets none.</summary>
    public const int DefaultBins = 10;

    /// <summary>
    /// Bins both sides' values. The bins span the smallest to the largest value of both sides. When every
    /// value is equal, one bin of width 1 around it contains them all. Non-finite values are left out.
    /// </summary>
    public static DistributionData Build(IEnumerable<double> candidate, IEnumerable<double> baseline, int bins = DefaultBins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        var candidateValues = candidate.Where(double.IsFinite).ToList();
        var baselineValues = baseline.Where(double.IsFinite).ToList();
        var all = candidateValues.Concat(baselineValues).ToList();
        if (all.Count == 0)
        {
            return new DistributionData([], [], [], 0, 0);
        }

        double min = all.Min();
        double max = all.Max();
        if (max <= min)
        {
            bins = 1;
            min -= 0.5;
            max += 0.5;
        }

        double width = (max - min) / bins;
        var edges = Enumerable.Range(0, bins + 1).Select(i => i == bins ? max : min + (i * width)).ToList();
        return new DistributionData(
            edges,
            Shares(candidateValues, min, width, bins),
            Shares(baselineValues, min, width, bins),
            candidateValues.Count,
            baselineValues.Count);
    }

    /// <summary>Returns the bin labels, for example "0.50–0.60".</summary>
    public IReadOnlyList<string> Labels(int decimals) => Enumerable.Range(0, Edges.Count - 1)
        .Select(i => string.Create(CultureInfo.InvariantCulture, $"{Edges[i].ToString("F" + decimals, CultureInfo.InvariantCulture)}–{Edges[i + 1].ToString("F" + decimals, CultureInfo.InvariantCulture)}"))
        .ToList();

    /// <summary>Returns the ApexCharts options: one bar series per side over the shared bins.</summary>
    public ApexChartOptions ToOptions(int decimals, string candidateName, string baselineName)
    {
        var labels = Labels(decimals);
        List<ApexPoint> Points(IReadOnlyList<double> shares) => labels.Select((label, i) => (ApexPoint)new ApexValuePoint(label, shares[i])).ToList();
        var style = new ApexTextStyle("15px");
        return new ApexChartOptions
        {
            Chart = new ApexChartSettings { Type = ApexChartType.Bar, Animations = new ApexAnimations { Enabled = false } },
            Series =
            [
                new ApexSeries { Name = candidateName, Data = Points(CandidateShares) },
                new ApexSeries { Name = baselineName, Data = Points(BaselineShares) },
            ],
            Colors = ["#0b5e6b", "#b0bec5"],
            PlotOptions = new ApexPlotOptions { Bar = new ApexBarOptions { ColumnWidth = "80%" } },
            DataLabels = new ApexDataLabels { Enabled = false },
            XAxis = new ApexXAxis { Labels = new ApexAxisLabels { Style = style } },
            YAxis = new ApexYAxis { Min = 0, Labels = new ApexAxisLabels { Formatter = ApexFormatters.Percent(0), Style = style } },
            Tooltip = new ApexTooltip { Shared = true, Intersect = false, Y = new ApexTooltipValue { Formatter = ApexFormatters.Percent(1) } },
            Legend = new ApexLegend { Show = true, Position = "top" },
        };
    }

    private static List<double> Shares(List<double> values, double min, double width, int bins)
    {
        var counts = new int[bins];
        foreach (double value in values)
        {
            int bin = (int)Math.Floor((value - min) / width);
            counts[Math.Clamp(bin, 0, bins - 1)]++;
        }

        return counts.Select(c => values.Count == 0 ? 0.0 : (double)c / values.Count).ToList();
    }
}
