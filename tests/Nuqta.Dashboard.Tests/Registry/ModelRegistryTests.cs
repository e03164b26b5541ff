using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Registry;

public sealed class ModelRegistryTests
{
    [Theory]
    [InlineData("")]
    [InlineData("-starts-with-dash")]
    [InlineData("has space")]
    [InlineData("slash/name")]
    [InlineData("ümlaut")]
    // 65 characters, one over Names.MaxLength.
    [InlineData("a1234567890123456789012345678901234567890123456789012345678901234")]
    public async Task RegisterModel_InvalidNameRejected(string name)
    {
        await using var host = await CoreHost.StartAsync();

        var act = () => host.Get<ModelRegistry>().RegisterModelAsync(Actors.Engineer, new RegisterModelRequest(name, null, null));

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Equal("name", error.Errors[0].Field);
    }

    [Fact]
    public async Task RegisterModel_DuplicateIgnoringCase()
    {
        await using var host = await CoreHost.StartAsync();
        var registry = host.Get<ModelRegistry>();
        await registry.RegisterModelAsync(Actors.Engineer, new RegisterModelRequest("Support-RAG", "support", null));

        var act = () => registry.RegisterModelAsync(Actors.Engineer, new RegisterModelRequest("support-rag", null, null));

        await Assert.ThrowsAsync<ConflictException>(act);
    }

    [Fact]
    public async Task RegisterModel_ViewerDenied()
    {
        await using var host = await CoreHost.StartAsync();

        var act = () => host.Get<ModelRegistry>().RegisterModelAsync(Actors.Viewer, new RegisterModelRequest("support-rag", null, null));

        await Assert.ThrowsAsync<AccessDeniedException>(act);
        await using var db = host.CreateContext();
        Assert.Equal(0, await db.Models.CountAsync());
        Assert.Equal(0, await db.AuditEvents.CountAsync());
    }

    [Fact]
    public async Task RegisterVersion_DuplicateLabel()
    {
        await using var host = await CoreHost.StartAsync();
        var registry = await RegistryWithModelAsync(host);
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v1.0.0"));

        var act = () => registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("V1.0.0"));

        await Assert.ThrowsAsync<ConflictException>(act);
    }

    [Fact]
    public async Task RegisterVersion_ConcurrentSameLabel()
    {
        const int attempts = 6;
        await using var host = await CoreHost.StartAsync();
        var registry = await RegistryWithModelAsync(host);

        var tasks = Enumerable.Range(0, attempts)
            .Select(_ => Task.Run(() => registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v2"))))
            .ToList();
        var outcomes = await Task.WhenAll(tasks.Select(CaptureAsync));

        Assert.Equal(1, outcomes.Count(e => e is null));
        Assert.All(outcomes.Where(e => e is not null), e => Assert.IsType<ConflictException>(e));
        await using var db = host.CreateContext();
        Assert.Equal(1, await db.ModelVersions.CountAsync());
    }

    [Fact]
    public async Task RegisterVersion_UnknownParentRejected()
    {
        await using var host = await CoreHost.StartAsync();
        var registry = await RegistryWithModelAsync(host);

        var act = () => registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v2", parent: "v1"));

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Equal("parentVersion", error.Errors[0].Field);
    }

    [Fact]
    public async Task RegisterVersion_RecordsParent()
    {
        await using var host = await CoreHost.StartAsync();
        var registry = await RegistryWithModelAsync(host);
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v1"));

        var child = await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v2", parent: "V1"));

        Assert.Equal("v1", child.ParentVersion);
    }

    [Fact]
    public async Task RegisterVersion_UnknownModel()
    {
        await using var host = await CoreHost.StartAsync();

        var act = () => host.Get<ModelRegistry>().RegisterVersionAsync(Actors.Engineer, "missing", Version("v1"));

        await Assert.ThrowsAsync<NotFoundException>(act);
    }

    [Fact]
    public async Task SetAlias_StaleRevisionRejected()
    {
        await using var host = await CoreHost.StartAsync();
        var registry = await RegistryWithModelAsync(host);
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v1"));
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v2"));
        await registry.SetAliasAsync(Actors.Sre, "support-rag", "production", new SetAliasRequest("v1", 0, "first release"));

        // A second page loaded at revision 0 tries to move the alias after the first move.
        var act = () => registry.SetAliasAsync(Actors.Sre, "support-rag", "production", new SetAliasRequest("v2", 0, "stale page"));

        var error = await Assert.ThrowsAsync<ConflictException>(act);
        Assert.Contains("now points to v1", error.Message);
    }

    [Fact]
    public async Task SetAlias_EngineerDenied()
    {
        await using var host = await CoreHost.StartAsync();
        var registry = await RegistryWithModelAsync(host);
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v1"));

        var act = () => registry.SetAliasAsync(Actors.Engineer, "support-rag", "production", new SetAliasRequest("v1", 0, "release"));

        await Assert.ThrowsAsync<AccessDeniedException>(act);
    }

    [Fact]
    public async Task AliasHistory_HolderAtTime()
    {
        await using var host = await CoreHost.StartAsync();
        var registry = await RegistryWithModelAsync(host);
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v1"));
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v2"));
        var beforeRelease = host.Time.GetUtcNow().UtcDateTime;

        host.Time.Advance(TimeSpan.FromHours(1));
        await registry.SetAliasAsync(Actors.Sre, "support-rag", "production", new SetAliasRequest("v1", 0, "first release"));
        var duringV1 = host.Time.GetUtcNow().UtcDateTime.AddMinutes(30);
        host.Time.Advance(TimeSpan.FromHours(1));
        await registry.SetAliasAsync(Actors.Sre, "support-rag", "production", new SetAliasRequest("v2", 1, "second release"));
        var afterV2 = host.Time.GetUtcNow().UtcDateTime.AddMinutes(1);

        Assert.Null(await registry.GetAliasHolderAtAsync("support-rag", "production", beforeRelease));
        Assert.Equal("v1", await registry.GetAliasHolderAtAsync("support-rag", "production", duringV1));
        Assert.Equal("v2", await registry.GetAliasHolderAtAsync("support-rag", "production", afterV2));
    }

    [Fact]
    public async Task Changes_WriteAuditEvents()
    {
        await using var host = await CoreHost.StartAsync();
        var registry = await RegistryWithModelAsync(host);
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", Version("v1"));
        await registry.UpdateModelAsync(Actors.Engineer, "support-rag", new UpdateModelRequest("search", null));
        await registry.SetAliasAsync(Actors.Sre, "support-rag", "production", new SetAliasRequest("v1", 0, "release"));

        await using var db = host.CreateContext();
        var events = await db.AuditEvents.OrderBy(e => e.Sequence).ToListAsync();

        Assert.Equal(["model.registered", "model.version.registered", "model.updated", "alias.moved"], events.Select(e => e.Action));
        Assert.Equal("support-rag/production", events[3].SubjectId);
        Assert.Equal("release", events[3].Reason);
        Assert.Equal(Actors.Sre.Name, events[3].ActorName);
    }

    private static async Task<ModelRegistry> RegistryWithModelAsync(CoreHost host)
    {
        var registry = host.Get<ModelRegistry>();
        await registry.RegisterModelAsync(Actors.Engineer, new RegisterModelRequest("support-rag", "support", "Answers support questions"));
        return registry;
    }

    private static RegisterModelVersionRequest Version(string label, string? parent = null) =>
        new(label, "s3://models/support-rag/" + label, "base-7b", "sha256:0", parent, new ModelCard("support answers", "no legal advice", "ar, en"));

    private static async Task<Exception?> CaptureAsync(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
