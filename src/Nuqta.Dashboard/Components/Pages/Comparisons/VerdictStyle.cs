using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Components.Pages.Comparisons;

/// <summary>Colours and labels of cell verdicts and gate verdicts, shared by the charts, the heatmap and the table.</summary>
public static class VerdictStyle
{
    // Red for harm and blue for benefit, so the two stay apart for red-green colour blindness.
    public const string RegressionColor = "#c62828";
    public const string ImprovementColor = "#1565c0";
    public const string EquivalentColor = "#00796b";
    public const string InconclusiveColor = "#ef8f00";
    public const string InsufficientColor = "#8a8a8a";
    public const string DifferentColor = "#6a1b9a";

    /// <summary>Returns the fill colour of a cell with this verdict.</summary>
    public static string Color(Verdict verdict) => verdict switch
    {
        Verdict.Regression => RegressionColor,
        Verdict.Improvement => ImprovementColor,
        Verdict.Equivalent => EquivalentColor,
        Verdict.Inconclusive => InconclusiveColor,
        Verdict.Different => DifferentColor,
        _ => InsufficientColor,
    };

    /// <summary>Returns the verdict as the glossary writes it, for example "insufficient data".</summary>
    public static string Label(Verdict verdict) => verdict switch
    {
        Verdict.InsufficientData => "insufficient data",
        _ => verdict.ToString().ToLowerInvariant(),
    };

    /// <summary>Returns the gate verdict in lower case: pass, fail or inconclusive.</summary>
    public static string Label(GateVerdict verdict) => verdict.ToString().ToLowerInvariant();

    /// <summary>Returns the MudBlazor colour of a gate verdict.</summary>
    public static MudBlazor.Color GateColor(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => MudBlazor.Color.Success,
        GateVerdict.Fail => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Warning,
    };

    /// <summary>Reads the direction text of the metric catalogue ("higher is better", "lower is better").</summary>
    public static MetricDirection ParseDirection(string? text) => text switch
    {
        "higher is better" => MetricDirection.HigherIsBetter,
        "lower is better" => MetricDirection.LowerIsBetter,
        _ => MetricDirection.Unknown,
    };
}
