using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Components.Shared.Keys;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Pages.Admin;

/// <summary>Every API key, of users and service accounts, filtered by owner and status, with revocation.</summary>
public partial class AllKeys
{
    private IReadOnlyList<ApiKeyView>? _keys;
    private string? _loadError;
    private DateTime _nowUtc;
    private bool _busy;
    private string? _ownerFilter;
    private KeyStatus? _statusFilter = KeyStatus.Active;

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
    public required ILogger<AllKeys> Logger { get; init; }

    /// <summary>The loaded keys whose owner contains the owner filter (ignoring case) and whose status matches.</summary>
    private IReadOnlyList<ApiKeyView> FilteredKeys => (_keys ?? [])
        .Where(k => string.IsNullOrWhiteSpace(_ownerFilter) || k.Owner.Contains(_ownerFilter.Trim(), StringComparison.OrdinalIgnoreCase))
        .Where(k => _statusFilter is null || KeyStatuses.Of(k, _nowUtc) == _statusFilter)
        .ToList();

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loadError = null;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            _keys = await Keys.ListAsync(actor, all: true);
            _nowUtc = Time.GetUtcNow().UtcDateTime;
        }
        catch (AccessDeniedException exception)
        {
            _loadError = exception.Message;
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
        public const string Title = "All API keys";
        public const string Intro = "Every key of every user and service account. Revoke a key that leaked or is no longer needed; it stops working at once.";
        public const string Loading = "Loading keys…";
        public const string LoadFailed = "The keys could not be loaded";
        public const string Retry = "Try again";
        public const string EmptyTitle = "No API keys yet";
        public const string EmptyMessage = "Users create keys on their My API keys page; admins create service account keys on the Service accounts page.";
        public const string OwnerFilter = "Owner";
        public const string OwnerPlaceholder = "User name or service account";
        public const string StatusFilter = "Status";
        public const string AnyStatus = "Any status";
        public const string NoMatchTitle = "No key matches the filters";
        public const string NoMatchMessage = "Clear the owner filter or choose another status.";

        public static string Showing(int shown, int total) => $"{shown} of {total} keys";
    }
}
