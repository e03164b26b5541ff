using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

public sealed class RollbackApiTests
{
    private const string Model = "legal-qa";
    private const string RollbackUrl = "/api/v1/models/legal-qa/aliases/production/rollback";

    [Fact]
    public async Task ConcurrentRollbacks_ExactlyOneSucceeds()
    {
        using var app = new NuqtaAppFactory();
        await SeedHistoryAsync(app, "v1", "v2", "v3", "v4", "v5");
        using var first = await app.CreateKeyClientAsync("sre1@example.com", [Roles.Sre], [Scopes.Rollback, Scopes.Read]);
        using var second = await app.CreateKeyClientAsync("sre2@example.com", [Roles.Sre], [Scopes.Rollback, Scopes.Read]);

        string[] expectedHolders = ["v5", "v4", "v3"];
        foreach (var holder in expectedHolders)
        {
            var body = new { reason = "SLO breach", expectedVersion = holder };
            using var start = new ManualResetEventSlim();
            var racers = new[] { first, second }.Select(client => Task.Run(async () =>
            {
                start.Wait();
                return await client.PostAsJsonAsync(RollbackUrl, body);
            })).ToList();
            start.Set();
            var responses = await Task.WhenAll(racers);

            var statuses = responses.Select(r => r.StatusCode).OrderBy(s => (int)s).ToList();
            Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], statuses);
            var conflict = await ApiAccessTests.ProblemAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Conflict));
            Assert.Contains($"not {holder}", conflict.GetProperty("detail").GetString());
        }

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<NuqtaDbContext>>().CreateDbContextAsync();
        Assert.Equal(3, await db.Rollbacks.CountAsync());
        Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.Action == "alias.rolled-back"));
        Assert.Equal(3, await db.OutboundEvents.CountAsync(e => e.Type == EventTypes.RollbackExecuted));
        var alias = await db.Aliases.Include(a => a.ModelVersion).SingleAsync(a => a.Name == "production");
        Assert.Equal("v2", alias.ModelVersion!.Label);
        var chain = await app.Services.GetRequiredService<AuditQuery>().VerifyAsync(Actor.System);
        Assert.True(chain.IsIntact, chain.Problem);
    }

    [Fact]
    public async Task GetAlias_ReturnsHolder()
    {
        using var app = new NuqtaAppFactory();
        await SeedHistoryAsync(app, "2026.09", "2026.10");
        using var client = await app.CreateKeyClientAsync("deploy@example.com", [Roles.Viewer], [Scopes.Read]);

        var response = await client.GetAsync("/api/v1/models/LEGAL-QA/aliases/production");
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("legal-qa", body.GetProperty("model").GetString());
        Assert.Equal("2026.10", body.GetProperty("version").GetString());
        Assert.Equal(2, body.GetProperty("revision").GetInt32());
    }

    [Fact]
    public async Task GetAlias_UnknownAliasIsNotFound()
    {
        using var app = new NuqtaAppFactory();
        await SeedHistoryAsync(app, "2026.09");
        using var client = await app.CreateKeyClientAsync("deploy@example.com", [Roles.Viewer], [Scopes.Read]);

        var response = await client.GetAsync("/api/v1/models/legal-qa/aliases/shadow");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("no alias 'shadow'", (await ApiAccessTests.ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task History_ListsMovesWithActorsAndReasons()
    {
        using var app = new NuqtaAppFactory();
        await SeedHistoryAsync(app, "2026.09", "2026.10");
        using var sre = await app.CreateKeyClientAsync("sre@example.com", [Roles.Sre], [Scopes.Rollback, Scopes.Read]);
        (await sre.PostAsJsonAsync(RollbackUrl, new { reason = "cited support fell", expectedVersion = "2026.10" })).EnsureSuccessStatusCode();

        var body = await ApiAccessTests.ProblemAsync(await sre.GetAsync("/api/v1/models/legal-qa/aliases/production/history"));

        var moves = body.GetProperty("moves").EnumerateArray().ToList();
        Assert.Equal(3, moves.Count);
        Assert.Equal("rollback", moves[0].GetProperty("kind").GetString());
        Assert.Equal("2026.10", moves[0].GetProperty("fromVersion").GetString());
        Assert.Equal("2026.09", moves[0].GetProperty("toVersion").GetString());
        Assert.Equal("sre@example.com", moves[0].GetProperty("actor").GetString());
        Assert.Equal("cited support fell", moves[0].GetProperty("reason").GetString());
        Assert.Equal("launch of 2026.09", moves[2].GetProperty("reason").GetString());
        Assert.Equal(JsonValueKind.Null, moves[2].GetProperty("fromVersion").ValueKind);
    }

    [Fact]
    public async Task Rollback_ReturnsOutcomeAndOpensIncident()
    {
        using var app = new NuqtaAppFactory();
        await SeedHistoryAsync(app, "2026.09", "2026.10", "2026.11");
        using var client = await app.CreateKeyClientAsync("auto-rollback@example.com", [Roles.Sre], [Scopes.Rollback]);

        var response = await client.PostAsJsonAsync(RollbackUrl, new { reason = "cited_support good-rate 0.82", expectedVersion = "2026.11", severity = "critical", affectedSegments = "category=contracts" });
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2026.11", body.GetProperty("fromVersion").GetString());
        Assert.Equal("2026.10", body.GetProperty("toVersion").GetString());
        Assert.True(body.GetProperty("incidentOpened").GetBoolean());
        var incident = await app.Services.GetRequiredService<Core.Releases.IncidentService>().GetAsync(body.GetProperty("incidentId").GetInt32());
        Assert.Equal(Core.Releases.IncidentSeverity.Critical, incident.Incident.Severity);
        Assert.Equal("category=contracts", incident.Incident.AffectedSegments);
        var audit = await app.Services.GetRequiredService<AuditQuery>().ListAsync(Actor.System, new AuditFilter(Action: "alias.rolled-back"));
        Assert.NotNull(Assert.Single(audit.Items).ApiKeyId);
    }

    [Theory]
    [InlineData("{\"reason\":\"breach\",\"expectedVersion\":\"2026.09\"}", HttpStatusCode.Conflict, "points to 2026.10, not 2026.09")]
    [InlineData("{\"reason\":\"breach\"}", HttpStatusCode.BadRequest, "expectedVersion is required")]
    [InlineData("{\"reason\":\" \",\"expectedVersion\":\"2026.10\"}", HttpStatusCode.BadRequest, "reason is required")]
    [InlineData("{\"reason\":\"breach\",\"expectedVersion\":\"2026.10\",\"toVersion\":\"2026.10\"}", HttpStatusCode.BadRequest, "already points to 2026.10")]
    [InlineData("{\"reason\":\"breach\",\"expectedVersion\":\"2026.10\",\"toVersion\":\"v1.2\"}", HttpStatusCode.BadRequest, "belongs to model 'support-rag'")]
    [InlineData("{\"reason\":\"breach\",\"expectedVersion\":\"2026.10\",\"toVersion\":\"2030.01\"}", HttpStatusCode.NotFound, "has no version '2030.01'")]
    [InlineData("{\"reason\":\"breach\",\"expectedVersion\":\"2026.10\",\"severity\":\"sev1\"}", HttpStatusCode.BadRequest, "severity 'sev1' is not valid")]
    [InlineData("{\"reason\":\"breach\",\"expectedVersion\":\"2026.10\",\"incidentId\":999}", HttpStatusCode.NotFound, "No incident has id 999")]
    public async Task Rollback_RejectsBadInput(string json, HttpStatusCode status, string message)
    {
        using var app = new NuqtaAppFactory();
        await SeedHistoryAsync(app, "2026.09", "2026.10");
        var registry = app.Services.GetRequiredService<ModelRegistry>();
        await registry.RegisterModelAsync(Actor.System, new RegisterModelRequest("support-rag", "support", null));
        await registry.RegisterVersionAsync(Actor.System, "support-rag", new RegisterModelVersionRequest("v1.2", null, null, null, null, null));
        using var client = await app.CreateKeyClientAsync("sre@example.com", [Roles.Sre], [Scopes.Rollback]);

        var response = await client.PostAsync(RollbackUrl, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await ApiAccessTests.ProblemAsync(response);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, body.GetProperty("detail").GetString());
        var holder = await app.Services.GetRequiredService<ModelRegistry>().GetModelAsync(Model);
        Assert.Equal("2026.10", holder.Aliases.Single(a => a.Name == "production").Version);
    }

    [Fact]
    public async Task Rollback_ForbiddenWithoutRole()
    {
        using var app = new NuqtaAppFactory();
        await SeedHistoryAsync(app, "2026.09", "2026.10");
        using var engineer = await app.CreateKeyClientAsync("engineer@example.com", [Roles.Engineer], [Scopes.Read, Scopes.RegistryWrite]);

        var response = await engineer.PostAsJsonAsync(RollbackUrl, new { reason = "breach", expectedVersion = "2026.10" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("SRE or admin", (await ApiAccessTests.ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Rollback_ForbiddenWithoutScope()
    {
        using var app = new NuqtaAppFactory();
        await SeedHistoryAsync(app, "2026.09", "2026.10");
        using var readOnly = await app.CreateKeyClientAsync("sre@example.com", [Roles.Sre], [Scopes.Read]);

        var response = await readOnly.PostAsJsonAsync(RollbackUrl, new { reason = "breach", expectedVersion = "2026.10" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("'rollback' scope", (await ApiAccessTests.ProblemAsync(response)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Rollback_UnauthenticatedIsRejected()
    {
        using var app = new NuqtaAppFactory();
        using var anonymous = app.CreateClient();

        var response = await anonymous.PostAsJsonAsync(RollbackUrl, new { reason = "breach", expectedVersion = "2026.10" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    /// <summary>Registers legal-qa with the versions and moves production through them, a day apart.</summary>
    private static async Task SeedHistoryAsync(NuqtaAppFactory app, params string[] versions)
    {
        var registry = app.Services.GetRequiredService<ModelRegistry>();
        await registry.RegisterModelAsync(Actor.System, new RegisterModelRequest(Model, "legal", null));
        foreach (var label in versions)
        {
            await registry.RegisterVersionAsync(Actor.System, Model, new RegisterModelVersionRequest(label, null, null, null, null, null));
        }

        var revision = 0;
        foreach (var label in versions)
        {
            app.Time.Advance(TimeSpan.FromDays(1));
            await registry.SetAliasAsync(Actor.System, Model, "production", new SetAliasRequest(label, revision++, $"launch of {label}"));
        }

        app.Time.Advance(TimeSpan.FromHours(1));
    }
}
