using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Pages.Admin;

public partial class EditRolesDialog
{
    private readonly HashSet<string> _roles = new(StringComparer.Ordinal);
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
    public required ILogger<EditRolesDialog> Logger { get; init; }

    [Parameter, EditorRequired] public UserView User { get; set; } = default!;

    /// <summary>Shows the dialog and returns the changed user, or null when cancelled.</summary>
    public static async Task<UserView?> ShowAsync(IDialogService dialogs, UserView user)
    {
        var parameters = new DialogParameters<EditRolesDialog> { { d => d.User, user } };
        var reference = await dialogs.ShowAsync<EditRolesDialog>(Text.Title(user.UserName), parameters, AdminDialogOptions.Form);
        var result = await reference.Result;
        return result is { Canceled: false, Data: UserView changed } ? changed : null;
    }

    protected override void OnInitialized() => _roles.UnionWith(User.Roles);

    private async Task SaveAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            var changed = await Users.SetRolesAsync(actor, User.Id, Roles.All.Where(_roles.Contains).ToList());
            Dialog.Close(DialogResult.Ok(changed));
        }
        catch (Exception exception) when (CoreErrors.IsRejection(exception))
        {
            Logger.LogRejection(exception, "change roles", User.UserName);
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
        public const string Roles = "Roles";
        public const string Help = "The change applies to the user's next act, also in a browser tab that is already open. Their API keys keep their scopes but act only within the new roles.";
        public const string NotSaved = "The roles were not changed";
        public const string Cancel = "Cancel";
        public const string Save = "Save roles";
        public const string Saving = "Saving…";

        public static string Title(string userName) => $"Roles of {userName}";
    }
}
