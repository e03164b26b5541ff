using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

public sealed class ScorecardApiTests
{
    [Fact]
    public async Task GetScorecard_ReturnsJson()
    {
        using var app = new NuqtaAppFactory();
        using var client = await SetUpAsync(app);
        await ImportAsync(client, "2026-12-01T10:00:00Z");

        var response = await client.GetAsync("/api/v1/scorecards/2026-W49");
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2026-W49", body.GetProperty("week").GetString());
        Assert.Equal("2026-W48", body.GetProperty("previousWeek").GetString());
        var model = body.GetProperty("models")[0];
        Assert.Equal("support-rag", model.GetProperty("name").GetString());
        var candidate = model.GetProperty("candidates")[0];
        Assert.Equal("v1", candidate.GetProperty("versions")[0].GetString());
        var cell = candidate.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("metricKey").GetString() == "faithfulness");
        Assert.Equal(0.75, cell.GetProperty("value").GetDouble(), 9);
        Assert.Equal(40, cell.GetProperty("count").GetInt32());
        Assert.Equal("not-comparable", cell.GetProperty("change").GetProperty("direction").GetString());
    }

    [Fact]
    public async Task GetScorecard_AsCsv()
    {
        using var app = new NuqtaAppFactory();
        using var client = await SetUpAsync(app);
        await ImportAsync(client, "2026-12-01T10:00:00Z");

        var response = await client.GetAsync("/api/v1/scorecards/2026-W49?format=csv");
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("week,frozen_sha256,model,section,", lines[0], StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("2026-W49,,support-rag,candidate,v1,support-qa,v1,regression,faithfulness,mean,0.75,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2025-W53", "2025-W53 does not exist")]
    [InlineData("2026-49", "is not an ISO week")]
    public async Task GetScorecard_InvalidWeek_BadRequest(string week, string message)
    {
        using var app = new NuqtaAppFactory();
        using var client = await SetUpAsync(app);

        var response = await client.GetAsync($"/api/v1/scorecards/{week}");
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, body.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetScorecard_UnknownFormat_BadRequest()
    {
        using var app = new NuqtaAppFactory();
        using var client = await SetUpAsync(app);

        var response = await client.GetAsync("/api/v1/scorecards/2026-W49?format=xlsx");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task GetScorecard_UnknownModel_NotFound()
    {
        using var app = new NuqtaAppFactory();
        using var client = await SetUpAsync(app);

        var response = await client.GetAsync("/api/v1/scorecards/2026-W49?model=nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task GetScorecard_KeyWithoutReadScope_Forbidden()
    {
        using var app = new NuqtaAppFactory();
        using var client = await app.CreateKeyClientAsync("ci@example.com", [Roles.Engineer], [Scopes.RunsWrite]);

        var response = await client.GetAsync("/api/v1/scorecards/2026-W49");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static async Task<HttpClient> SetUpAsync(NuqtaAppFactory app)
    {
        var client = await app.CreateKeyClientAsync("engineer@example.com", [Roles.Engineer], [Scopes.Read, Scopes.RegistryWrite, Scopes.RunsWrite]);
        (await client.PostAsJsonAsync("/api/v1/models", new { name = "support-rag", team = "support" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/models/support-rag/versions", new { version = "v1" })).EnsureSuccessStatusCode();
        (await client.PostAsJsonAsync("/api/v1/datasets", new { name = "support-qa", purpose = "golden" })).EnsureSuccessStatusCode();

        var examples = new StringBuilder("id,question\n");
        for (int i = 0; i < 40; i++)
        {
            examples.Append(CultureInfo.InvariantCulture, $"q{i},question number {i}\n");
        }

        var form = new MultipartFormDataContent
        {
            { new StringContent("v1"), "version" },
            { new StringContent("id"), "idField" },
            { new StringContent("question"), "inputField" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(examples.ToString())), "file", "examples.csv" },
        };
        (await client.PostAsync("/api/v1/datasets/support-qa/versions", form)).EnsureSuccessStatusCode();
        return client;
    }

    /// <summary>Imports faithfulness 0.5 on even and 1.0 on odd examples (mean 0.75), evaluated at <paramref name="evaluatedAt"/>.</summary>
    private static async Task ImportAsync(HttpClient client, string evaluatedAt)
    {
        var csv = new StringBuilder("id,faithfulness\n");
        for (int i = 0; i < 40; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"q{i},{(i % 2 == 0 ? "0.5" : "1.0")}\n");
        }

        var form = new MultipartFormDataContent
        {
            { new StringContent("support-rag"), "model" },
            { new StringContent("support-qa"), "dataset" },
            { new StringContent("v1"), "datasetVersion" },
            { new StringContent("v1"), "version" },
            { new StringContent(evaluatedAt), "evaluatedAt" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", "results.csv" },
        };
        (await client.PostAsync("/api/v1/evaluation-runs", form)).EnsureSuccessStatusCode();
    }
}
