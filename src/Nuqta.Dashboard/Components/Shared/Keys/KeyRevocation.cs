using MudBlazor;
using Nuqta.Dashboard.Core.Access;

namespace Nuqta.Dashboard.Components.Shared.Keys;

/// <summary>The confirmation that both key lists show before revoking.</summary>
public static class KeyRevocation
{
    /// <summary>Asks the user to confirm and returns true only when they chose to revoke.</summary>
    public static async Task<bool> ConfirmAsync(IDialogService dialogs, ApiKeyView key)
    {
        var options = new MessageBoxOptions
        {
            Title = Text.Title,
            Message = Text.Question(key),
            YesText = Text.Revoke,
            CancelText = Text.Cancel,
        };
        return await dialogs.ShowMessageBoxAsync(options) == true;
    }

    /// <summary>User-facing text of the confirmation, kept in one place for translation.</summary>
    private static class Text
    {
        public const string Title = "Revoke API key?";
        public const string Revoke = "Revoke";
        public const string Cancel = "Cancel";

        public static string Question(ApiKeyView key) =>
            $"Key '{key.Name}' ({key.Prefix}…) of {key.Owner} stops working at once. Anything that uses it will get 401 responses. This cannot be undone.";

        public static string Revoked(ApiKeyView key) => $"Key '{key.Name}' revoked.";
    }

    /// <summary>Returns the success message for a revoked key.</summary>
    public static string RevokedMessage(ApiKeyView key) => Text.Revoked(key);
}
