using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

public sealed class ComparisonApiTests
{
    /// <summary>Examples per language; above the built-in metrics' minimum of 20.</summary>
    private const int PerLanguage = 60;

    [Fact]
    public async Task Comparison_FindsPlantedSegmentRegression()
    {
        using var app = new NuqtaAppFactory();
        using var client = await SetUpAsync(app);
        int v1Run = await ImportAsync(client, "v1", Faithfulness(arabicDrop: 0.0));
        int v2Run = await ImportAsync(client, "v2", Faithfulness(arabicDrop: 0.15));

        var response = await client.PostAsJsonAsync("/api/v1/comparisons", new { candidateRunIds = new[] { v2Run }, baselineRunIds = new[] { v1Run }, seed = 42 });
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var cells = body.GetProperty("cells").EnumerateArray().ToList();
        var arabic = Cell(cells, "ar");
        Assert.Equal("Regression", arabic.GetProperty("verdict").GetString());
        Assert.Equal(PerLanguage, arabic.GetProperty("candidateCount").GetInt32());
        Assert.Equal(-0.15, arabic.GetProperty("difference").GetDouble(), 1e-9);
        Assert.True(arabic.GetProperty("qValue").GetDouble() < 0.05);
        Assert.NotEqual("Regression", Cell(cells, "en").GetProperty("verdict").GetString());
        Assert.Equal("fail", body.GetProperty("gate").GetProperty("verdict").GetString());
        var reasons = body.GetProperty("gate").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains(reasons, r => r.StartsWith("faithfulness mean in lang=ar regressed", StringComparison.Ordinal));

        int id = body.GetProperty("id").GetInt32();
        var saved = await ApiAccessTests.ProblemAsync(await client.GetAsync($"/api/v1/comparisons/{id}"));
        Assert.Equal(id, saved.GetProperty("id").GetInt32());
        Assert.Equal("Regression", Cell(saved.GetProperty("cells").EnumerateArray().ToList(), "ar").GetProperty("verdict").GetString());
        Assert.Equal(42, saved.GetProperty("seed").GetInt64());
        Assert.Equal("fail", saved.GetProperty("gate").GetProperty("verdict").GetString());

        var audit = await app.Services.GetRequiredService<Core.Audit.AuditQuery>().ListAsync(Actor.System, new Core.Audit.AuditFilter(Action: "comparison.saved"));
        Assert.Single(audit.Items);
    }

