using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Nuqta.Dashboard.Components.Shared;

namespace Nuqta.Dashboard.Components.Layout;

public partial class MainLayout
{
    private const string DarkModeKey = "nuqta.dark-mode";

    private bool _drawerOpen = true;
    private bool _darkMode;
    private AppErrorBoundary? _errorBoundary;

    [Inject]
    public required ProtectedLocalStorage Storage { get; init; }

    /// <summary>User-facing text of the layout, kept in one place for translation.</summary>
    internal static class Text
    {
        public const string ProductName = "Nuqta Dashboard";
        public const string ToggleNavigation = "Show or hide navigation";
        public const string ToggleTheme = "Switch between light and dark theme";
        public const string LightTheme = "Light theme";
        public const string DarkTheme = "Dark theme";
        public const string SignOut = "Sign out";
    }

    protected override void OnParametersSet()
    {
        // A new page gets a fresh chance after an error on the previous one.
        _errorBoundary?.Recover();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        try
        {
            var stored = await Storage.GetAsync<bool>(DarkModeKey);
            if (stored.Success && stored.Value != _darkMode)
            {
                _darkMode = stored.Value;
                StateHasChanged();
            }
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            // A value written under an older Data Protection key cannot be read; the default theme stays.
        }
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task ToggleTheme()
    {
        _darkMode = !_darkMode;
        await Storage.SetAsync(DarkModeKey, _darkMode);
    }

    private static string DisplayName(ClaimsPrincipal user) => user.Identity?.Name ?? "";
}
