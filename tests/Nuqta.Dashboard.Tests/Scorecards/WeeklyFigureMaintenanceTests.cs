using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Scorecards;
using static Nuqta.Dashboard.Tests.Scorecards.ScorecardScenario;

namespace Nuqta.Dashboard.Tests.Scorecards;

public class WeeklyFigureMaintenanceTests
{
    [Fact]
    public async Task Import_ComputesProductionAndCandidateFigures()
    {
        await using var host = await StartAsync();
        var productionRun = await ImportAsync(host, "v1", Tuesday, [0.2, 0.4, 0.6, 0.8, double.NaN, 1.0], Repeat(1000));
        var candidateRun = await ImportAsync(host, "v2", Tuesday.AddDays(1), Repeat(0.9), Repeat(900));

        var figures = (await LoadFiguresAsync(host, "faithfulness")).Where(f => f.Dimension == null).ToList();

        Assert.Equal(2, figures.Count);
        var production = figures.Single(f => f.Role == FigureRole.Production);
        Assert.Equal("2026-W10", production.Week);
        Assert.Equal("v1", production.VersionLabels);
        Assert.Equal(5, production.Count);
        Assert.Equal(1, production.Missing);
        Assert.Equal(0.6, production.Value!.Value, 12);
        Assert.Equal(2, production.BadCount);
        Assert.Equal(productionRun.ToString(System.Globalization.CultureInfo.InvariantCulture), production.RunIds);
        var candidate = figures.Single(f => f.Role == FigureRole.Candidate);
        Assert.Equal("v2", candidate.VersionLabels);
        Assert.Equal(candidateRun.ToString(System.Globalization.CultureInfo.InvariantCulture), candidate.RunIds);
    }

    [Fact]
    public async Task Trials_PoolIntoOneFigure()
    {
        await using var host = await StartAsync();
        var first = await ImportAsync(host, "v1", Tuesday, Repeat(0.6), [100, 200, 300, 400, 500, 600], trial: 1);
        var second = await ImportAsync(host, "v1", Tuesday.AddHours(1), Repeat(0.8), [700, 800, 900, 1000, 1100, 1200], trial: 2);

        var latency = (await LoadFiguresAsync(host, "latency_ms")).Single(f => f.Dimension == null);
        var faithfulness = (await LoadFiguresAsync(host, "faithfulness")).Single(f => f.Dimension == null);

        Assert.Equal(12, latency.Count);
        // p95 of 100..1200 in steps of 100: h = 11 x 0.95 = 10.45, so 1100 + 0.45 x 100 = 1145.
        Assert.Equal(1145, latency.Value!.Value, 9);
        Assert.Equal(0.7, faithfulness.Value!.Value, 12);
        Assert.Equal($"{first},{second}", faithfulness.RunIds);
    }

