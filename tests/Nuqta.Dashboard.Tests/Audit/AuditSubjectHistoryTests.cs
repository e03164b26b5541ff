using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Audit;

public sealed class AuditSubjectHistoryTests
{
    [Fact]
    public async Task Model_IncludesVersionsAndAliases()
    {
        await using var host = await StartWithModelsAsync();

        var history = await ReadAsync(host, AuditSubjectTypes.Model, "support-rag");

        Assert.Equal(
            ["alias.moved", "alias.moved", "model.version.registered", "model.version.registered", "model.registered"],
            history.Events.Items.Select(e => e.Action));
        Assert.DoesNotContain(history.Events.Items, e => e.SubjectId.StartsWith("support-rag-2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Model_IncludesEventsNamingItInPayload()
    {
        await using var host = await StartWithModelsAsync();
        await host.Get<AuditedWriter>().RecordAsync(Actors.Sre, new AuditEntry("rollback.executed", "rollback", "17", After: new { model = "support-rag", alias = "production", toVersion = "v1" }));

        var history = await ReadAsync(host, AuditSubjectTypes.Model, "support-rag");

        Assert.Equal("rollback.executed", history.Events.Items[0].Action);
    }

    [Fact]
    public async Task Version_IncludesAliasMovesToAndFromIt()
    {
        await using var host = await StartWithModelsAsync();

        var v1 = await ReadAsync(host, AuditSubjectTypes.ModelVersion, "support-rag/v1");
        var v2 = await ReadAsync(host, AuditSubjectTypes.ModelVersion, "support-rag/v2");

        Assert.Equal(["alias.moved", "alias.moved", "model.version.registered"], v1.Events.Items.Select(e => e.Action));
        Assert.Equal(["alias.moved", "model.version.registered"], v2.Events.Items.Select(e => e.Action));
    }

    [Fact]
    public async Task Alias_ListsItsMovesOnly()
    {
        await using var host = await StartWithModelsAsync();

        var production = await ReadAsync(host, AuditSubjectTypes.Alias, "support-rag/production");
        var canary = await ReadAsync(host, AuditSubjectTypes.Alias, "support-rag/canary");

        Assert.Equal(2, production.Events.Total);
        Assert.All(production.Events.Items, e => Assert.Equal("support-rag/production", e.SubjectId));
        Assert.Equal(0, canary.Events.Total);
    }

    [Fact]
    public async Task Model_ActionFilterNarrowsEvents()
    {
        await using var host = await StartWithModelsAsync();

        var history = await host.Get<AuditSubjectHistory>().ReadAsync(Actors.Viewer, AuditSubjectTypes.Model, "support-rag", actionPrefix: "alias.");

        Assert.Equal(2, history.Events.Total);
        Assert.Equal(["alias.moved", "model.registered", "model.version.registered"], history.Actions);
    }

    [Fact]
    public async Task Read_NameMatchesCaseInsensitively()
    {
        await using var host = await StartWithModelsAsync();

        var history = await ReadAsync(host, AuditSubjectTypes.ModelVersion, "SUPPORT-RAG/V1");

        Assert.Equal("support-rag/v1", history.Subject.Id);
    }

    [Theory]
    [InlineData(AuditSubjectTypes.Model, "no-such-model")]
    [InlineData(AuditSubjectTypes.ModelVersion, "support-rag/v9")]
    [InlineData(AuditSubjectTypes.Alias, "support-rag/shadow")]
    public async Task Read_UnknownSubjectNotFound(string type, string id)
    {
        await using var host = await StartWithModelsAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => ReadAsync(host, type, id));
    }

    [Theory]
    [InlineData("dataset", "support-golden")]
    [InlineData(AuditSubjectTypes.ModelVersion, "support-rag")]
    [InlineData(AuditSubjectTypes.Model, "support-rag/v1")]
    public async Task Read_BadAddressIsInputError(string type, string id)
    {
        await using var host = await StartWithModelsAsync();

        await Assert.ThrowsAsync<InputValidationException>(() => ReadAsync(host, type, id));
    }

    private static Task<SubjectHistory> ReadAsync(CoreHost host, string type, string id) =>
        host.Get<AuditSubjectHistory>().ReadAsync(Actors.Viewer, type, id);

    // support-rag has v1 and v2; production moved to v1, then to v2. support-rag-2 shares the name's start.
    private static async Task<CoreHost> StartWithModelsAsync()
    {
        var host = await CoreHost.StartAsync();
        var registry = host.Get<ModelRegistry>();
        await registry.RegisterModelAsync(Actors.Engineer, new RegisterModelRequest("support-rag", "support", null));
        await registry.RegisterModelAsync(Actors.Engineer, new RegisterModelRequest("support-rag-2", "support", null));
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", new RegisterModelVersionRequest("v1", null, null, null, null, null));
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", new RegisterModelVersionRequest("v2", null, null, null, null, null));
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag-2", new RegisterModelVersionRequest("v1", null, null, null, null, null));
        var moved = await registry.SetAliasAsync(Actors.Sre, "support-rag", "production", new SetAliasRequest("v1", 0, "first release"));
        await registry.SetAliasAsync(Actors.Sre, "support-rag", "production", new SetAliasRequest("v2", moved.Revision, "second release"));
        return host;
    }
}
