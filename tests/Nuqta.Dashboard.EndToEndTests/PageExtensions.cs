using Microsoft.Playwright;

namespace Nuqta.Dashboard.EndToEndTests;

internal static class PageExtensions
{
    /// <summary>Opens a page and waits until the Blazor circuit is connected, so clicks reach the server.</summary>
    public static async Task OpenAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        // The layout marks the page once the circuit renders it. Input typed into the prerendered
        // page before that would be lost, because the interactive render replaces it.
        await page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
    }

    /// <summary>Returns the input element of a MudBlazor field marked with a data-testid.</summary>
    public static ILocator Field(this IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
}
