using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Components.Shared.Keys;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Pages.Admin;

/// <summary>The admin's list of service accounts: create, edit, disable, and create keys for CI.</summary>
public partial class ServiceAccounts
{
    private IReadOnlyList<ServiceAccountView>? _accounts;
    private string? _loadError;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    public required ServiceAccountService Accounts { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loadError = null;
        try
        {
            // Listing needs no actor in Core, so check here that the signed-in user is still an admin.
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            actor.Demand(Permission.Administer);
            _accounts = await Accounts.ListAsync();
        }
        catch (AccessDeniedException exception)
        {
            _loadError = exception.Message;
        }
    }

    private async Task CreateAccountAsync()
    {
        var created = await ServiceAccountDialog.ShowAsync(Dialogs, account: null);
        if (created is not null)
        {
            Snackbar.Add(Text.Created(created.Name), Severity.Success);
            await LoadAsync();
        }
    }

    private async Task EditAccountAsync(ServiceAccountView account)
    {
        var saved = await ServiceAccountDialog.ShowAsync(Dialogs, account);
        if (saved is not null)
        {
            Snackbar.Add(Text.Saved(saved.Name), Severity.Success);
            await LoadAsync();
        }
    }

    private async Task CreateKeyAsync(ServiceAccountView account)
    {
        _busy = true;
        try
        {
            // The account's roles may have changed since the list was loaded, so read them again.
            await LoadAsync();
            var current = _accounts?.FirstOrDefault(a => a.Id == account.Id);
            if (current is null)
            {
                Snackbar.Add(Text.Gone(account.Name), Severity.Error);
                return;
            }

            var created = await CreateKeyDialog.ShowAsync(Dialogs, Text.Owner(current.Name), current.Roles, current.Id);
            if (created is not null)
            {
                Snackbar.Add(Text.KeyCreated(created.Key.Name, current.Name), Severity.Success);
                await LoadAsync();
            }
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>User-facing text of the page, kept in one place for translation.</summary>
    private static class Text
    {
        public const string Title = "Service accounts";
        public const string Intro = "Non-human identities for CI and automation. They act only through API keys, whose scopes their roles limit.";
        public const string NewAccount = "New service account";
        public const string Loading = "Loading service accounts…";
        public const string LoadFailed = "The service accounts could not be loaded";
        public const string Retry = "Try again";
        public const string EmptyTitle = "No service accounts yet";
        public const string EmptyMessage = "Create one for each team's CI, so that its uploads are audited under its own name.";
        public const string Account = "Account and team";
        public const string Roles = "Roles";
        public const string Status = "Status";
        public const string ActiveKeys = "Active keys";
        public const string CreatedColumn = "Created (UTC)";
        public const string Actions = "Actions";
        public const string NoTeam = "no team";
        public const string Enabled = "Enabled";
        public const string Disabled = "Disabled";
        public const string Edit = "Edit";
        public const string NewKey = "New key";
        public const string KeysHint = "Revoke a service account's keys on the All API keys page.";

        public static string EditOf(string name) => $"Edit service account {name}";

        public static string NewKeyFor(string name) => $"New API key for service account {name}";

        public static string Owner(string name) => $"service account {name}";

        public static string Created(string name) => $"Service account {name} created.";

        public static string Saved(string name) => $"Service account {name} saved.";

        public static string Gone(string name) => $"Service account {name} no longer exists.";

        public static string KeyCreated(string keyName, string accountName) => $"Key '{keyName}' created for {accountName}.";
    }
}
