using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Nuqta.Dashboard.Components.Shared.Keys;
using Nuqta.Dashboard.Core.Access;

namespace Nuqta.Dashboard.Tests.Components;

// xUnit 2 disposes an IDisposable test class synchronously, but MudBlazor registers services that
// support only asynchronous disposal, so the context is a field disposed through IAsyncLifetime.
public sealed class CreateKeyFormTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public CreateKeyFormTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Render<MudPopoverProvider>();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Viewer_is_offered_only_read()
    {
        var form = RenderForm(new CreateKeyModel(), Roles.Viewer);

        Assert.Equal([Scopes.Read], OfferedScopes(form));
    }

    [Fact]
    public void Engineer_is_offered_write_scopes_but_not_rollback()
    {
        var form = RenderForm(new CreateKeyModel(), Roles.Engineer);
        var offered = OfferedScopes(form);

        Assert.Equal(AccessMatrix.GrantableScopes([Roles.Engineer]), offered);
        Assert.Contains(Scopes.RunsWrite, offered);
        Assert.DoesNotContain(Scopes.Rollback, offered);
    }

    [Fact]
    public void Checking_scope_adds_it_to_request()
    {
        var model = new CreateKeyModel { Name = "CI uploads" };
        var form = RenderForm(model, Roles.Engineer);

        form.Find($"[data-choice='{Scopes.RunsWrite}'] input").Change(true);
        form.Find($"[data-choice='{Scopes.Read}'] input").Change(true);
        var request = model.ToRequest(serviceAccountId: null);

        Assert.Equal([Scopes.Read, Scopes.RunsWrite], request.Scopes);
        Assert.Equal(CreateKeyModel.DefaultLifetimeDays, request.ExpiresInDays);
        Assert.Null(request.ServiceAccountId);
    }

    [Fact]
    public void Owner_without_scopes_gets_explanation()
    {
        var form = _context.Render<CreateKeyForm>(parameters => parameters
            .Add(p => p.Model, new CreateKeyModel())
            .Add(p => p.GrantableScopes, [])
            .Add(p => p.OwnerName, "service account ci-empty"));

        Assert.Empty(form.FindAll("[data-choice]"));
        Assert.Contains("grant no scope", form.Markup);
    }

    private IRenderedComponent<CreateKeyForm> RenderForm(CreateKeyModel model, string role) =>
        _context.Render<CreateKeyForm>(parameters => parameters
            .Add(p => p.Model, model)
            .Add(p => p.GrantableScopes, AccessMatrix.GrantableScopes([role]))
            .Add(p => p.OwnerName, "your account")
            .Add(p => p.OwnerRoles, [role]));

    private static List<string> OfferedScopes(IRenderedComponent<CreateKeyForm> form) =>
        form.FindAll("[data-choice]").Select(e => e.GetAttribute("data-choice")!).ToList();
}
