using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

/// <summary>
/// The demo database contains the cases that the scorecard, comparison and rollback pages show. These
/// tests seed it through the real start-up and check each case with the app's own queries.
/// </summary>
public sealed class DemoDataTests : IClassFixture<DemoDataTests.DemoApp>
{
    private const string DemoKey = "demo-key-integration-0123456789";
    private readonly NuqtaAppFactory _app;

    public DemoDataTests(DemoApp app) => _app = app.Factory;

    [Fact]
    public async Task Demo_SpreadsRunsOverThirteenIsoWeeks()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<NuqtaDbContext>>().CreateDbContextAsync();
        var runs = await db.EvaluationRuns.Where(r => r.State == StoreState.Committed).Select(r => r.EvaluatedAtUtc).ToListAsync();

        var weeks = runs.Select(t => (ISOWeek.GetYear(t), ISOWeek.GetWeekOfYear(t))).Distinct().Count();
        Assert.Equal(13, weeks);
        Assert.All(runs, t => Assert.True(t <= _app.Time.GetUtcNow().UtcDateTime, $"run evaluated in the future at {t:O}"));
    }

    [Fact]
    public async Task Demo_EvaluatesEachWeeksProductionHolder()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<NuqtaDbContext>>().CreateDbContextAsync();
        var goldenRuns = await db.EvaluationRuns
            .Where(r => r.ModelVersion!.Model!.Name == "support-rag" && r.DatasetVersion!.Dataset!.Name == "support-golden" && r.Trial == 1)
            .OrderBy(r => r.EvaluatedAtUtc)
            .Select(r => new { r.EvaluatedAtUtc, r.ModelVersion!.Label })
            .ToListAsync();

        var holders = goldenRuns.Where(r => r.Label != "v2.0").Select(r => r.Label).Distinct().ToList();
        Assert.Equal(["v1.1", "v1.2"], holders);
        Assert.Equal(2, goldenRuns.Count(r => r.Label == "v2.0"));
    }

    [Fact]
    public async Task Demo_CandidateRegressesOnlyInMaghrebiDialect()
    {
        using var client = _app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", DemoKey);

        var response = await client.PostAsJsonAsync("/api/v1/comparisons", new
        {
            model = "support-rag",
            candidateVersion = "v2.0",
            baselineVersion = "v1.2",
            dataset = "support-golden",
            datasetVersion = "2026-10",
            segments = new[] { "dialect" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var regressions = body.GetProperty("cells").EnumerateArray()
            .Where(c => c.GetProperty("verdict").GetString() == "Regression")
            .Select(c => (Metric: c.GetProperty("metric").GetString(), Segment: c.GetProperty("segment").GetString()))
            .ToList();
        Assert.Equal([("faithfulness", "maghrebi")], regressions.Distinct());
        Assert.Equal("fail", body.GetProperty("gate").GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task Demo_LegalQaCitedSupportFell()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<NuqtaDbContext>>().CreateDbContextAsync();
        var cited = await db.Metrics.SingleAsync(m => m.Key == "cited_support");
        var rates = await (
            from a in db.RunAggregates
            join r in db.EvaluationRuns on a.RunId equals r.Id
            where a.MetricId == cited.Id && a.Dimension == null && r.ModelVersion!.Model!.Name == "legal-qa"
            select new { r.ModelVersion!.Label, GoodRate = (double)(a.Count - a.BadCount) / a.Count })
            .ToListAsync();

        Assert.Contains(rates, r => r.Label == "2026.11");

        Assert.All(rates.Where(r => r.Label == "2026.11"), r => Assert.True(r.GoodRate < 0.9, $"2026.11 good-rate {r.GoodRate}"));
        Assert.All(rates.Where(r => r.Label != "2026.11"), r => Assert.True(r.GoodRate >= 0.9, $"{r.Label} good-rate {r.GoodRate}"));
    }

    /// <summary>The app in demo mode on its own data folder, seeded once for the class.</summary>
    public sealed class DemoApp : IDisposable
    {
        public NuqtaAppFactory Factory { get; } = new(settings: new Dictionary<string, string>
        {
            ["Demo:Enabled"] = "true",
            ["Demo:ApiKey"] = DemoKey,
        });

        public void Dispose() => Factory.Dispose();
    }
}
