using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Releases;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

public sealed class LaunchApiTests
{
    private const int Examples = 40;

    private static readonly string[] EngineerScopes =
        [Scopes.Read, Scopes.RegistryWrite, Scopes.RunsWrite, Scopes.ComparisonsWrite, Scopes.LaunchesWrite, Scopes.LaunchesPromote];

    [Fact]
    public async Task Approve_WithKeyIsForbidden()
    {
        using var app = new NuqtaAppFactory();
        using var engineer = await SetUpAsync(app);
        int id = await RequestLaunchAsync(engineer);
        using var owner = await app.CreateKeyClientAsync("owner@example.com", [Roles.ProductOwner], [Scopes.Read]);

        foreach (var (client, action) in new[] { (engineer, "approve"), (owner, "approve"), (owner, "reject") })
        {
            var response = await client.PostAsJsonAsync($"/api/v1/launches/{id}/{action}", new { comment = "looks fine" });
            var body = await ApiAccessTests.ProblemAsync(response);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("in the browser", body.GetProperty("detail").GetString());
        }

        var launch = await ApiAccessTests.ProblemAsync(await engineer.GetAsync($"/api/v1/launches/{id}"));
        Assert.Equal("submitted", launch.GetProperty("state").GetString());
        Assert.Empty(launch.GetProperty("decisions").EnumerateArray());
    }

    [Fact]
    public async Task Promote_RefusedAfterAliasMoved()
    {
        using var app = new NuqtaAppFactory();
        using var engineer = await SetUpAsync(app);
        int id = await RequestLaunchAsync(engineer);
        await ApproveInBrowserAsync(app, engineer, id);
        var registry = app.Services.GetRequiredService<ModelRegistry>();
        await registry.SetAliasAsync(Actor.System, "support-rag", "production", new SetAliasRequest("v3", 1, "hotfix"));

        var response = await engineer.PostAsync($"/api/v1/launches/{id}/promote", null);
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("now holds v3", body.GetProperty("detail").GetString());
        var model = await registry.GetModelAsync("support-rag");
        Assert.Equal("v3", model.Aliases.Single(a => a.Name == "production").Version);
    }

