using System.Globalization;

namespace Nuqta.Dashboard.Components.Pages.Runs;

/// <summary>
/// Number formats of metric values. Every number uses the invariant culture, so a decimal point
/// never turns into a comma on a server with another culture.
/// </summary>
public static class MetricFormat
{
    /// <summary>Text shown for a value that does not exist, such as the mean of no examples.</summary>
    public const string None = "—";

    /// <summary>
    /// Returns the number of decimals for a metric: none for milliseconds, 3 when every value lies
    /// in -1 to 1 (scores and rates), 2 up to 100, 1 up to 10,000 and none above.
    /// </summary>
    /// <param name="unit">The metric's unit from the catalogue, or null when the metric is not catalogued.</param>
    /// <param name="values">Values that the table shows for the metric; nulls and non-finite values are ignored.</param>
    public static int DecimalsFor(string? unit, IEnumerable<double?> values)
    {
        if (string.Equals(unit, "ms", StringComparison.OrdinalIgnoreCase))
        {
            return 0;
        }

        var largest = values.OfType<double>().Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        return largest switch
        {
            <= 1 => 3,
            <= 100 => 2,
            <= 10_000 => 1,
            _ => 0,
        };
    }

    /// <summary>
    /// Formats a value with a fixed number of decimals, or returns <see cref="None"/> for null or
    /// non-finite values. A non-zero value that the decimals would round to zero (a cost of
    /// 0.000007 per call) keeps three significant digits instead, so it does not read as 0.
    /// </summary>
    public static string Format(double? value, int decimals)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            return None;
        }

        if (v != 0 && Math.Abs(v) < 0.5 * Math.Pow(10, -decimals))
        {
            return v.ToString("G3", CultureInfo.InvariantCulture);
        }

        return v.ToString("F" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a difference with its sign, "+0.082" or "-0.082", so that a gain never reads like a level.</summary>
    public static string FormatSigned(double? value, int decimals) =>
        value is { } v && v > 0 ? "+" + Format(v, decimals) : Format(value, decimals);

    /// <summary>Formats a 95 % interval as "[lower, upper]", or returns an empty string when either end is missing.</summary>
    public static string Interval(double? lower, double? upper, int decimals) =>
        lower is { } l && upper is { } u && double.IsFinite(l) && double.IsFinite(u)
            ? $"[{Format(l, decimals)}, {Format(u, decimals)}]"
            : "";

    /// <summary>Formats a count with its share of a total, for example "47 (37.0 %)".</summary>
    public static string CountWithShare(int count, int total) =>
        total > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{count} ({100.0 * count / total:F1} %)")
            : count.ToString(CultureInfo.InvariantCulture);
}
