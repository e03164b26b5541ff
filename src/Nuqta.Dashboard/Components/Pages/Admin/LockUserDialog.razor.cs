using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Pages.Admin;

public partial class LockUserDialog
{
    private string _reason = "";
    private bool _busy;
    private Exception? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    public required UserAdministration Users { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required ILogger<LockUserDialog> Logger { get; init; }

    [Parameter, EditorRequired] public UserView User { get; set; } = default!;

    /// <summary>Shows the dialog and returns the locked user, or null when cancelled.</summary>
    public static async Task<UserView?> ShowAsync(IDialogService dialogs, UserView user)
    {
        var parameters = new DialogParameters<LockUserDialog> { { d => d.User, user } };
        var reference = await dialogs.ShowAsync<LockUserDialog>(Text.Title(user.UserName), parameters, AdminDialogOptions.Form);
        var result = await reference.Result;
        return result is { Canceled: false, Data: UserView locked } ? locked : null;
    }

    private async Task LockAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            var reason = string.IsNullOrWhiteSpace(_reason) ? null : _reason.Trim();
            var locked = await Users.LockAsync(actor, User.Id, reason);
            Dialog.Close(DialogResult.Ok(locked));
        }
        catch (Exception exception) when (CoreErrors.IsRejection(exception))
        {
            Logger.LogRejection(exception, "lock user", User.UserName);
            _error = exception;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();

    /// <summary>User-facing text of the dialog, kept in one place for translation.</summary>
    private static class Text
    {
        public const string Explanation = "The user cannot sign in, their open sessions stop working, and their API keys stop working until an admin unlocks them.";
        public const string Reason = "Reason (optional)";
        public const string ReasonHelp = "Recorded in the audit trail, for example 'left the company'.";
        public const string NotLocked = "The user was not locked";
        public const string Cancel = "Cancel";
        public const string Lock = "Lock user";
        public const string Locking = "Locking…";

        public static string Title(string userName) => $"Lock {userName}?";
    }
}