    [Fact]
    public async Task Promote_MovesAliasWithPromoteScope()
    {
        using var app = new NuqtaAppFactory();
        using var engineer = await SetUpAsync(app);
        int id = await RequestLaunchAsync(engineer);
        await ApproveInBrowserAsync(app, engineer, id);
        using var sreWithoutScope = await app.CreateKeyClientAsync("sre@example.com", [Roles.Sre], [Scopes.Read, Scopes.Rollback]);

        var refused = await sreWithoutScope.PostAsync($"/api/v1/launches/{id}/promote", null);
        var promoted = await engineer.PostAsync($"/api/v1/launches/{id}/promote", null);
        var body = await ApiAccessTests.ProblemAsync(promoted);

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.OK, promoted.StatusCode);
        Assert.Equal("promoted", body.GetProperty("state").GetString());
        var model = await app.Services.GetRequiredService<ModelRegistry>().GetModelAsync("support-rag");
        Assert.Equal("v2", model.Aliases.Single(a => a.Name == "production").Version);
    }

    [Fact]
    public async Task Create_RejectsBadRequests()
    {
        using var app = new NuqtaAppFactory();
        using var engineer = await SetUpAsync(app);
        using var viewer = await app.CreateKeyClientAsync("viewer@example.com", [Roles.Viewer], [Scopes.Read]);

        var noComparison = await engineer.PostAsJsonAsync("/api/v1/launches", new { model = "support-rag", alias = "production", candidateVersion = "v2" });
        var unknownModel = await engineer.PostAsJsonAsync("/api/v1/launches", new { model = "nope", alias = "production", candidateVersion = "v2", comparisonId = 1 });
        var byViewer = await viewer.PostAsJsonAsync("/api/v1/launches", new { model = "support-rag", alias = "production", candidateVersion = "v2", comparisonId = 1 });
        var missing = await engineer.GetAsync("/api/v1/launches/999");

        Assert.Equal(HttpStatusCode.BadRequest, noComparison.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownModel.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, byViewer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Withdraw_ThenPromoteIsConflict()
    {
        using var app = new NuqtaAppFactory();
        using var engineer = await SetUpAsync(app);
        int id = await RequestLaunchAsync(engineer);

        var withdrawn = await engineer.PostAsJsonAsync($"/api/v1/launches/{id}/withdraw", new { reason = "superseded by v3" });
        var promote = await engineer.PostAsync($"/api/v1/launches/{id}/promote", null);

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("withdrawn", (await ApiAccessTests.ProblemAsync(withdrawn)).GetProperty("state").GetString());
        Assert.Equal(HttpStatusCode.Conflict, promote.StatusCode);
    }

    // The approval is a browser act; this calls the Core service the request page calls, as a signed-in product owner.
    private static async Task ApproveInBrowserAsync(NuqtaAppFactory app, HttpClient engineer, int id)
    {
        var launch = await ApiAccessTests.ProblemAsync(await engineer.GetAsync($"/api/v1/launches/{id}"));
        var items = launch.GetProperty("evidence").GetProperty("gate").GetProperty("inconclusiveItems").EnumerateArray().Select(i => i.GetString()).ToList();
        var owner = await app.CreateUserAsync("owner-browser@example.com", Roles.ProductOwner);
        var state = await app.Services.GetRequiredService<LaunchService>()
            .DecideAsync(owner, id, LaunchDecisionKind.Approval, $"Approved; acknowledged: {string.Join(", ", items)}.");
        Assert.Equal(LaunchState.Approved, state);
    }

    private static async Task<int> RequestLaunchAsync(HttpClient client)
    {
        int v1Run = await ImportAsync(client, "v1");
        int v2Run = await ImportAsync(client, "v2");
        var comparison = await ApiAccessTests.ProblemAsync(
            await client.PostAsJsonAsync("/api/v1/comparisons", new { candidateRunIds = new[] { v2Run }, baselineRunIds = new[] { v1Run }, resamples = 200 }));

        var response = await client.PostAsJsonAsync("/api/v1/launches", new
        {
            model = "support-rag",
            alias = "production",
            candidateVersion = "v2",
            comparisonId = comparison.GetProperty("id").GetInt32(),
        });
        var body = await ApiAccessTests.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("submitted", body.GetProperty("state").GetString());
        Assert.Equal(64, body.GetProperty("evidenceSha256").GetString()!.Length);
        return body.GetProperty("id").GetInt32();
    }

    private static async Task<HttpClient> SetUpAsync(NuqtaAppFactory app)
    {
        var client = await app.CreateKeyClientAsync("engineer@example.com", [Roles.Engineer], EngineerScopes);
        (await client.PostAsJsonAsync("/api/v1/models", new { name = "support-rag", team = "support" })).EnsureSuccessStatusCode();
        foreach (var version in new[] { "v1", "v2", "v3" })
        {
            (await client.PostAsJsonAsync("/api/v1/models/support-rag/versions", new { version })).EnsureSuccessStatusCode();
        }

        (await client.PostAsJsonAsync("/api/v1/datasets", new { name = "support-qa", purpose = "golden" })).EnsureSuccessStatusCode();
        var examples = new StringBuilder("id,question,lang\n");
        for (int i = 0; i < Examples; i++)
        {
            examples.Append(CultureInfo.InvariantCulture, $"q{i},question number {i},{(i % 2 == 0 ? "ar" : "en")}\n");
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
        await app.Services.GetRequiredService<ModelRegistry>().SetAliasAsync(Actor.System, "support-rag", "production", new SetAliasRequest("v1", 0, "first release"));
        return client;
    }

    // Both versions get the same values, so every compared cell is equivalent.
    private static async Task<int> ImportAsync(HttpClient client, string version)
    {
        var csv = new StringBuilder("id,faithfulness\n");
        for (int i = 0; i < Examples; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"q{i},{0.6 + (0.05 * (i % 7)):0.000}\n");
        }

        var form = new MultipartFormDataContent
        {
            { new StringContent("support-rag"), "model" },
            { new StringContent("support-qa"), "dataset" },
            { new StringContent("v1"), "datasetVersion" },
            { new StringContent(version), "version" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "file", $"{version}.csv" },
        };
        var response = await client.PostAsync("/api/v1/evaluation-runs", form);
        var body = await ApiAccessTests.ProblemAsync(response);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("runs")[0].GetProperty("id").GetInt32();
    }
}
