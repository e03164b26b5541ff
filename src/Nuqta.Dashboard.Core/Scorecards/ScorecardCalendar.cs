using Microsoft.Extensions.Options;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>Maps instants to ISO weeks and back in the configured scorecard time zone.</summary>
public sealed class ScorecardCalendar
{
    public ScorecardCalendar(IOptions<ScorecardOptions> options, TimeProvider time)
        : this(TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone), time)
    {
    }

    public ScorecardCalendar(TimeZoneInfo zone, TimeProvider time)
    {
        Zone = zone;
        Time = time;
    }

    public TimeZoneInfo Zone { get; }

    internal TimeProvider Time { get; }

    /// <summary>Returns the week that contains the UTC instant in the configured time zone.</summary>
    public IsoWeek WeekOf(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Zone);
        return IsoWeek.Containing(DateOnly.FromDateTime(local));
    }

    /// <summary>Returns the week that contains now.</summary>
    public IsoWeek CurrentWeek() => WeekOf(Time.GetUtcNow().UtcDateTime);

    /// <summary>Returns the week's UTC bounds: start inclusive, end exclusive.</summary>
    public (DateTime StartUtc, DateTime EndUtc) Bounds(IsoWeek week) => week.BoundsUtc(Zone);
}
