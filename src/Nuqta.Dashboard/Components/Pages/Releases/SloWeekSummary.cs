using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Components.Pages.Releases;

/// <summary>The results of a model's SLOs in one week, reduced to what one overview cell can show.</summary>
/// <param name="Judged">SLOs that reached met or breached this week.</param>
/// <param name="Breached">Names of the breached SLOs, each with its segment when it has one.</param>
/// <param name="InsufficientData">SLOs whose week had fewer examples than their minimum.</param>
public sealed record SloWeekSummary(string Week, int Judged, IReadOnlyList<string> Breached, int InsufficientData)
{
    /// <summary>Summarises the model's SLO results in the week; a model absent from the week has none.</summary>
    public static SloWeekSummary Of(ScorecardWeek week, string model)
    {
        var slos = week.Models.FirstOrDefault(m => string.Equals(m.Name, model, StringComparison.OrdinalIgnoreCase))?.Slos ?? [];
        var breached = slos
            .Where(s => s.Status == SloStatus.Breached)
            .Select(s => s.SegmentValue is null ? s.Name : $"{s.Name} ({s.Dimension}={s.SegmentValue})")
            .ToList();
        var judged = slos.Count(s => s.Status is SloStatus.Met or SloStatus.Breached);
        var insufficient = slos.Count(s => s.Status == SloStatus.InsufficientData);
        return new SloWeekSummary(week.Week, judged, breached, insufficient);
    }
}
