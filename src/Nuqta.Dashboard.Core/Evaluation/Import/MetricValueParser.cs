using System.Globalization;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>What a metric cell contains.</summary>
public enum MetricCellKind
{
    /// <summary>No value: an empty cell, NaN, None, null or N/A. Stored as <see cref="double.NaN"/>.</summary>
    Missing,

    /// <summary>A finite number.</summary>
    Number,

    /// <summary>true/false or pass/fail, stored as 1 or 0.</summary>
    Boolean,

    /// <summary>Infinity, inf, or a number too large for a double (1e309).</summary>
    NonFinite,

    /// <summary>Any other text.</summary>
    Text,
}

/// <summary>One parsed metric cell: its kind and, for numbers and booleans, its value.</summary>
public readonly record struct MetricCell(MetricCellKind Kind, double Value)
{
    public static readonly MetricCell Missing = new(MetricCellKind.Missing, double.NaN);
}

/// <summary>
/// Parses metric values as evaluation tools write them. Numbers use the invariant culture whatever
/// the current culture is, so "0,5" is text, not one half. The value is the nearest double to the
/// written decimal and is never rounded further.
/// </summary>
public static class MetricValueParser
{
    // Spellings of a missing value: NaN and nan (Python float formatting), None (Python), null
    // (JSON) and N/A (spreadsheets). They are compared case-insensitively.
    private static readonly HashSet<string> MissingSpellings = new(StringComparer.OrdinalIgnoreCase)
    {
        "nan", "none", "null", "n/a",
    };

    private static readonly HashSet<string> InfinitySpellings = new(StringComparer.OrdinalIgnoreCase)
    {
        "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity", "∞", "-∞",
    };

    /// <summary>Parses one cell; <paramref name="text"/> is null for an absent field or JSON null.</summary>
    public static MetricCell Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return MetricCell.Missing;
        }

        if (TryParsePlainNumber(text, out var plain))
        {
            return plain;
        }

        var trimmed = text.Trim();
        if (MissingSpellings.Contains(trimmed))
        {
            return MetricCell.Missing;
        }

        if (InfinitySpellings.Contains(trimmed))
        {
            return new MetricCell(MetricCellKind.NonFinite, double.NaN);
        }

        if (TryParseBoolean(trimmed, out var flag))
        {
            return new MetricCell(MetricCellKind.Boolean, flag ? 1 : 0);
        }

        // NumberStyles.Float admits a sign, a decimal point and an exponent, but no thousands
        // separators. An overflowing exponent such as 1e309 parses as infinity, so it is checked.
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return double.IsFinite(number)
                ? new MetricCell(MetricCellKind.Number, number)
                : new MetricCell(MetricCellKind.NonFinite, double.NaN);
        }

        return new MetricCell(MetricCellKind.Text, double.NaN);
    }

    // Most cells of a large file are plain numbers such as 0.8125 or 1200. A cell that starts with a
    // digit, or with a sign or point and then a digit, cannot be one of the missing, infinity or
    // boolean spellings, so it goes straight to the number parser without allocating. Any other
    // cell, or one the number parser rejects, takes the full path in Parse.
    internal static bool TryParsePlainNumber(ReadOnlySpan<char> text, out MetricCell cell)
    {
        cell = default;
        var span = text.Trim();
        if (span.IsEmpty)
        {
            return false;
        }

        var first = span[0];
        var startsLikeNumber = char.IsAsciiDigit(first)
            || (first is '-' or '+' or '.' && span.Length > 1 && (char.IsAsciiDigit(span[1]) || (span[1] == '.' && span.Length > 2 && char.IsAsciiDigit(span[2]))));
        if (!startsLikeNumber || !double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return false;
        }

        cell = double.IsFinite(number)
            ? new MetricCell(MetricCellKind.Number, number)
            : new MetricCell(MetricCellKind.NonFinite, double.NaN);
        return true;
    }

    /// <summary>
    /// Parses true/false (any case, as Python, JSON and spreadsheets write them) and pass/fail.
    /// Digits are not booleans here, so a column of 0 and 1 stays numeric.
    /// </summary>
    public static bool TryParseBoolean(string text, out bool value)
    {
        // An ASCII cell compares without allocating a lower-case copy. Invariant lower-casing maps
        // a few non-ASCII letters onto ASCII ones, so other cells keep the lower-casing below.
        var trimmed = text.AsSpan().Trim();
        if (System.Text.Ascii.IsValid(trimmed))
        {
            value = trimmed.Equals("true", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("pass", StringComparison.OrdinalIgnoreCase);
            return value || trimmed.Equals("false", StringComparison.OrdinalIgnoreCase) || trimmed.Equals("fail", StringComparison.OrdinalIgnoreCase);
        }

        switch (text.Trim().ToLowerInvariant())
        {
            case "true":
            case "pass":
                value = true;
                return true;
            case "false":
            case "fail":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }
}
