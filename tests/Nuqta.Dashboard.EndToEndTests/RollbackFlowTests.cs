using Microsoft.Playwright;

namespace Nuqta.Dashboard.EndToEndTests;

[Collection(AppServerCollection.Name)]
public sealed class RollbackFlowTests(AppServer server)
{
    [Fact]
    public async Task Sre_RollsBackRegressedModelFromOverview()
    {
        var page = await server.SignInAsync("sre@demo.nuqta");
        await page.OpenAsync(server.BaseUrl + "/");
        await Assertions.Expect(page.Locator("[data-testid=holder-legal-qa-production]")).ToHaveTextAsync("2026.11");

        await page.ClickAsync("[data-testid=rollback-legal-qa-production]");
        await Assertions.Expect(page.Locator("[data-testid=rollback-current]")).ToContainTextAsync("production now points to 2026.11");
        await Assertions.Expect(page.Locator("[data-testid=rollback-target]")).ToContainTextAsync("2026.10");
        var submit = page.Locator("[data-testid=rollback-submit]");
        await Assertions.Expect(submit).ToContainTextAsync("Roll back to 2026.10");

        await page.Locator("[data-testid=rollback-reason] textarea, textarea[data-testid=rollback-reason]").First.FillAsync("cited_support good-rate fell to 0.82 since 2026.11");
        await page.Field("rollback-confirm").FillAsync("legal");
        await Assertions.Expect(submit).ToBeDisabledAsync();
        await page.Field("rollback-confirm").FillAsync("legal-qa");
        await Assertions.Expect(submit).ToBeEnabledAsync();
        await submit.ClickAsync();

        await Assertions.Expect(page.Locator("[data-testid=rollback-outcome]")).ToContainTextAsync("from 2026.11 to 2026.10");
        await Assertions.Expect(page.Locator("[data-testid=holder-legal-qa-production]")).ToHaveTextAsync("2026.10");
        await Assertions.Expect(page.Locator("[data-testid=overview-rollbacks]")).ToContainTextAsync("legal-qa production: 2026.11 → 2026.10");

        await page.ClickAsync("[data-testid=rollback-incident-link]");
        await page.WaitForURLAsync("**/incidents/*");
        await Assertions.Expect(page.Locator("[data-testid=incident-status]")).ToHaveTextAsync("open");
        await Assertions.Expect(page.Locator("[data-testid=incident-timeline]")).ToContainTextAsync("Rolled back production from 2026.11 to 2026.10");

        await page.OpenAsync(server.BaseUrl + "/audit?subject=legal-qa/production");
        await Assertions.Expect(page.Locator("[data-testid=audit-table]")).ToContainTextAsync("alias.rolled-back");
        await page.OpenAsync(server.BaseUrl + "/audit?action=incident.opened");
        await Assertions.Expect(page.Locator("[data-testid=audit-table]")).ToContainTextAsync("incident.opened");
    }

    [Fact]
    public async Task Viewer_SeesNoRollbackButton()
    {
        var page = await server.SignInAsync("viewer@demo.nuqta");

        await page.OpenAsync(server.BaseUrl + "/");

        await Assertions.Expect(page.Locator("[data-testid=overview-model-support-rag]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid^=rollback-]")).ToHaveCountAsync(0);
    }
}
