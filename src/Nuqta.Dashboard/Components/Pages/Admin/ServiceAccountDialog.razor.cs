using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Pages.Admin;

public partial class ServiceAccountDialog
{
    /// <summary>
    /// Roles a service account may hold. Core rejects product owner because approving a launch
    /// is a human act, so the form does not offer it.
    /// </summary>
    private static readonly IReadOnlyList<string> RoleOptions = Roles.All.Where(r => r != Roles.ProductOwner).ToList();

    private readonly HashSet<string> _roles = new(StringComparer.Ordinal);
    private string _name = "";
    private string _team = "";
    private string _description = "";
    private bool _disabled;
    private bool _busy;
    private Exception? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    public required ServiceAccountService Accounts { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required ILogger<ServiceAccountDialog> Logger { get; init; }

    /// <summary>The account to edit, or null to create one.</summary>
    [Parameter] public ServiceAccountView? Account { get; set; }

    private string DialogTitle => Account is null ? Text.NewTitle : Text.EditTitle(Account.Name);

    /// <summary>Shows the dialog and returns the saved account, or null when cancelled.</summary>
    public static async Task<ServiceAccountView?> ShowAsync(IDialogService dialogs, ServiceAccountView? account)
    {
        var parameters = new DialogParameters<ServiceAccountDialog> { { d => d.Account, account } };
        var title = account is null ? Text.NewTitle : Text.EditTitle(account.Name);
        var reference = await dialogs.ShowAsync<ServiceAccountDialog>(title, parameters, AdminDialogOptions.Form);
        var result = await reference.Result;
        return result is { Canceled: false, Data: ServiceAccountView saved } ? saved : null;
    }

    protected override void OnInitialized()
    {
        if (Account is null)
        {
            _roles.Add(Roles.Engineer);
            return;
        }

        _team = Account.Team;
        _description = Account.Description;
        _disabled = Account.Disabled;
        _roles.UnionWith(Account.Roles);
    }

    private async Task SaveAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            var roles = Roles.All.Where(_roles.Contains).ToList();
            var saved = Account is null
                ? await Accounts.CreateAsync(actor, new ServiceAccountRequest(_name, _team, _description, roles))
                : await Accounts.UpdateAsync(actor, Account.Id, new ServiceAccountRequest(Account.Name, _team, _description, roles), _disabled);
            Dialog.Close(DialogResult.Ok(saved));
        }
        catch (Exception exception) when (CoreErrors.IsRejection(exception))
        {
            Logger.LogRejection(exception, Account is null ? "create service account" : "update service account", Account?.Name ?? _name);
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
        public const string NewTitle = "New service account";
        public const string Name = "Name";
        public const string NameHelp = "Letters, digits, '.', '_' and '-', for example 'ci-legal'. It cannot be changed later.";
        public const string Team = "Team";
        public const string TeamHelp = "The team that owns the automation, for example 'legal'.";
        public const string Description = "Description";
        public const string DescriptionHelp = "What the account is used for and who to ask about it.";
        public const string Roles = "Roles";
        public const string RolesHelp = "A service account cannot be a product owner, because approving a launch is a human act.";
        public const string Disabled = "Disabled";
        public const string DisabledHelp = "A disabled account's keys stop working at once, and no new keys can be created for it.";
        public const string NotSaved = "Nothing was saved";
        public const string Cancel = "Cancel";
        public const string Create = "Create account";
        public const string Save = "Save";
        public const string Saving = "Saving…";

        public static string EditTitle(string name) => $"Edit service account {name}";
    }
}
