using System.Globalization;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>
/// The scorecard aggregates a metric or an SLO may name: <c>mean</c>, <c>good-rate</c> (the share
/// of examples that are not bad), or a quantile written <c>p</c> and a percentage strictly between
/// 0 and 100 (<c>p50</c>, <c>p95</c>, <c>p99.9</c>).
/// </summary>
public static class MetricAggregates
{
    public const string Mean = "mean";

    public const string GoodRate = "good-rate";

    /// <summary>Examples for messages that list the valid forms.</summary>
    public const string Forms = "mean, good-rate, or a quantile such as p50, p95 or p99";

    /// <summary>Returns the aggregate in its stored form (trimmed, lower case), or null when it is not one of the valid forms.</summary>
    public static string? Normalize(string? aggregate)
    {
        var value = aggregate?.Trim().ToLowerInvariant();
        if (value is Mean or GoodRate)
        {
            return value;
        }

        return QuantileOf(value) is null ? null : value;
    }

    /// <summary>Returns the quantile's percentage (95 for <c>p95</c>), or null when the text is not a quantile.</summary>
    public static double? QuantileOf(string? aggregate)
    {
        if (aggregate is null || aggregate.Length < 2 || aggregate[0] != 'p')
        {
            return null;
        }

        var number = aggregate[1..];
        if (!number.All(c => char.IsAsciiDigit(c) || c == '.'))
        {
            return null;
        }

        if (!double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percent))
        {
            return null;
        }

        return percent is > 0 and < 100 ? percent : null;
    }
}
