using Microsoft.Playwright;

namespace Nuqta.Dashboard.EndToEndTests;

[Collection(AppServerCollection.Name)]
public sealed class WebhookAndAuditFlowTests(AppServer server)
{
    [Fact]
    public async Task Admin_CreatesWebhookAfterUrlRejected()
    {
        var page = await server.SignInAsync("admin@demo.nuqta");
        // Port 9 (discard) on loopback: nothing listens, so no request leaves the machine.
        var url = $"http://127.0.0.1:9/e2e-{Guid.NewGuid():N}";

        await page.OpenAsync(server.BaseUrl + "/admin/webhooks");
        await page.ClickAsync("[data-testid=new-webhook]");
        await page.Field("webhook-url").FillAsync("ftp://files.example.com/drop");
        await page.Locator("[data-choice='incident.opened'] input").CheckAsync();
        await page.ClickAsync("[data-testid=save-webhook]");
        await Assertions.Expect(page.Locator("[data-testid=core-error]")).ToContainTextAsync("sent only over https or http");

        await page.Field("webhook-url").FillAsync(url);
        await page.ClickAsync("[data-testid=save-webhook]");
        await Assertions.Expect(page.Field("secret-value")).ToBeVisibleAsync();
        var secret = await page.Field("secret-value").InputValueAsync();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await page.ClickAsync("text=I have copied it");

        var row = page.Locator("[data-testid=webhook-table] tr", new() { HasText = url });
        await Assertions.Expect(row).ToContainTextAsync("Incident opened");
        await Assertions.Expect(row).ToContainTextAsync(secret[^4..]);
        await Assertions.Expect(row).Not.ToContainTextAsync(secret);
    }

    [Fact]
    public async Task Viewer_OpensModelHistory()
    {
        var page = await server.SignInAsync("viewer@demo.nuqta");

        await page.OpenAsync(server.BaseUrl + "/models/legal-qa");
        await page.ClickAsync("[data-testid=model-history]");
        await page.WaitForURLAsync("**/audit/history/model/legal-qa");

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("History of model legal-qa");
        await Assertions.Expect(page.Locator("[data-testid=audit-table]")).ToContainTextAsync("alias.moved");
    }

    [Fact]
    public async Task Admin_LastVerificationStaysVisible()
    {
        var page = await server.SignInAsync("admin@demo.nuqta");
        await page.OpenAsync(server.BaseUrl + "/audit");
        await page.ClickAsync("[data-testid=verify-chain]");
        await Assertions.Expect(page.Locator("[data-testid=verify-result]")).ToContainTextAsync("The chain is intact");

        await page.OpenAsync(server.BaseUrl + "/audit");

        await Assertions.Expect(page.Locator("[data-testid=verify-result]")).ToContainTextAsync("The chain is intact");
        await Assertions.Expect(page.Locator("[data-testid=verify-result]")).ToContainTextAsync("by admin@demo.nuqta");
    }
}
