using Microsoft.Playwright;

namespace Nuqta.Dashboard.EndToEndTests;

[Collection(AppServerCollection.Name)]
public sealed class ComparisonFlowTests(AppServer server)
{
    [Fact]
    public async Task Engineer_FindsSegmentRegressionAndDrillsDown()
    {
        var page = await server.SignInAsync("engineer@demo.nuqta");

        // The demo's v2.0 of support-rag drops faithfulness in the maghrebi dialect against v1.2 in production.
        await page.OpenAsync($"{server.BaseUrl}/comparisons/new?model=support-rag");

        var gate = page.Locator("[data-testid=gate-verdict]");
        await Assertions.Expect(gate).ToHaveAttributeAsync("data-verdict", "fail");
        await Assertions.Expect(gate).ToContainTextAsync("faithfulness mean in dialect=maghrebi regressed");
        await Assertions.Expect(page.Locator("[data-testid=regression-chart][data-metric=faithfulness] .apexcharts-canvas")).ToBeVisibleAsync();

        var regressed = page.Locator("[data-testid=heatmap] td[data-verdict=regression]");
        await Assertions.Expect(regressed).ToHaveCountAsync(1);
        await regressed.Locator("a").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("segment=maghrebi", StringComparison.Ordinal) && url.Contains("metric=faithfulness", StringComparison.Ordinal));

        // The drop table renders together with the distribution, so its caption shows that the list is the segment's.
        await Assertions.Expect(page.Locator("[data-testid=distribution-chart] figcaption")).ToContainTextAsync("dialect = maghrebi");
        var drops = page.Locator("[data-testid=drop-link]");
        await Assertions.Expect(drops.First).ToBeVisibleAsync();
        var key = await drops.First.InnerTextAsync();
        await drops.First.ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("example=", StringComparison.Ordinal));

        // The heatmap link already ended in #examples, and the example link replaces it rather than adding a second one.
        Assert.EndsWith("#examples", page.Url, StringComparison.Ordinal);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page.Url, "#examples"));

        var detail = page.Locator("[data-testid=drop-detail]");
        await Assertions.Expect(detail).ToContainTextAsync($"Example {key}: faithfulness");
        await Assertions.Expect(detail.Locator("[data-testid=baseline-output]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(detail.Locator("[data-testid=candidate-output]")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("[data-testid=distribution-chart] .apexcharts-canvas")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Engineer_SavesComparisonWithItsGate()
    {
        var page = await server.SignInAsync("engineer@demo.nuqta");
        await page.OpenAsync($"{server.BaseUrl}/comparisons/new?model=support-rag&dimension=dialect&metric=faithfulness&segment=maghrebi");

        await page.ClickAsync("[data-testid=save-comparison]");
        await page.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/comparisons/[0-9]+"));

        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Comparison #");
        await Assertions.Expect(page.Locator("[data-testid=gate-verdict]")).ToHaveAttributeAsync("data-verdict", "fail");
        await page.OpenAsync($"{server.BaseUrl}/comparisons");
        await Assertions.Expect(page.Locator("[data-testid=comparison-list]")).ToContainTextAsync("v2.0");
    }
}
