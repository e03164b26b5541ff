using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Audit;

public sealed class AuditCsvExportTests
{
    [Fact]
    public async Task Export_NeutralisesFormulaInReason()
    {
        await using var host = await CoreHost.StartAsync();
        await RecordAsync(host, "model.updated", "model", "support-rag", "=HYPERLINK(\"http://evil.example\",\"click\")");

        var lines = await ExportAsync(host, new AuditFilter());

        Assert.Equal(2, lines.Length);
        Assert.Contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\",", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("plain reason", "plain reason")]
    public async Task Export_PrefixesEveryFormulaStart(string reason, string expectedCell)
    {
        await using var host = await CoreHost.StartAsync();
        await RecordAsync(host, "model.updated", "model", "support-rag", reason);

        var lines = await ExportAsync(host, new AuditFilter());

        var cells = lines[1].Split(',');
        Assert.Equal(expectedCell, cells[AuditCsvExportColumn("reason")]);
    }

    [Fact]
    public async Task Export_WritesHeaderAndAppliesFilter()
    {
        await using var host = await CoreHost.StartAsync();
        await RecordAsync(host, "model.registered", "model", "support-rag", null);
        await RecordAsync(host, "dataset.registered", "dataset", "support-golden", null);
        await RecordAsync(host, "model.registered", "model", "legal-qa", null);

        var lines = await ExportAsync(host, new AuditFilter(Action: "model."));

        Assert.Equal(string.Join(',', AuditCsvExport.Columns), lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(",legal-qa,", lines[1], StringComparison.Ordinal);
        Assert.Contains(",support-rag,", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_HidesSecurityEventsFromNonAdmins()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Get<AuditedWriter>().RecordAsync(Actors.Admin, new AuditEntry("user.locked", "user", "someone@example.com", IsSecurityEvent: true));
        await RecordAsync(host, "model.registered", "model", "support-rag", null);

        var viewerLines = await ExportAsync(host, new AuditFilter(), Actors.Viewer);
        var adminLines = await ExportAsync(host, new AuditFilter(), Actors.Admin);

        Assert.Equal(2, viewerLines.Length);
        Assert.Equal(3, adminLines.Length);
    }

    [Fact]
    public async Task Export_QuotesJsonWithCommas()
    {
        await using var host = await CoreHost.StartAsync();
        await host.Get<AuditedWriter>().RecordAsync(Actors.Admin, new AuditEntry("model.updated", "model", "support-rag", After: new { a = 1, b = "x" }));

        var lines = await ExportAsync(host, new AuditFilter());

        Assert.Contains(",\"{\"\"a\"\":1,\"\"b\"\":\"\"x\"\"}\",", lines[1], StringComparison.Ordinal);
    }

    private static int AuditCsvExportColumn(string name) => AuditCsvExport.Columns.ToList().IndexOf(name);

    private static Task RecordAsync(CoreHost host, string action, string type, string id, string? reason) =>
        host.Get<AuditedWriter>().RecordAsync(Actors.Engineer, new AuditEntry(action, type, id, Reason: reason));

    private static async Task<string[]> ExportAsync(CoreHost host, AuditFilter filter, Nuqta.Dashboard.Core.Access.Actor? reader = null)
    {
        await using var writer = new StringWriter();
        await host.Get<AuditCsvExport>().WriteAsync(reader ?? Actors.Viewer, filter, writer);
        var text = writer.ToString();
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        return text[..^2].Split("\r\n");
    }
}
