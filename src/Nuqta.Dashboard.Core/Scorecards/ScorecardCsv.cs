namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>Writes a week's scorecard as CSV, one line per row and metric, with formula injection neutralised.</summary>
public static class ScorecardCsv
{
    public static string Write(ScorecardWeek scorecard) => throw new NotImplementedException();
}