    [Fact]
    public async Task ProductionMoveMidWeek_PoolsBothHolders()
    {
        await using var host = await StartAsync();
        await ImportAsync(host, "v1", Tuesday, Repeat(0.6), Repeat(1000));
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero));
        await MoveProductionAsync(host, "v2");
        await ImportAsync(host, "v2", new DateTime(2026, 3, 6, 0, 0, 0, DateTimeKind.Utc), Repeat(0.8), Repeat(1000), trial: 2);

        var figures = (await LoadFiguresAsync(host, "faithfulness")).Where(f => f.Dimension == null).ToList();

        var production = Assert.Single(figures);
        Assert.Equal(FigureRole.Production, production.Role);
        Assert.Equal("v1, v2", production.VersionLabels);
        Assert.Equal(12, production.Count);
    }

    [Fact]
    public async Task RunBeforeAnyProductionHolder_IsCandidate()
    {
        await using var host = await StartAsync();
        await ImportAsync(host, "v1", new DateTime(2026, 2, 24, 0, 0, 0, DateTimeKind.Utc), Repeat(0.6), Repeat(1000));

        var figure = (await LoadFiguresAsync(host, "faithfulness")).Single(f => f.Dimension == null);

        Assert.Equal("2026-W09", figure.Week);
        Assert.Equal(FigureRole.Candidate, figure.Role);
    }

    [Fact]
    public async Task SloStatus_MetBreachedAndInsufficient()
    {
        await using var host = await StartAsync();
        await ImportAsync(host, "v1", Tuesday, Repeat(0.6), [100, 200, 300, 400, 3000, 3000]);
        await ImportAsync(host, "v1", Tuesday.AddDays(7), Repeat(0.6), Repeat(100));
        var latencySlo = await AddSloAsync(host, "p95 latency", "latency_ms", "p95", SloComparator.AtMost, 2500, minExamples: 5);
        var strictSlo = await AddSloAsync(host, "many examples", "faithfulness", "mean", SloComparator.AtLeast, 0.5, minExamples: 7);

        await using var db = host.CreateContext();
        var statuses = await db.SloWeekStatuses.AsNoTracking().OrderBy(s => s.Week).ToListAsync();

        Assert.Equal(SloStatus.Breached, statuses.Single(s => s.SloId == latencySlo && s.Week == "2026-W10").Status);
        Assert.Equal(SloStatus.Met, statuses.Single(s => s.SloId == latencySlo && s.Week == "2026-W11").Status);
        Assert.All(statuses.Where(s => s.SloId == strictSlo), s => Assert.Equal(SloStatus.InsufficientData, s.Status));
    }

    [Fact]
    public async Task Breach_EnqueuesOneEventPerWeek()
    {
        await using var host = await StartAsync();
        await AddSloAsync(host, "faithfulness floor", "faithfulness", "mean", SloComparator.AtLeast, 0.7, minExamples: 3);
        await ImportAsync(host, "v1", Tuesday, Repeat(0.5), Repeat(100), trial: 1);
        await ImportAsync(host, "v1", Tuesday.AddHours(2), Repeat(0.4), Repeat(100), trial: 2);

        await using var db = host.CreateContext();
        var events = await db.OutboundEvents.Where(e => e.Type == EventTypes.SloBreached).ToListAsync();

        var single = Assert.Single(events);
        Assert.Contains("\"week\":\"2026-W10\"", single.PayloadJson, StringComparison.Ordinal);
        Assert.Contains("\"model\":\"support-rag\"", single.PayloadJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SegmentSlo_BreachesOneSegmentOnly()
    {
        await using var host = await StartAsync();
        await AddSloAsync(host, "faithfulness by dialect", "faithfulness", "mean", SloComparator.AtLeast, 0.7, minExamples: 3, dimension: "dialect");
        await ImportAsync(host, "v1", Tuesday, [0.9, 0.9, 0.9, 0.5, 0.6, 0.5], Repeat(100));

        var scorecard = await host.Get<ScorecardQueries>().GetWeekAsync(Week);

        var slos = scorecard.Models.Single().Slos;
        Assert.Equal(SloStatus.Breached, slos.Single(s => s.SegmentValue == "maghrebi").Status);
        Assert.Equal(SloStatus.Met, slos.Single(s => s.SegmentValue == "gulf").Status);
        Assert.True(scorecard.Models.Single().HasBreach);
        var segmentFigures = (await LoadFiguresAsync(host, "faithfulness")).Where(f => f.Dimension == "dialect").ToList();
        Assert.Equal(2, segmentFigures.Count);
    }

    [Fact]
    public async Task ErrorBudget_SpansFourWeeks()
    {
        await using var host = await StartAsync();
        await AddSloAsync(host, "faithful answers", "faithfulness", "good-rate", SloComparator.AtLeast, 0.5, minExamples: 1);

        // One bad example (below 0.5) of six per week for four weeks, then a fifth week with none.
        for (var week = 0; week < 5; week++)
        {
            double[] values = week < 4 ? [0.1, 0.9, 0.9, 0.9, 0.9, 0.9] : Repeat(0.9);
            await ImportAsync(host, "v1", Tuesday.AddDays(7 * week), values, Repeat(100), trial: week + 1);
        }

        var fourth = (await host.Get<ScorecardQueries>().GetWeekAsync(Week.AddWeeks(3))).Models.Single().Slos.Single().Budget!;
        var fifth = (await host.Get<ScorecardQueries>().GetWeekAsync(Week.AddWeeks(4))).Models.Single().Slos.Single().Budget!;

        Assert.Equal(24, fourth.WindowExamples);
        Assert.Equal(4, fourth.WindowBad);
        Assert.Equal(8, fourth.Left, 9);
        Assert.Equal("2026-W10", fourth.FromWeek);
        Assert.Equal(3, fifth.WindowBad);
        Assert.Equal("2026-W11", fifth.FromWeek);
    }

    [Fact]
    public async Task MissingFigures_RecomputedAtStartup()
    {
        await using var host = await StartAsync();
        await ImportAsync(host, "v1", Tuesday, Repeat(0.6), Repeat(100));
        await using (var db = host.CreateContext())
        {
            await db.WeeklyFigures.ExecuteDeleteAsync();
        }

        var computed = await host.Get<WeeklyFigureMaintenance>().RecomputeMissingAsync();

        Assert.Equal(1, computed);
        Assert.NotEmpty(await LoadFiguresAsync(host, "faithfulness"));
    }

    [Fact]
    public async Task SloTargetCheck_ReportsMissedTargets()
    {
        await using var host = await StartAsync();
        await AddSloAsync(host, "p95 latency", "latency_ms", "p95", SloComparator.AtMost, 2500, minExamples: 5);
        await AddSloAsync(host, "faithfulness floor", "faithfulness", "mean", SloComparator.AtLeast, 0.5, minExamples: 5);
        var run = await ImportAsync(host, "v2", Tuesday, Repeat(0.9), Repeat(3000));
        await using var db = host.CreateContext();
        var modelId = await db.Models.Select(m => m.Id).SingleAsync();

        var misses = await host.Get<ISloTargetCheck>().MissedTargetsAsync(modelId, [run]);

        var miss = Assert.Single(misses);
        Assert.Equal("p95 latency", miss.SloName);
        Assert.Contains("3000", miss.Reason, StringComparison.Ordinal);
    }
}
