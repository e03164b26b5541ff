using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Nuqta.Dashboard.EndToEndTests;

[Collection(AppServerCollection.Name)]
public sealed class ScorecardFlowTests(AppServer server)
{
    [Fact]
    public async Task Owner_PresentsAndFreezesWeek()
    {
        // Two weeks back: a week full of demo runs that no other browser test imports into.
        var today = DateTime.UtcNow.AddDays(-14);
        var week = string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(today):D4}-W{ISOWeek.GetWeekOfYear(today):D2}");
        var page = await server.SignInAsync("owner@demo.nuqta");

        await page.OpenAsync($"{server.BaseUrl}/scorecard?week={week}");
        await Assertions.Expect(page.Locator("[data-testid=scorecard]")).ToHaveAttributeAsync("data-week", week);
        await Assertions.Expect(page.Locator("[data-testid=scorecard-model]").First).ToBeVisibleAsync();

        await page.ClickAsync("[data-testid=meeting-mode]");
        await page.WaitForURLAsync($"**/scorecard/meeting?week={week}");
        await page.Locator("[data-testid=meeting][data-keys=ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var counter = page.Locator("[data-testid=slide-counter]");
        await Assertions.Expect(counter).ToHaveTextAsync(new Regex(@"^1 / \d+$"));

        await page.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(counter).ToHaveTextAsync(new Regex(@"^2 / \d+$"));
        await Assertions.Expect(page.Locator("[data-testid=slide-model]")).ToBeVisibleAsync();

        // Escape navigates inside the circuit (history API), so no load event follows; poll the URL instead.
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($@"/scorecard\?week={week}$"));
        await page.OpenAsync($"{server.BaseUrl}/scorecard?week={week}");

        await page.ClickAsync("[data-testid=freeze-week]");
        await Assertions.Expect(page.Locator("[data-testid=frozen-banner]")).ToContainTextAsync("Frozen by");

        await page.ClickAsync("[data-testid=unfreeze-week]");
        await page.Field("unfreeze-reason").FillAsync("Reopened by the end-to-end test");
        await page.ClickAsync("[data-testid=unfreeze-confirm]");
        await Assertions.Expect(page.Locator("[data-testid=frozen-banner]")).ToHaveCountAsync(0);
    }
}