    [Fact]
    public async Task GateCheck_FailsAgainstProduction()
    {
        // The scorecards register a real SLO check; this test covers a host without one.
        using var app = new NuqtaAppFactory { ConfigureServices = services => services.RemoveAll<ISloTargetCheck>() };
        using var client = await SetUpAsync(app);
        await ImportAsync(client, "v1", Faithfulness(arabicDrop: 0.0));
        await ImportAsync(client, "v2", Faithfulness(arabicDrop: 0.15));
        var check = new { model = "support-rag", candidateVersion = "v2", dataset = "support-qa", datasetVersion = "v1" };

        var before = await ApiAccessTests.ProblemAsync(await client.PostAsJsonAsync("/api/v1/gates/check", check));
        Assert.Equal("inconclusive", before.GetProperty("verdict").GetString());
        Assert.Contains("no baseline", before.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(GateEvaluator.NoSloCheckReason, before.GetProperty("reasons")[1].GetString());

        await app.Services.GetRequiredService<ModelRegistry>().SetAliasAsync(Actor.System, "support-rag", "production", new SetAliasRequest("v1", 0, "first release"));
        var response = await client.PostAsJsonAsync("/api/v1/gates/check", check);
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fail", body.GetProperty("verdict").GetString());
        Assert.Equal("v1", body.GetProperty("baselineVersion").GetString());
    }

    [Fact]
    public async Task Comparison_RejectsMixedRequestForms()
    {
        using var app = new NuqtaAppFactory();
        using var client = await SetUpAsync(app);
        int v1Run = await ImportAsync(client, "v1", Faithfulness(arabicDrop: 0.0));

        var response = await client.PostAsJsonAsync("/api/v1/comparisons", new { candidateRunIds = new[] { v1Run }, baselineRunIds = new[] { v1Run }, model = "support-rag" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GateCheck_JudgesFirstReleaseOnSlos()
    {
        var slos = new FakeSloTargetCheck([new SloTargetMiss(7, "p95 latency", null, "p95 latency_ms is 2,810, above the target of 2,500.")]);
        using var app = new NuqtaAppFactory { ConfigureServices = services => services.AddSingleton<ISloTargetCheck>(slos) };
        using var client = await SetUpAsync(app);
        int v2Run = await ImportAsync(client, "v2", Faithfulness(arabicDrop: 0.0));

        var response = await client.PostAsJsonAsync("/api/v1/gates/check", new { model = "support-rag", candidateVersion = "v2", dataset = "support-qa", datasetVersion = "v1" });
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("fail", body.GetProperty("verdict").GetString());
        var reasons = body.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains("no baseline", reasons[0], StringComparison.Ordinal);
        Assert.Equal("SLO p95 latency missed: p95 latency_ms is 2,810, above the target of 2,500.", reasons[1]);
        var call = Assert.Single(slos.Calls);
        Assert.Equal([v2Run], call.RunIds);
    }

    [Fact]
    public async Task GateCheck_FirstReleasePassesWhenSlosMet()
    {
        using var app = new NuqtaAppFactory { ConfigureServices = services => services.AddSingleton<ISloTargetCheck>(new FakeSloTargetCheck([])) };
        using var client = await SetUpAsync(app);
        await ImportAsync(client, "v2", Faithfulness(arabicDrop: 0.0));

        var body = await ApiAccessTests.ProblemAsync(await client.PostAsJsonAsync("/api/v1/gates/check", new { model = "support-rag", candidateVersion = "v2", dataset = "support-qa", datasetVersion = "v1" }));

        Assert.Equal("pass", body.GetProperty("verdict").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("baselineVersion").ValueKind);
        Assert.Contains("absolute SLO targets alone", body.GetProperty("reasons")[1].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GateCheck_InconclusiveWithoutProductionRuns()
    {
        // The scorecards register a real SLO check; this test covers a host without one.
        using var app = new NuqtaAppFactory { ConfigureServices = services => services.RemoveAll<ISloTargetCheck>() };
        using var client = await SetUpAsync(app);
        await ImportAsync(client, "v2", Faithfulness(arabicDrop: 0.0));
        await app.Services.GetRequiredService<ModelRegistry>().SetAliasAsync(Actor.System, "support-rag", "production", new SetAliasRequest("v1", 0, "first release"));

        var response = await client.PostAsJsonAsync("/api/v1/gates/check", new { model = "support-rag", candidateVersion = "v2", dataset = "support-qa", datasetVersion = "v1" });
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("inconclusive", body.GetProperty("verdict").GetString());
        Assert.Equal("v1", body.GetProperty("baselineVersion").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("comparison").ValueKind);
        var reasons = body.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.StartsWith("The production version v1 has no committed runs on support-qa/v1", reasons[0], StringComparison.Ordinal);
        Assert.Equal(GateEvaluator.NoSloCheckReason, reasons[1]);
    }

    [Fact]
    public async Task GateCheck_SloMissWithoutProductionRuns()
    {
        var slos = new FakeSloTargetCheck([new SloTargetMiss(2, "cited support", "ar", "good-rate 0.82 is below 0.90.")]);
        using var app = new NuqtaAppFactory { ConfigureServices = services => services.AddSingleton<ISloTargetCheck>(slos) };
        using var client = await SetUpAsync(app);
        await ImportAsync(client, "v2", Faithfulness(arabicDrop: 0.0));
        await app.Services.GetRequiredService<ModelRegistry>().SetAliasAsync(Actor.System, "support-rag", "production", new SetAliasRequest("v1", 0, "first release"));

        var body = await ApiAccessTests.ProblemAsync(await client.PostAsJsonAsync("/api/v1/gates/check", new { model = "support-rag", candidateVersion = "v2", dataset = "support-qa", datasetVersion = "v1" }));

        Assert.Equal("fail", body.GetProperty("verdict").GetString());
        Assert.Equal("SLO cited support in segment ar missed: good-rate 0.82 is below 0.90.", body.GetProperty("reasons")[1].GetString());
    }

    [Fact]
    public async Task Comparison_SloMissFailsSavedGate()
    {
        var slos = new FakeSloTargetCheck([new SloTargetMiss(7, "p95 latency", null, "p95 latency_ms is 2,810, above the target of 2,500.")]);
        using var app = new NuqtaAppFactory { ConfigureServices = services => services.AddSingleton<ISloTargetCheck>(slos) };
        using var client = await SetUpAsync(app);
        int v1Run = await ImportAsync(client, "v1", Faithfulness(arabicDrop: 0.0));
        int v2Run = await ImportAsync(client, "v2", Faithfulness(arabicDrop: 0.0));

        var body = await ApiAccessTests.ProblemAsync(await client.PostAsJsonAsync("/api/v1/comparisons", new { candidateRunIds = new[] { v2Run }, baselineRunIds = new[] { v1Run } }));

        Assert.Equal("fail", body.GetProperty("gate").GetProperty("verdict").GetString());
        var reasons = body.GetProperty("gate").GetProperty("reasons").EnumerateArray().Select(r => r.GetString()!).ToList();
        Assert.Contains("SLO p95 latency missed: p95 latency_ms is 2,810, above the target of 2,500.", reasons);
        Assert.DoesNotContain(reasons, r => r.Contains("regressed", StringComparison.Ordinal));
        Assert.Equal([v2Run], Assert.Single(slos.Calls).RunIds);
    }

    /// <summary>An SLO check that returns fixed misses and records each request.</summary>
    private sealed class FakeSloTargetCheck(IReadOnlyList<SloTargetMiss> misses) : ISloTargetCheck
    {
        public List<(int ModelId, IReadOnlyList<int> RunIds)> Calls { get; } = [];

        public Task<IReadOnlyList<SloTargetMiss>> MissedTargetsAsync(int modelId, IReadOnlyList<int> runIds, CancellationToken cancellationToken = default)
        {
            Calls.Add((modelId, runIds));
            return Task.FromResult(misses);
        }
    }

    private static JsonElement Cell(List<JsonElement> cells, string segment) => cells.Single(c =>
        c.GetProperty("metric").GetString() == "faithfulness"
        && c.GetProperty("statistic").GetString() == "mean"
        && c.GetProperty("segment").ValueKind == JsonValueKind.String
        && c.GetProperty("segment").GetString() == segment);

    /// <summary>Registers support-rag v1 and v2 and support-qa/v1 with 60 Arabic and 60 English examples.</summary>
    private static async Task<HttpClient> SetUpAsync(NuqtaAppFactory app)
    {
        var client = await app.CreateKeyClientAsync("engineer@example.com", [Roles.Engineer], [Scopes.Read, Scopes.RegistryWrite, Scopes.RunsWrite, Scopes.ComparisonsWrite]);
        (await client.PostAsJsonAsync("/api/v1/models", new { name = "support-rag", team = "support" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/models/support-rag/versions", new { version = "v1" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/models/support-rag/versions", new { version = "v2" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/datasets", new { name = "support-qa", purpose = "golden" })).EnsureSuccessStatusCode();

        var examples = new StringBuilder("id,question,lang\n");
        for (int i = 0; i < 2 * PerLanguage; i++)
        {
            examples.Append(CultureInfo.InvariantCulture, $"q{i},question number {i},{(i < PerLanguage ? "ar" : "en")}\n");
        }

        var form = new MultipartFormDataContent
        {
            { new StringContent("v1"), "version" },
            { new StringContent("id"), "idField" },
            { new StringContent("question"), "inputField" },
            { new StringContent("lang"), "segmentFields" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(examples.ToString())), "file", "examples.csv" },
        };
        (await client.PostAsync("/api/v1/datasets/support-qa/versions", form)).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>
    /// Builds a results file with faithfulness between 0.6 and 0.9 per example, lowered by
    /// <paramref name="arabicDrop"/> on the Arabic examples (q0 to q59).
    /// </summary>
    private static string Faithfulness(double arabicDrop)
    {
        var csv = new StringBuilder("id,faithfulness\n");
        for (int i = 0; i < 2 * PerLanguage; i++)
        {
            double value = 0.6 + (0.05 * (i % 7)) - (i < PerLanguage ? arabicDrop : 0.0);
            csv.Append(CultureInfo.InvariantCulture, $"q{i},{value:0.000}\n");
        }

        return csv.ToString();
    }

    private static async Task<int> ImportAsync(HttpClient client, string version, string content)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("support-rag"), "model" },
            { new StringContent("support-qa"), "dataset" },
            { new StringContent("v1"), "datasetVersion" },
            { new StringContent(version), "version" },
            { new StringContent("ragas"), "evaluator" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", $"{version}.csv" },
        };
        var response = await client.PostAsync("/api/v1/evaluation-runs", form);
        var body = await ApiAccessTests.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("runs")[0].GetProperty("id").GetInt32();
    }
}
