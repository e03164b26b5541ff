using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Nuqta.Dashboard.Components.Pages.Scorecards;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Tests.Components;

/// <summary>The scorecard component's states, rendered from hand-built weeks.</summary>
public sealed class ScorecardViewTests : IAsyncLifetime
{
    private static readonly ScorecardMetricColumn Faithfulness = new(1, "faithfulness", "Faithfulness", "mean", "higher", "", 0, 1);
    private static readonly ScorecardMetricColumn Latency = new(6, "latency_ms", "Latency (ms)", "p95", "lower", "ms", 0, null);
    private static readonly ScorecardMetricColumn CitedSupport = new(7, "cited_support", "Cited support", "good-rate", "higher", "", 0, 1);

    private readonly BunitContext _context = new();

    public Task InitializeAsync()
    {
        _context.Services.AddMudServices();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _context.DisposeAsync();

    private static WeekChange Better(double delta) => new(ChangeDirection.Better, delta, 0.8, "2026-W48", null);

    private static ScorecardCell Cell(
        ScorecardMetricColumn column,
        double? value,
        SloStatus status = SloStatus.NoSlo,
        WeekChange? change = null,
        IReadOnlyList<int>? runIds = null) => new(
        column.Key,
        column.Aggregate,
        value,
        value - 0.01,
        value + 0.01,
        150,
        0,
        3,
        status,
        status == SloStatus.NoSlo ? [] : ["some SLO"],
        change ?? Better(0.02),
        [0.80, null, 0.82, value],
        runIds ?? [41]);

    private static ScorecardRow Row(params ScorecardCell[] cells) =>
        new("support-golden", "2026-10", 3, "regression", ["v1.2"], true, cells, cells.SelectMany(c => c.RunIds).Distinct().ToList());

    private static SloResult Slo(string name, SloStatus status, int examples = 150, ErrorBudget? budget = null) =>
        new(1, name, "cited_support", "good-rate", ">=", 0.9, null, null, status, examples == 0 ? null : 0.88, examples, 18, 20, budget, examples == 0 ? [] : [41], examples == 0 ? null : "support-golden");

    private static ScorecardModel Model(string name, IReadOnlyList<ScorecardRow> rows, IReadOnlyList<SloResult>? slos = null, bool hasProduction = true, IReadOnlyList<ScorecardRow>? candidates = null) =>
        new(1, name, "support", hasProduction ? ["v1.2"] : [], hasProduction, rows, slos ?? [], candidates ?? []);

    private static ScorecardWeek Week(IReadOnlyList<ScorecardModel> models, ScorecardFreezeView? freeze = null, IReadOnlyList<LateRunView>? late = null) => new(
        "2026-W49",
        "UTC",
        new DateTime(2026, 11, 30, 0, 0, 0, DateTimeKind.Utc),
        new DateTime(2026, 12, 7, 0, 0, 0, DateTimeKind.Utc),
        "2026-W48",
        "2026-W50",
        freeze,
        [Faithfulness, Latency, CitedSupport],
        models,
        late ?? [],
        null);

    private IRenderedComponent<ScorecardView> Render(ScorecardWeek week) =>
        _context.Render<ScorecardView>(p => p.Add(c => c.Scorecard, week));

    [Fact]
    public void Breach_ColoursCellAndSortsModelFirst()
    {
        var calm = Model("legal-qa", [Row(Cell(Faithfulness, 0.9, SloStatus.Met))]);
        var breached = Model("support-rag", [Row(Cell(Latency, 2730, SloStatus.Breached))]);

        var view = Render(Week([calm, breached]));

        var sections = view.FindAll("[data-testid=scorecard-model]");
        Assert.Equal("support-rag", sections[0].GetAttribute("data-model"));
        var cell = view.Find("[data-model=support-rag] td[data-metric=latency_ms]");
        Assert.Equal("breached", cell.GetAttribute("data-status"));
        Assert.Contains("slo-breached", cell.ClassName);
        Assert.Contains("breached", cell.TextContent);
        Assert.Contains("2,730 ms", cell.TextContent);
        Assert.NotNull(view.Find("[data-model=support-rag] [data-testid=model-breach]"));
    }

    [Fact]
    public void Met_ColoursCellGreen()
    {
        var view = Render(Week([Model("support-rag", [Row(Cell(CitedSupport, 0.934, SloStatus.Met))])]));

        var cell = view.Find("td[data-metric=cited_support]");
        Assert.Equal("met", cell.GetAttribute("data-status"));
        Assert.Contains("slo-met", cell.ClassName);
        Assert.Contains("93.4 %", cell.TextContent);
        Assert.Empty(view.FindAll("[data-testid=model-breach]"));
    }

    [Fact]
    public void InsufficientData_LabelsCellAndSlo()
    {
        var slos = new[] { Slo("cited support", SloStatus.InsufficientData, examples: 0) };
        var view = Render(Week([Model("support-rag", [Row(Cell(CitedSupport, 0.95, SloStatus.InsufficientData))], slos)]));

        var cell = view.Find("td[data-metric=cited_support]");
        Assert.Equal("insufficient", cell.GetAttribute("data-status"));
        Assert.Contains("insufficient data", cell.TextContent);
        var slo = view.Find("[data-testid=slo-results] tr[data-slo='cited support']");
        Assert.Contains("no data: no run in scope", slo.TextContent);
        Assert.Contains("none in scope", slo.TextContent);
        Assert.Equal("insufficient data", slo.GetAttribute("data-status"));
    }

    [Fact]
    public void NotComparable_ShowsReasonInsteadOfDelta()
    {
        var change = WeekChange.NotComparable("Last week's regression runs used dataset version 2026-09.");
        var view = Render(Week([Model("support-rag", [Row(Cell(Faithfulness, 0.81, change: change))])]));

        var changeText = view.Find("td[data-metric=faithfulness] .score-change");
        Assert.Equal("notcomparable", changeText.GetAttribute("data-change"));
        Assert.Equal("not comparable", changeText.TextContent.Trim());
        Assert.Equal("Last week's regression runs used dataset version 2026-09.", changeText.GetAttribute("title"));
    }

    [Fact]
    public void Change_ShowsDirectionAndSignedDelta()
    {
        var worse = new WeekChange(ChangeDirection.Worse, -0.104, 0.91, "2026-W48", null);
        var view = Render(Week([Model("support-rag", [Row(Cell(Faithfulness, 0.806, change: worse))])]));

        var changeText = view.Find("td[data-metric=faithfulness] .score-change");
        Assert.Contains("change-worse", changeText.ClassName);
        Assert.Contains("▼ worse −0.104", changeText.TextContent);
    }

    [Fact]
    public void NoRuns_ShowsEmptyState()
    {
        var view = Render(Week([Model("support-rag", [])]));

        var empty = view.Find("[data-testid=scorecard-no-runs]");
        Assert.Contains("No runs in 2026-W49", empty.TextContent);
        Assert.Empty(view.FindAll("[data-testid=scorecard-model]"));
    }

    [Fact]
    public void NoProductionVersion_ExplainsAndListsCandidates()
    {
        var candidate = Row(Cell(Faithfulness, 0.7)) with { Versions = ["v2.0"] };
        var view = Render(Week([Model("support-rag", [], hasProduction: false, candidates: [candidate])]));

        Assert.Contains("No version held production", view.Find("[data-testid=no-production-version]").TextContent);
        Assert.Contains("v2.0", view.Find("[data-testid=candidates]").TextContent);
    }

    [Fact]
    public void Figures_LinkToEveryRunBehindThem()
    {
        var view = Render(Week([Model("support-rag", [Row(Cell(Faithfulness, 0.81, runIds: [41, 42]))])]));

        var links = view.FindAll("td[data-metric=faithfulness] a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/runs/41", links);
        Assert.Contains("/runs/42", links);
    }

    [Fact]
    public void Sparkline_DrawsPresentWeeksOnly()
    {
        var view = Render(Week([Model("support-rag", [Row(Cell(Faithfulness, 0.84))])]));

        var svg = view.Find("td[data-metric=faithfulness] svg.sparkline");
        Assert.Contains("—", svg.GetAttribute("aria-label"));
        // 0.80 is a lone point before the gap, and 0.82 and 0.84 form one line.
        Assert.Single(view.FindAll("td[data-metric=faithfulness] svg.sparkline polyline"));
    }

    [Fact]
    public void ErrorBudget_ShowsLeftAndFastBurn()
    {
        var budget = new ErrorBudget("2026-W46", "2026-W49", 600, 40, 60, 20, 20.0 / 60, 2.4, 0.67, FastBurn: true, SlowBurn: false);
        var slos = new[] { Slo("cited support", SloStatus.Breached, budget: budget) };
        var view = Render(Week([Model("support-rag", [Row(Cell(CitedSupport, 0.88, SloStatus.Breached))], slos)]));

        Assert.NotNull(view.Find("[data-testid=slo-results] tr[data-dataset=support-golden]"));
        var cell = view.Find("[data-testid=error-budget]");
        Assert.Contains("33 % left: 40 bad of 60 allowed (2026-W46 to 2026-W49)", cell.TextContent);
        Assert.Contains("fast burn 2.4x", view.Find("[data-testid=fast-burn]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=slow-burn]"));
    }

    [Fact]
    public void ErrorBudget_SpentSaysSoWithSlowBurn()
    {
        var budget = new ErrorBudget("2026-W46", "2026-W49", 400, 46, 40, -6, -0.15, 0.5, 1.16, FastBurn: false, SlowBurn: true);
        var slos = new[] { Slo("cited support", SloStatus.Met, budget: budget) };
        var view = Render(Week([Model("support-rag", [Row(Cell(CitedSupport, 0.95, SloStatus.Met))], slos)]));

        Assert.Contains("budget spent: 46 bad of 40 allowed (2026-W46 to 2026-W49)", view.Find("[data-testid=error-budget]").TextContent);
        Assert.Contains("slow burn 1.2x", view.Find("[data-testid=slow-burn]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=fast-burn]"));
    }

    [Fact]
    public void Frozen_ShowsBannerAndLateRuns()
    {
        var freeze = new ScorecardFreezeView("2026-W49", new DateTime(2026, 12, 4, 16, 0, 0, DateTimeKind.Utc), "Olfa Owner", "ab12cd34ef56ab12cd34ef56");
        var late = new LateRunView(77, "support-rag", "v1.2", "support-traffic", "2026-W49", "production-sample", new DateTime(2026, 12, 3, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 4, 17, 0, 0, DateTimeKind.Utc));
        var view = Render(Week([Model("support-rag", [Row(Cell(Faithfulness, 0.81))])], freeze, [late]));

        Assert.Contains("Frozen by Olfa Owner on 2026-12-04 16:00 UTC", view.Find("[data-testid=frozen-banner]").TextContent);
        var flags = view.Find("[data-testid=arrived-after-freeze]");
        Assert.Contains("arrived after freeze", flags.TextContent);
        Assert.Equal("/runs/77", flags.QuerySelector("a")!.GetAttribute("href"));
    }
}
