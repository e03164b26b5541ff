using Microsoft.Playwright;

namespace Nuqta.Dashboard.EndToEndTests;

internal static class PageExtensions
{
    /// <summary>Opens a page and waits until the Blazor circuit is connected, so clicks reach the server.</summary>
    public static async Task OpenAsync(this IPage page, string url)
    {
        await page.GotoAsync(url);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForFunctionAsync("() => window.Blazor !== undefined");
        await page.WaitForTimeoutAsync(500);
    }

    /// <summary>Returns the input element of a MudBlazor field marked with a data-testid.</summary>
    public static ILocator Field(this IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;
}
