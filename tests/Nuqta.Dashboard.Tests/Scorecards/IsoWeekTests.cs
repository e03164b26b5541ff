using Microsoft.Extensions.Time.Testing;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Tests.Scorecards;

public class IsoWeekTests
{
    [Theory]
    [InlineData("2026-W49", 2026, 49)]
    [InlineData("2026-w01", 2026, 1)]
    [InlineData("2026W53", 2026, 53)]
    [InlineData(" 2020-W53 ", 2020, 53)]
    public void Parse_AcceptsIsoWeekText(string text, int year, int week)
    {
        var parsed = IsoWeek.Parse(text);

        Assert.Equal(year, parsed.Year);
        Assert.Equal(week, parsed.Week);
    }

    [Fact]
    public void ToString_PadsWeekToTwoDigits()
    {
        Assert.Equal("2027-W03", new IsoWeek(2027, 3).ToString());
    }

    [Fact]
    public void Parse_Week53OfShortYear_NamesValue()
    {
        var error = Assert.Throws<InputValidationException>(() => IsoWeek.Parse("2025-W53"));

        Assert.Equal("2025-W53", error.Errors[0].Value);
        Assert.Contains("weeks 1 to 52", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2026-49")]
    [InlineData("26-W49")]
    [InlineData("2026-W")]
    [InlineData("2026-W100")]
    [InlineData("2026-W00")]
    [InlineData("2026-W4x")]
    public void Parse_MalformedText_Throws(string text)
    {
        var error = Assert.Throws<InputValidationException>(() => IsoWeek.Parse(text));

        Assert.Equal("week", error.Errors[0].Field);
    }

    [Fact]
    public void TryParse_NonexistentWeek_ReturnsFalse()
    {
        Assert.False(IsoWeek.TryParse("2025-W53", out _));
        Assert.True(IsoWeek.TryParse("2026-W53", out var week));
        Assert.Equal(53, week.Week);
    }

    [Fact]
    public void Week53Of2026_SpansNewYear()
    {
        var week = new IsoWeek(2026, 53);

        Assert.Equal(new DateOnly(2026, 12, 28), week.Monday);
        Assert.Equal(new DateOnly(2027, 1, 3), week.Sunday);
        Assert.Equal(new IsoWeek(2027, 1), week.Next());
        Assert.Equal(new IsoWeek(2026, 52), week.Previous());
    }

    [Theory]
    [InlineData(2027, 1, 1, 2026, 53)]
    [InlineData(2027, 1, 4, 2027, 1)]
    [InlineData(2024, 12, 30, 2025, 1)]
    [InlineData(2026, 12, 4, 2026, 49)]
    [InlineData(2021, 1, 3, 2020, 53)]
    public void Containing_DatesNearYearEnd(int year, int month, int day, int isoYear, int isoWeek)
    {
        Assert.Equal(new IsoWeek(isoYear, isoWeek), IsoWeek.Containing(new DateOnly(year, month, day)));
    }

    [Fact]
    public void AddWeeks_CrossesYearWith53Weeks()
    {
        var week = new IsoWeek(2026, 52);

        Assert.Equal(new IsoWeek(2027, 2), week.AddWeeks(3));
        Assert.Equal(3, week.AddWeeks(3).WeeksSince(week));
    }

    [Fact]
    public void BoundsUtc_InUtc_AreMondayMidnights()
    {
        var (start, end) = new IsoWeek(2026, 53).BoundsUtc(TimeZoneInfo.Utc);

        Assert.Equal(new DateTime(2026, 12, 28, 0, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(new DateTime(2027, 1, 4, 0, 0, 0, DateTimeKind.Utc), end);
        Assert.Equal(DateTimeKind.Utc, start.Kind);
    }

    [Fact]
    public void BoundsUtc_EastOfUtc_StartSundayEvening()
    {
        var riyadh = TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh");

        var (start, end) = new IsoWeek(2026, 49).BoundsUtc(riyadh);

        Assert.Equal(new DateTime(2026, 11, 29, 21, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(new DateTime(2026, 12, 6, 21, 0, 0, DateTimeKind.Utc), end);
    }

    [Fact]
    public void BoundsUtc_DaylightSavingWeek_Is167Hours()
    {
        // New York moves its clocks forward on Sunday 8 March 2026, inside 2026-W10.
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        var (start, end) = new IsoWeek(2026, 10).BoundsUtc(newYork);

        Assert.Equal(new DateTime(2026, 3, 2, 5, 0, 0, DateTimeKind.Utc), start);
        Assert.Equal(new DateTime(2026, 3, 9, 4, 0, 0, DateTimeKind.Utc), end);
        Assert.Equal(TimeSpan.FromHours(167), end - start);
    }

    [Fact]
    public void Calendar_WeekOf_UsesConfiguredZone()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 12, 6, 22, 0, 0, TimeSpan.Zero));
        var utc = new ScorecardCalendar(TimeZoneInfo.Utc, time);
        var riyadh = new ScorecardCalendar(TimeZoneInfo.FindSystemTimeZoneById("Asia/Riyadh"), time);

        // Sunday 22:00 UTC is already Monday 01:00 in Riyadh.
        Assert.Equal(new IsoWeek(2026, 49), utc.CurrentWeek());
        Assert.Equal(new IsoWeek(2026, 50), riyadh.CurrentWeek());
    }

    [Fact]
    public void OptionsValidator_UnknownZone_Fails()
    {
        var validator = new ScorecardOptionsValidator();

        Assert.True(validator.Validate(null, new ScorecardOptions { TimeZone = "UTC" }).Succeeded);
        Assert.True(validator.Validate(null, new ScorecardOptions { TimeZone = "Mars/Olympus" }).Failed);
        Assert.True(validator.Validate(null, new ScorecardOptions { TimeZone = "" }).Failed);
    }
}
