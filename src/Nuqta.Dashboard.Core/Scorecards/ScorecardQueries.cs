using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Scorecards;

// TODO: remove once the method bodies use every dependency.
#pragma warning disable CS9113
/// <summary>
/// Reads the weekly scorecard, trends and the meeting deck from the materialised weekly figures
/// and SLO statuses; a request never reads the stored metric arrays. A frozen week is read from
/// its snapshot.
/// </summary>
public sealed partial class ScorecardQueries(IDbContextFactory<NuqtaDbContext> contexts, ScorecardCalendar calendar)
{
    /// <summary>Returns the scorecard of <paramref name="week"/>, for all models or for the one named.</summary>
    /// <exception cref="Common.NotFoundException">No model has the name <paramref name="model"/>.</exception>
    public Task<ScorecardWeek> GetWeekAsync(IsoWeek week, string? model = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Returns one model's weekly figure of one metric from <paramref name="fromWeek"/> to <paramref name="toWeek"/>, inclusive.</summary>
    /// <exception cref="Common.NotFoundException">The model or the metric does not exist.</exception>
    /// <exception cref="Common.InputValidationException">The range is reversed or longer than 260 weeks.</exception>
    public Task<TrendSeries> GetTrendAsync(string model, string metric, IsoWeek fromWeek, IsoWeek toWeek, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Returns the week's scorecard as meeting slides: one per model, breaches and biggest changes first.</summary>
    public Task<MeetingDeck> GetMeetingDeckAsync(IsoWeek week, string? model = null, CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>Returns the current week, the first and last weeks with figures, and the frozen weeks.</summary>
    public Task<ScorecardWeekRange> GetWeekRangeAsync(CancellationToken cancellationToken = default) =>
        throw new NotImplementedException();

    /// <summary>The week that contains now in the configured time zone.</summary>
    public IsoWeek CurrentWeek() => calendar.CurrentWeek();
}
