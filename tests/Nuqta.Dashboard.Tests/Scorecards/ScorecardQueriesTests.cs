using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Core.Statistics;
using static Nuqta.Dashboard.Tests.Scorecards.ScorecardScenario;

namespace Nuqta.Dashboard.Tests.Scorecards;

public class ScorecardQueriesTests
{
    [Fact]
    public async Task GetWeek_ShowsChangeAndSparkline()
    {
        await using var host = await StartAsync();
        await ImportAsync(host, "v1", Tuesday, Repeat(0.6), Repeat(1000));
        await ImportAsync(host, "v1", Tuesday.AddDays(7), Repeat(0.7), Repeat(1200), trial: 2);

        var scorecard = await host.Get<ScorecardQueries>().GetWeekAsync(Week.Next());

        var row = scorecard.Models.Single().Rows.Single();
        var faithfulness = row.Cells.Single(c => c.MetricKey == "faithfulness");
        var latency = row.Cells.Single(c => c.MetricKey == "latency_ms");
        Assert.Equal(ChangeDirection.Better, faithfulness.Change.Direction);
        Assert.Equal(0.1, faithfulness.Change.Delta!.Value, 9);
        Assert.Equal(ChangeDirection.Worse, latency.Change.Direction);
        Assert.Equal(ScorecardQueries.SparklineWeeks, faithfulness.Sparkline.Count);
        Assert.Equal(0.6, faithfulness.Sparkline[^2]!.Value, 9);
        Assert.Null(faithfulness.Sparkline[0]);
    }

    [Theory]
    [InlineData(0.02, "mean", MetricDirection.HigherIsBetter, ChangeDirection.Better)]
    [InlineData(-0.02, "mean", MetricDirection.HigherIsBetter, ChangeDirection.Worse)]
    [InlineData(120.0, "p95", MetricDirection.LowerIsBetter, ChangeDirection.Worse)]
    [InlineData(0.01, "good-rate", MetricDirection.LowerIsBetter, ChangeDirection.Better)]
    [InlineData(0.5, "mean", MetricDirection.Unknown, ChangeDirection.Unchanged)]
    [InlineData(0.0, "mean", MetricDirection.HigherIsBetter, ChangeDirection.Unchanged)]
    public void DirectionOf_FollowsAggregateAndMetric(double delta, string aggregate, MetricDirection direction, ChangeDirection expected)
    {
        Assert.Equal(expected, ScorecardQueries.DirectionOf(delta, aggregate, direction));
    }

    [Fact]
    public async Task GetWeek_NoPreviousWeek_NotComparable()
    {
        await using var host = await StartAsync();
        await ImportAsync(host, "v1", Tuesday, Repeat(0.6), Repeat(1000));

        var scorecard = await host.Get<ScorecardQueries>().GetWeekAsync(Week);

        var cell = scorecard.Models.Single().Rows.Single().Cells.First();
        Assert.Equal(ChangeDirection.NotComparable, cell.Change.Direction);
        Assert.Contains("2026-W09", cell.Change.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetWeek_NoRuns_ListsModelWithoutRows()
    {
        await using var host = await StartAsync();

        var scorecard = await host.Get<ScorecardQueries>().GetWeekAsync(Week);

        Assert.False(scorecard.HasRuns);
        var model = Assert.Single(scorecard.Models);
        Assert.Empty(model.Rows);
        Assert.True(model.HasProductionVersion);
        Assert.Equal(["v1"], model.ProductionVersions);
    }

    [Fact]
    public async Task GetWeek_BeforeProductionExisted_HasNoProductionVersion()
    {
        await using var host = await StartAsync();

        var scorecard = await host.Get<ScorecardQueries>().GetWeekAsync(Week.Previous());

        Assert.False(scorecard.Models.Single().HasProductionVersion);
    }

    [Fact]
    public async Task GetWeek_UnknownModel_NotFound()
    {
        await using var host = await StartAsync();

        var error = await Assert.ThrowsAsync<NotFoundException>(() => host.Get<ScorecardQueries>().GetWeekAsync(Week, "no-such-model"));

        Assert.Contains("no-such-model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetTrend_ReturnsWeeksAndTargets()
    {
        await using var host = await StartAsync();
        await AddSloAsync(host, "p95 latency", "latency_ms", "p95", SloComparator.AtMost, 2500, minExamples: 5);
        await ImportAsync(host, "v1", Tuesday, Repeat(0.6), Repeat(1000));
        await ImportAsync(host, "v1", Tuesday.AddDays(14), Repeat(0.6), Repeat(3000), trial: 2);

        var trend = await host.Get<ScorecardQueries>().GetTrendAsync(Model, "latency_ms", Week, Week.AddWeeks(3));

        Assert.Equal(4, trend.Weeks.Count);
        var line = Assert.Single(trend.Lines);
        Assert.Equal(["2026-W10", "2026-W12"], line.Points.Select(p => p.Week));
        Assert.Equal(SloStatus.Breached, line.Points[1].Status);
        Assert.Equal(2500, Assert.Single(trend.Targets).Target);
    }

    [Fact]
    public async Task GetTrend_ReversedRange_Rejected()
    {
        await using var host = await StartAsync();

        await Assert.ThrowsAsync<InputValidationException>(() => host.Get<ScorecardQueries>().GetTrendAsync(Model, "faithfulness", Week, Week.Previous()));
        await Assert.ThrowsAsync<NotFoundException>(() => host.Get<ScorecardQueries>().GetTrendAsync(Model, "no_such_metric", Week, Week));
    }

    [Fact]
    public async Task MeetingDeck_ListsWorseChangesFirst()
    {
        await using var host = await StartAsync();
        await ImportAsync(host, "v1", Tuesday, Repeat(0.6), Repeat(1000));
        await ImportAsync(host, "v1", Tuesday.AddDays(7), Repeat(0.7), Repeat(1500), trial: 2);

        var deck = await host.Get<ScorecardQueries>().GetMeetingDeckAsync(Week.Next());

        var slide = Assert.Single(deck.Slides);
        Assert.Equal("latency_ms", slide.BiggestChanges[0].Cell.MetricKey);
        Assert.Equal(ChangeDirection.Worse, slide.BiggestChanges[0].Cell.Change.Direction);
    }
}
