using System.Globalization;
using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>
/// An ISO 8601 week (Monday start; week 1 contains the year's first Thursday), written
/// <c>2026-W49</c>. Years have 52 or 53 weeks, so 2026-W53 exists (28 December 2026 to
/// 3 January 2027) and 2025-W53 does not.
/// </summary>
public readonly record struct IsoWeek : IComparable<IsoWeek>
{
    /// <summary>Creates a week after checking that the year has it.</summary>
    /// <exception cref="InputValidationException">The year is outside 1-9998 or has no such week.</exception>
    public IsoWeek(int year, int week)
    {
        if (year is < 1 or > 9998)
        {
            throw new InputValidationException($"Year {year} is outside the supported range 1 to 9998.", "week", year.ToString(CultureInfo.InvariantCulture));
        }

        var weeksInYear = ISOWeek.GetWeeksInYear(year);
        if (week < 1 || week > weeksInYear)
        {
            var text = $"{year:D4}-W{week:D2}";
            throw new InputValidationException($"The week {text} does not exist: ISO year {year} has weeks 1 to {weeksInYear}.", "week", text);
        }

        Year = year;
        Week = week;
    }

    /// <summary>ISO week-numbering year, which differs from the calendar year near 1 January.</summary>
    public int Year { get; }

    public int Week { get; }

    /// <summary>The Monday that starts the week.</summary>
    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    /// <summary>The Sunday that ends the week.</summary>
    public DateOnly Sunday => Monday.AddDays(6);

    /// <summary>Returns the week that contains the date.</summary>
    public static IsoWeek Containing(DateOnly date)
    {
        var day = date.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(day), ISOWeek.GetWeekOfYear(day));
    }

    /// <summary>
    /// Parses <c>2026-W49</c> (also <c>2026-w49</c> and <c>2026W49</c>).
    /// </summary>
    /// <exception cref="InputValidationException">The text is not a week or names a week the year does not have.</exception>
    public static IsoWeek Parse(string? text)
    {
        if (TryParseParts(text, out var year, out var week))
        {
            return new IsoWeek(year, week);
        }

        throw new InputValidationException(
            $"'{text}' is not an ISO week; write the year, 'W' and the week number, for example 2026-W49.", "week", text);
    }

    /// <summary>Parses like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        if (!TryParseParts(text, out var year, out var number) || year is < 1 or > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    public IsoWeek AddWeeks(int weeks) => Containing(Monday.AddDays(7 * weeks));

    public IsoWeek Previous() => AddWeeks(-1);

    public IsoWeek Next() => AddWeeks(1);

    /// <summary>Returns the number of weeks from <paramref name="other"/> to this week (negative when this week is earlier).</summary>
    public int WeeksSince(IsoWeek other) => (Monday.DayNumber - other.Monday.DayNumber) / 7;

    /// <summary>
    /// Returns the week's start and end as UTC instants in <paramref name="zone"/>: from Monday 00:00
    /// local time, inclusive, to the next Monday 00:00, exclusive. A local midnight that a daylight
    /// saving change skips maps to the first valid instant after it.
    /// </summary>
    public (DateTime StartUtc, DateTime EndUtc) BoundsUtc(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return (LocalMidnightToUtc(Monday, zone), LocalMidnightToUtc(Monday.AddDays(7), zone));
    }

    public int CompareTo(IsoWeek other) => Year != other.Year ? Year.CompareTo(other.Year) : Week.CompareTo(other.Week);

    public static bool operator <(IsoWeek left, IsoWeek right) => left.CompareTo(right) < 0;

    public static bool operator >(IsoWeek left, IsoWeek right) => left.CompareTo(right) > 0;

    public static bool operator <=(IsoWeek left, IsoWeek right) => left.CompareTo(right) <= 0;

    public static bool operator >=(IsoWeek left, IsoWeek right) => left.CompareTo(right) >= 0;

    /// <summary>Formats the week as <c>2026-W49</c>; this text sorts in week order and is the stored key.</summary>
    public override string ToString() => $"{Year:D4}-W{Week:D2}";

    private static DateTime LocalMidnightToUtc(DateOnly date, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        // An ambiguous local time (a clock set back over midnight) takes its earlier instant.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    private static bool TryParseParts(string? text, out int year, out int week)
    {
        year = 0;
        week = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var marker = trimmed.IndexOfAny(['W', 'w']);
        if (marker < 4)
        {
            return false;
        }

        var yearPart = trimmed[..marker].TrimEnd('-');
        var weekPart = trimmed[(marker + 1)..];
        return yearPart.Length == 4 && weekPart.Length is 1 or 2
            && int.TryParse(yearPart, NumberStyles.None, CultureInfo.InvariantCulture, out year)
            && int.TryParse(weekPart, NumberStyles.None, CultureInfo.InvariantCulture, out week);
    }
}
