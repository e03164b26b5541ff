using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

public sealed class PageTests
{
    [Theory]
    [InlineData("/Account/Manage/ChangePassword")]
    [InlineData("/models")]
    [InlineData("/comparisons/new?model=support-rag")]
    [InlineData("/admin/gate-policies")]
    public async Task AnonymousPage_RedirectsToLogin(string path)
    {
        using var app = new NuqtaAppFactory();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task ScorecardWeekPath_RedirectsToQuery()
    {
        using var app = new NuqtaAppFactory();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync("/scorecard/2026-W44");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/scorecard?week=2026-W44", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [InlineData("/scorecard/meeting")]
    [InlineData("/scorecard/trend")]
    public async Task ScorecardSubpages_StillPages(string path)
    {
        using var app = new NuqtaAppFactory();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(path);

        // The pages need a signed-in user, so they redirect to the sign-in page rather than match the week route.
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task LoginPage_AssetsLoad()
    {
        using var app = new NuqtaAppFactory();
        using var client = app.CreateClient();

        var page = await client.GetStringAsync("/Account/Login");
        var assets = HtmlForms.AssetReferences(page);
        var failures = new List<string>();
        foreach (var asset in assets)
        {
            var response = await client.GetAsync("/" + asset.TrimStart('/'));
            if (response.StatusCode != HttpStatusCode.OK)
            {
                failures.Add($"{asset}: {(int)response.StatusCode}");
            }
        }

        Assert.Contains(assets, a => a.Contains("_framework/blazor.web", StringComparison.Ordinal));
        Assert.Contains(assets, a => a.Contains("MudBlazor.min", StringComparison.Ordinal) && a.Contains(".css", StringComparison.Ordinal));
        Assert.Empty(failures);
    }
}
