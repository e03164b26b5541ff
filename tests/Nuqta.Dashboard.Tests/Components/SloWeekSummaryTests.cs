using Nuqta.Dashboard.Components.Pages.Releases;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Tests.Components;

public sealed class SloWeekSummaryTests
{
    [Fact]
    public void Summary_ListsBreachesWithSegments()
    {
        var week = Week(Model("legal-qa",
            Slo("cited support", SloStatus.Breached),
            Slo("faithfulness", SloStatus.Breached, "category", "contracts"),
            Slo("latency", SloStatus.Met),
            Slo("toxicity", SloStatus.InsufficientData)));

        var summary = SloWeekSummary.Of(week, "legal-qa");

        Assert.Equal(3, summary.Judged);
        Assert.Equal(["cited support", "faithfulness (category=contracts)"], summary.Breached);
        Assert.Equal(1, summary.InsufficientData);
        Assert.Equal("2026-W49", summary.Week);
    }

    [Fact]
    public void Summary_IgnoresSlosThatJudgeNothing()
    {
        var week = Week(Model("support-rag", Slo("latency", SloStatus.NoSlo), Slo("toxicity", SloStatus.Met)));

        var summary = SloWeekSummary.Of(week, "SUPPORT-RAG");

        Assert.Equal(1, summary.Judged);
        Assert.Empty(summary.Breached);
    }

    [Fact]
    public void Summary_ModelWithoutFiguresHasNone()
    {
        var summary = SloWeekSummary.Of(Week(Model("support-rag", Slo("toxicity", SloStatus.Met))), "legal-qa");

        Assert.Equal(0, summary.Judged);
        Assert.Empty(summary.Breached);
        Assert.Equal(0, summary.InsufficientData);
    }

    private static ScorecardWeek Week(params ScorecardModel[] models) =>
        new("2026-W49", "UTC", new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc),
            "2026-W48", null, null, [], models, [], null);

    private static ScorecardModel Model(string name, params SloResult[] slos) =>
        new(1, name, "team", ["v1"], true, [], slos, []);

    private static SloResult Slo(string name, SloStatus status, string? dimension = null, string? segment = null) =>
        new(1, name, "metric", "mean", ">=", 0.9, dimension, segment, status, 0.8, 100, 20, 20, null, []);
}
