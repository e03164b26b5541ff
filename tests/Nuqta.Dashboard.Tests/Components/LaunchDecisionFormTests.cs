using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Nuqta.Dashboard.Components.Pages.Launches;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Releases;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Components;

// MudBlazor's services support only asynchronous disposal, so the context is disposed through IAsyncLifetime.
public sealed class LaunchDecisionFormTests : IAsyncLifetime
{
    private readonly BunitContext _context = new();

    public LaunchDecisionFormTests()
    {
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _context.Services.AddMudServices();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _context.DisposeAsync();

    [Fact]
    public void Form_RequesterSeesNoticeOnly()
    {
        var engineer = Actors.User("engineer@example.com", Roles.Engineer, Roles.ProductOwner);
        var launch = Launch(GateVerdict.Pass, engineer);

        var form = Render(launch, LaunchAccess.For(engineer, launch));

        Assert.NotNull(form.Find("[data-testid=own-request-notice]"));
        Assert.Empty(form.FindAll("[data-testid=approve]"));
        Assert.Empty(form.FindAll("[data-testid=reject]"));
    }

    [Fact]
    public void Form_FailingGateOffersOverrideOnly()
    {
        var launch = Launch(GateVerdict.Fail, Actors.Engineer);
        var owner = Actors.User("owner@example.com", Roles.ProductOwner);

        var form = Render(launch, LaunchAccess.For(owner, launch));

        Assert.NotNull(form.Find("[data-testid=override]"));
        Assert.Empty(form.FindAll("[data-testid=approve]"));
        Assert.Contains("Overrides so far: 0 of 2", form.Find("[data-testid=decision-rule]").TextContent);
    }

    [Fact]
    public void Form_InconclusiveInsertsAcknowledgement()
    {
        var launch = Launch(GateVerdict.Inconclusive, Actors.Engineer, ["faithfulness", "context_recall"]);
        var owner = Actors.User("owner@example.com", Roles.ProductOwner);
        var form = Render(launch, LaunchAccess.For(owner, launch));

        form.Find("[data-testid=insert-acknowledgement]").Click();

        Assert.Equal("faithfulness, context_recall", form.Find("[data-testid=inconclusive-items]").TextContent);
        var comment = form.Find("textarea").GetAttribute("value") ?? form.Find("textarea").TextContent;
        Assert.Empty(LaunchRules.MissingAcknowledgements(comment, ["faithfulness", "context_recall"]));
    }

    [Fact]
    public void Form_ViewerSeesNoDecisionButtons()
    {
        var launch = Launch(GateVerdict.Pass, Actors.Engineer);

        var form = Render(launch, LaunchAccess.For(Actors.Viewer, launch));

        Assert.NotNull(form.Find("[data-testid=not-product-owner]"));
        Assert.Empty(form.FindAll("button"));
    }

    [Fact]
    public void Access_SreMayPromoteButNotDecide()
    {
        var launch = Launch(GateVerdict.Pass, Actors.Engineer);

        var access = LaunchAccess.For(Actors.Sre, launch);

        Assert.True(access.CanPromote);
        Assert.False(access.CanDecide);
        Assert.False(access.CanWithdraw);
    }

    private IRenderedComponent<LaunchDecisionForm> Render(LaunchView launch, LaunchAccess access) =>
        _context.Render<LaunchDecisionForm>(p => p.Add(f => f.Launch, launch).Add(f => f.Access, access));

    private static LaunchView Launch(GateVerdict verdict, Actor requester, IReadOnlyList<string>? items = null)
    {
        var summary = new LaunchSummary(3, "support-rag", "production", "v2", "v1", LaunchState.Submitted, verdict, false, requester.Name, DateTime.UtcNow, DateTime.UtcNow, null);
        var gate = new GateEvidence(verdict, ["test reason"], verdict, ["faithfulness"], null, items ?? []);
        var evidence = new LaunchEvidence(
            LaunchEvidence.CurrentSchema, "support-rag", "production", "production", "v2", "v1", false, null, gate,
            new SloEvidence(LaunchSloStatus.NotChecked, [], [], "not checked"), DateTime.UtcNow);
        return new LaunchView(summary, requester.Id, "production", null, evidence, "hash", true, [], null, 1);
    }
}
