using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Pages.Admin;

public partial class CreateUserDialog
{
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal) { Roles.Viewer };
    private string _email = "";
    private string _displayName = "";
    private string _password = "";
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
    public required ILogger<CreateUserDialog> Logger { get; init; }

    /// <summary>Shows the dialog and returns the new user and any generated password, or null when cancelled.</summary>
    public static async Task<UserWithPassword?> ShowAsync(IDialogService dialogs)
    {
        var reference = await dialogs.ShowAsync<CreateUserDialog>(Text.Title, AdminDialogOptions.Form);
        var result = await reference.Result;
        return result is { Canceled: false, Data: UserWithPassword created } ? created : null;
    }

    private async Task CreateAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            var roles = Roles.All.Where(_roles.Contains).ToList();
            var password = string.IsNullOrEmpty(_password) ? null : _password;
            var created = await Users.CreateAsync(actor, new CreateUserRequest(_email, _displayName, roles, password));
            Dialog.Close(DialogResult.Ok(created));
        }
        catch (Exception exception) when (CoreErrors.IsRejection(exception))
        {
            Logger.LogRejection(exception, "create user", _email);
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
        public const string Title = "New user";
        public const string Email = "Email";
        public const string EmailHelp = "The user signs in with this address.";
        public const string DisplayName = "Display name";
        public const string DisplayNameHelp = "Shown in the app bar and the audit trail. The email is used when left empty.";
        public const string Roles = "Roles";
        public const string Password = "Password (optional)";
        public const string PasswordHelp = "Leave empty to generate a temporary password, which is shown once after the user is created.";
        public const string NotCreated = "The user was not created";
        public const string Cancel = "Cancel";
        public const string Create = "Create user";
        public const string Creating = "Creating…";
    }
}
