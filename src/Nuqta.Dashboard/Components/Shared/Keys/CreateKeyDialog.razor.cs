using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Shared.Keys;

public partial class CreateKeyDialog
{
    private readonly CreateKeyModel _model = new();
    private bool _busy;
    private Exception? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    public required ApiKeyService Keys { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required ILogger<CreateKeyDialog> Logger { get; init; }

    /// <summary>Scopes that the owner's roles grant. Core checks them again when the key is created.</summary>
    [Parameter, EditorRequired] public IReadOnlyList<string> GrantableScopes { get; set; } = [];

    /// <summary>Who the key will act as, for example "your account" or "service account ci-legal".</summary>
    [Parameter] public string OwnerName { get; set; } = "";

    [Parameter] public IReadOnlyCollection<string> OwnerRoles { get; set; } = [];

    /// <summary>The service account that will own the key, or null for a personal key.</summary>
    [Parameter] public Guid? ServiceAccountId { get; set; }

    /// <summary>
    /// Shows the dialog and, when a key was created, the secret once. Returns the new key, or null
    /// when the user cancelled.
    /// </summary>
    public static async Task<CreatedApiKey?> ShowAsync(IDialogService dialogs, string ownerName, IReadOnlyCollection<string> ownerRoles, Guid? serviceAccountId)
    {
        var parameters = new DialogParameters<CreateKeyDialog>
        {
            { d => d.GrantableScopes, AccessMatrix.GrantableScopes(ownerRoles) },
            { d => d.OwnerName, ownerName },
            { d => d.OwnerRoles, ownerRoles },
            { d => d.ServiceAccountId, serviceAccountId },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false };
        var reference = await dialogs.ShowAsync<CreateKeyDialog>(Text.Title(ownerName), parameters, options);
        var result = await reference.Result;
        if (result is null || result.Canceled || result.Data is not CreatedApiKey created)
        {
            return null;
        }

        await OneTimeSecretDialog.ShowAsync(dialogs, Text.CreatedTitle(created.Key.Name), Text.CreatedIntro, Text.SecretLabel, created.Secret);
        return created;
    }

    private async Task CreateAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            var created = await Keys.CreateAsync(actor, _model.ToRequest(ServiceAccountId));
            Dialog.Close(DialogResult.Ok(created));
        }
        catch (Exception exception) when (CoreErrors.IsRejection(exception))
        {
            Logger.LogRejection(exception, "create API key", OwnerName);
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
        public const string Cancel = "Cancel";
        public const string Create = "Create key";
        public const string Creating = "Creating…";
        public const string NotCreated = "The key was not created";
        public const string SecretLabel = "API key";
        public const string CreatedIntro = "Send it as 'Authorization: Bearer <key>'. Store it in a password manager or your CI's secret store.";

        public static string Title(string owner) => $"New API key for {owner}";

        public static string CreatedTitle(string keyName) => $"Key '{keyName}' created";
    }
}
