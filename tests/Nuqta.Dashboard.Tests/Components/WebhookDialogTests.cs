using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Nuqta.Dashboard.Components.Pages.Webhooks;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Webhooks;
using Nuqta.Dashboard.Hosting;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Components;

// The context is disposed through IAsyncLifetime because MudBlazor's services support only
// asynchronous disposal.
public sealed class WebhookDialogTests : IAsyncLifetime
{
    // MudBlazor puts a field's extra attributes on the input element itself.
    private const string UrlInput = "input[data-testid=webhook-url]";

    private readonly BunitContext _context = new();
    private CoreHost? _host;

    public async Task InitializeAsync()
    {
        _host = await CoreHost.StartAsync();
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
        _context.Services.AddSingleton(_host.Get<WebhookService>());
        _context.Services.AddSingleton(new ActorAccessor(_host.Get<UserAdministration>()));
        _context.Services.AddLogging();
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Theory]
    [InlineData("ftp://files.example.com/drop", "'ftp' scheme")]
    [InlineData("hooks.example.com/nuqta", "not an absolute URL")]
    [InlineData("https://user:pw@hooks.example.com/", "user name or password")]
    public async Task UrlField_ShowsRuleWhileTyping(string url, string expectedPart)
    {
        var provider = await ShowDialogAsync();

        provider.Find(UrlInput).Input(url);

        provider.WaitForAssertion(() => Assert.Contains(expectedPart, provider.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UrlField_AcceptsHttpsWithoutMessage()
    {
        var provider = await ShowDialogAsync();

        provider.Find(UrlInput).Input("https://hooks.example.com/nuqta");

        Assert.Empty(provider.FindAll(".mud-input-error"));
    }

    [Fact]
    public async Task Dialog_OffersEveryEventType()
    {
        var provider = await ShowDialogAsync();

        var offered = provider.FindAll("[data-choice]").Select(e => e.GetAttribute("data-choice")!).ToList();

        Assert.Equal(Core.Events.EventTypes.All, offered);
    }

    private async Task<IRenderedComponent<MudDialogProvider>> ShowDialogAsync()
    {
        var provider = _context.Render<MudDialogProvider>();
        _context.Render<MudPopoverProvider>();
        var dialogs = _context.Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<WebhookDialog>("New webhook"));
        provider.WaitForElement(UrlInput);
        return provider;
    }
}
