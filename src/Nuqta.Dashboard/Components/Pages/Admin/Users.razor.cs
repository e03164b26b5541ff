using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Pages.Admin;

/// <summary>The admin's list of people's accounts: create, change roles, lock, unlock and reset passwords.</summary>
public partial class Users
{
    private IReadOnlyList<UserView>? _users;
    private string? _loadError;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    public required UserAdministration Administration { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required ILogger<Users> Logger { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loadError = null;
        try
        {
            // Listing needs no actor in Core, so check here that the signed-in user is still an admin.
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            actor.Demand(Permission.Administer);
            _users = await Administration.ListAsync();
        }
        catch (AccessDeniedException exception)
        {
            _loadError = exception.Message;
        }
    }

    private async Task CreateUserAsync()
    {
        var created = await CreateUserDialog.ShowAsync(Dialogs);
        if (created is null)
        {
            return;
        }

        Snackbar.Add(Text.Created(created.User.UserName), Severity.Success);
        if (created.TemporaryPassword is { } password)
        {
            await OneTimeSecretDialog.ShowAsync(Dialogs, Text.PasswordTitle(created.User.UserName), Text.PasswordIntro, Text.TemporaryPassword, password);
        }

        await LoadAsync();
    }

    private async Task EditRolesAsync(UserView user)
    {
        var changed = await EditRolesDialog.ShowAsync(Dialogs, user);
        if (changed is not null)
        {
            Snackbar.Add(Text.RolesChanged(changed.UserName), Severity.Success);
            await LoadAsync();
        }
    }

    private async Task LockAsync(UserView user)
    {
        var locked = await LockUserDialog.ShowAsync(Dialogs, user);
        if (locked is not null)
        {
            Snackbar.Add(Text.Locked(locked.UserName), Severity.Success);
            await LoadAsync();
        }
    }

    private async Task UnlockAsync(UserView user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = Text.UnlockTitle(user.UserName),
            Message = Text.UnlockQuestion,
            YesText = Text.Unlock,
            CancelText = Text.Cancel,
        });
        if (confirmed != true)
        {
            return;
        }

        await RunAsync("unlock user", user, async actor =>
        {
            await Administration.UnlockAsync(actor, user.Id, reason: null);
            Snackbar.Add(Text.Unlocked(user.UserName), Severity.Success);
        });
    }

    private async Task ResetPasswordAsync(UserView user)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = Text.ResetTitle(user.UserName),
            Message = Text.ResetQuestion,
            YesText = Text.ResetPassword,
            CancelText = Text.Cancel,
        });
        if (confirmed != true)
        {
            return;
        }

        string? password = null;
        await RunAsync("reset password", user, async actor =>
        {
            var reset = await Administration.ResetPasswordAsync(actor, user.Id);
            password = reset.TemporaryPassword;
        });

        if (password is not null)
        {
            await OneTimeSecretDialog.ShowAsync(Dialogs, Text.PasswordTitle(user.UserName), Text.PasswordIntro, Text.TemporaryPassword, password);
        }
    }

    /// <summary>Runs a row act with a fresh actor, shows a Core rejection, and reloads the list.</summary>
    private async Task RunAsync(string act, UserView user, Func<Actor, Task> change)
    {
        _busy = true;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            await change(actor);
        }
        catch (Exception exception) when (CoreErrors.IsRejection(exception))
        {
            Logger.LogRejection(exception, act, user.UserName);
            Snackbar.Add(CoreErrors.Summary(exception), Severity.Error);
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }

    /// <summary>User-facing text of the page, kept in one place for translation.</summary>
    private static class Text
    {
        public const string Title = "Users";
        public const string Intro = "People who sign in to the dashboard. Roles decide what each person may do; locking a user also stops their API keys.";
        public const string NewUser = "New user";
        public const string Loading = "Loading users…";
        public const string LoadFailed = "The users could not be loaded";
        public const string Retry = "Try again";
        public const string EmptyTitle = "No users yet";
        public const string User = "User";
        public const string Roles = "Roles";
        public const string Status = "Status";
        public const string FailedSignIns = "Failed sign-ins";
        public const string CreatedColumn = "Created (UTC)";
        public const string Actions = "Actions";
        public const string Active = "Active";
        public const string ChangeRoles = "Roles";
        public const string Lock = "Lock";
        public const string Unlock = "Unlock";
        public const string ResetPassword = "Reset password";
        public const string Cancel = "Cancel";
        public const string UnlockQuestion = "The user can sign in again and their API keys work again. Their failed sign-in count is reset to zero.";
        public const string ResetQuestion = "A new temporary password replaces the current one at once, and it is shown to you once. Hand it to the user over a safe channel.";
        public const string TemporaryPassword = "Temporary password";
        public const string PasswordIntro = "Hand this password to the user over a safe channel and ask them to change it after they sign in.";

        public static string ChangeRolesOf(string userName) => $"Change the roles of {userName}";

        public static string LockOf(string userName) => $"Lock {userName}";

        public static string LockedLabel(UserView user) =>
            user.LockedUntilUtc is { } until ? $"Locked until {Formats.DateTime(until)}" : "Locked";

        public static string Created(string userName) => $"User {userName} created.";

        public static string RolesChanged(string userName) => $"Roles of {userName} changed.";

        public static string Locked(string userName) => $"{userName} is locked.";

        public static string Unlocked(string userName) => $"{userName} is unlocked.";

        public static string UnlockTitle(string userName) => $"Unlock {userName}?";

        public static string ResetTitle(string userName) => $"Reset the password of {userName}?";

        public static string PasswordTitle(string userName) => $"Temporary password for {userName}";
    }
}
