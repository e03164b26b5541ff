using System.Globalization;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Components.Pages.Scorecards;

/// <summary>
/// Number formats, labels and CSS classes of scorecard figures, shared by the scorecard, the
/// meeting slides and the trend page. Every number uses the invariant culture.
/// </summary>
public static class ScorecardFormat
{
    /// <summary>Text shown where no figure exists.</summary>
    public const string None = "—";

    /// <summary>
    /// Formats a figure for its aggregate: good-rates as percentages with one decimal (two above
    /// 99 %, so 99.5 % and 99.9 % stay apart), millisecond figures without decimals, scores with three.
    /// </summary>
    public static string Value(double? value, string aggregate, string unit)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return None;
        }

        if (aggregate == MetricAggregates.GoodRate)
        {
            var decimals = v >= 0.99 && v < 1 ? 2 : 1;
            return (v * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + " %";
        }

        if (string.Equals(unit, "ms", StringComparison.OrdinalIgnoreCase))
        {
            return v.ToString("N0", CultureInfo.InvariantCulture) + " ms";
        }

        return v.ToString(Math.Abs(v) <= 10 ? "F3" : "F1", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a 95 % interval as "[lower, upper]" in the figure's format, or an empty string when an end is missing.</summary>
    public static string Interval(double? lower, double? upper, string aggregate, string unit) =>
        lower is { } l && upper is { } u && double.IsFinite(l) && double.IsFinite(u)
            ? $"[{Bare(l, aggregate, unit)}, {Bare(u, aggregate, unit)}]"
            : "";

    /// <summary>Formats a week-over-week difference with its sign: points for good-rates, ms for latency.</summary>
    public static string Delta(double? delta, string aggregate, string unit)
    {
        if (delta is not { } d || !double.IsFinite(d))
        {
            return None;
        }

        var sign = Math.Sign(d) switch
        {
            > 0 => "+",
            < 0 => "−",
            _ => "±",
        };
        var magnitude = Math.Abs(d);
        if (aggregate == MetricAggregates.GoodRate)
        {
            return sign + (magnitude * 100).ToString("F1", CultureInfo.InvariantCulture) + " pts";
        }

        if (string.Equals(unit, "ms", StringComparison.OrdinalIgnoreCase))
        {
            return sign + magnitude.ToString("N0", CultureInfo.InvariantCulture) + " ms";
        }

        return sign + magnitude.ToString(magnitude <= 10 ? "F3" : "F1", CultureInfo.InvariantCulture);
    }

    /// <summary>Returns the arrow and word of a change, for example "▲ better".</summary>
    public static string ChangeLabel(ChangeDirection direction) => direction switch
    {
        ChangeDirection.Better => "▲ better",
        ChangeDirection.Worse => "▼ worse",
        ChangeDirection.Unchanged => "■ unchanged",
        _ => "not comparable",
    };

    /// <summary>Returns the CSS class of a change: green for better, red for worse.</summary>
    public static string ChangeClass(ChangeDirection direction) => direction switch
    {
        ChangeDirection.Better => "change-better",
        ChangeDirection.Worse => "change-worse",
        ChangeDirection.Unchanged => "change-unchanged",
        _ => "change-none",
    };

    /// <summary>Returns the CSS class that colours a figure by its SLO status.</summary>
    public static string StatusClass(SloStatus status) => status switch
    {
        SloStatus.Breached => "slo-breached",
        SloStatus.Met => "slo-met",
        SloStatus.InsufficientData => "slo-insufficient",
        _ => "slo-none",
    };

    /// <summary>Returns the status in words, for labels that do not rely on colour alone.</summary>
    public static string StatusLabel(SloStatus status) => status switch
    {
        SloStatus.Breached => "breached",
        SloStatus.Met => "met",
        SloStatus.InsufficientData => "insufficient data",
        _ => "no SLO",
    };

    /// <summary>Returns the link of a run's page.</summary>
    public static string RunLink(int runId) => $"/runs/{runId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Returns the link of the scorecard of a week, narrowed to a model when one is given.</summary>
    public static string ScorecardLink(string week, string? model = null) =>
        model is null ? $"/scorecard?week={Uri.EscapeDataString(week)}" : $"/scorecard?week={Uri.EscapeDataString(week)}&model={Uri.EscapeDataString(model)}";

    /// <summary>Returns the link of the trend of one model and metric, ending with the given week.</summary>
    public static string TrendLink(string model, string metric, string toWeek) =>
        $"/scorecard/trend?model={Uri.EscapeDataString(model)}&metric={Uri.EscapeDataString(metric)}&to={Uri.EscapeDataString(toWeek)}";

    /// <summary>Returns the caption of a metric column: "share of good examples" for good-rates, else the aggregate.</summary>
    public static string AggregateCaption(string aggregate) =>
        aggregate == MetricAggregates.GoodRate ? "share of good examples" : aggregate;

    /// <summary>Formats a burn rate as a multiple, for example "2.4x".</summary>
    public static string BurnRate(double? rate) =>
        rate is { } r && double.IsFinite(r) ? r.ToString("F1", CultureInfo.InvariantCulture) + "x" : None;

    /// <summary>Formats a count of examples with thousands separators.</summary>
    public static string Count(double count) => count.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Formats an SLO's objective, for example "p95 latency_ms ≤ 2,500" or "good-rate cited_support ≥ 90 %".</summary>
    public static string Objective(string aggregate, string metricKey, string comparator, double target, string unit)
    {
        var sign = comparator is "<=" or "AtMost" ? "≤" : "≥";
        return $"{aggregate} {metricKey} {sign} {Value(target, aggregate, unit)}";
    }

    private static string Bare(double value, string aggregate, string unit) =>
        Value(value, aggregate, unit).Replace(" %", "", StringComparison.Ordinal).Replace(" ms", "", StringComparison.Ordinal);
}
