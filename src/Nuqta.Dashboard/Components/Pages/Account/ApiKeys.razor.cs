using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Components.Shared.Keys;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Pages.Account;

/// <summary>The signed-in user's personal API keys: list, create and revoke.</summary>
public partial class ApiKeys
{
    private IReadOnlyList<ApiKeyView>? _keys;
    private string? _loadError;
    private DateTime _nowUtc;
    private bool _busy;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    public required ApiKeyService Keys { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required TimeProvider Time { get; init; }

    [Inject]
    public required ILogger<ApiKeys> Logger { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loadError = null;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            _keys = await Keys.ListAsync(actor, all: false);
            _nowUtc = Time.GetUtcNow().UtcDateTime;
        }
        catch (AccessDeniedException exception)
        {
            _loadError = exception.Message;
        }
    }

    private async Task CreateKeyAsync()
    {
        _busy = true;
        try
        {
            // The roles are read now, not at page load, because an admin may have changed them since.
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            var created = await CreateKeyDialog.ShowAsync(Dialogs, Text.YourAccount, actor.Roles.ToList(), serviceAccountId: null);
            if (created is not null)
            {
                Snackbar.Add(Text.Created(created.Key.Name), Severity.Success);
                await LoadAsync();
            }
        }
        catch (AccessDeniedException exception)
        {
            Snackbar.Add(exception.Message, Severity.Error);
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RevokeAsync(ApiKeyView key)
    {
        if (!await KeyRevocation.ConfirmAsync(Dialogs, key))
        {
            return;
        }

        _busy = true;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            await Keys.RevokeAsync(actor, key.Id);
            Snackbar.Add(KeyRevocation.RevokedMessage(key), Severity.Success);
        }
        catch (Exception exception) when (CoreErrors.IsRejection(exception))
        {
            Logger.LogRejection(exception, "revoke API key", key.Id.ToString());
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
        public const string Title = "My API keys";
        public const string Intro = "A key lets a script or CI job call the API as you, limited to the scopes you choose. Your current roles decide which scopes you can choose.";
        public const string NewKey = "New key";
        public const string YourAccount = "your account";
        public const string Loading = "Loading your keys…";
        public const string LoadFailed = "Your keys could not be loaded";
        public const string Retry = "Try again";
        public const string EmptyTitle = "You have no API keys";
        public const string EmptyMessage = "Create one with 'New key' when a script or CI job needs to call the API.";

        public static string Created(string keyName) => $"Key '{keyName}' created.";
    }
}
