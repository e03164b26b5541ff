using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Components.Pages.Admin;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Webhooks;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Pages.Webhooks;

public partial class WebhookDialog
{
    private readonly HashSet<string> _types = new(StringComparer.Ordinal);
    private string _url = "";
    private string _description = "";
    private string _secret = "";
    private bool _generateSecret = true;
    private bool _enabled = true;
    private bool _busy;
    private Exception? _error;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    public required WebhookService Webhooks { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required ILogger<WebhookDialog> Logger { get; init; }

    /// <summary>The subscription to edit, or null to create one.</summary>
    [Parameter] public WebhookSubscriptionView? Subscription { get; set; }

    private string DialogTitle => Subscription is null ? Text.NewTitle : Text.EditTitle(Subscription.Id);

    /// <summary>
    /// Shows the dialog. Returns the created subscription with its secret, the edited one without
    /// a secret, or null when cancelled.
    /// </summary>
    public static async Task<object?> ShowAsync(IDialogService dialogs, WebhookSubscriptionView? subscription)
    {
        var parameters = new DialogParameters<WebhookDialog> { { d => d.Subscription, subscription } };
        var title = subscription is null ? Text.NewTitle : Text.EditTitle(subscription.Id);
        var reference = await dialogs.ShowAsync<WebhookDialog>(title, parameters, AdminDialogOptions.Form);
        var result = await reference.Result;
        return result is { Canceled: false } ? result.Data : null;
    }

    protected override void OnInitialized()
    {
        if (Subscription is null)
        {
            return;
        }

        _url = Subscription.Url;
        _description = Subscription.Description;
        _enabled = Subscription.Enabled;
        _types.UnionWith(Subscription.EventTypes);
    }

    // The same rule that Core applies on save, shown while typing.
    private static string? CheckUrl(string value) => string.IsNullOrEmpty(value) ? null : WebhookUrl.Check(value)?.Message;

    private async Task SaveAsync()
    {
        _busy = true;
        _error = null;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            var types = Core.Events.EventTypes.All.Where(_types.Contains).ToList();
            if (Subscription is null)
            {
                var request = new WebhookSubscriptionRequest(_url, _description, types, _enabled, _generateSecret ? null : _secret);
                Dialog.Close(DialogResult.Ok(await Webhooks.CreateAsync(actor, request)));
            }
            else
            {
                var request = new WebhookSubscriptionRequest(_url, _description, types, _enabled);
                Dialog.Close(DialogResult.Ok(await Webhooks.UpdateAsync(actor, Subscription.Id, request)));
            }
        }
        catch (Exception exception) when (CoreErrors.IsRejection(exception))
        {
            Logger.LogRejection(exception, Subscription is null ? "create webhook subscription" : "update webhook subscription", _url);
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
        public const string NewTitle = "New webhook";
        public const string Url = "Receiver URL";
        public const string UrlHelp = "The full http or https address that receives a POST per event, for example https://hooks.example.com/nuqta.";
        public const string Description = "Description";
        public const string DescriptionHelp = "Who runs the receiver and what it does with the events.";
        public const string Events = "Event types";
        public const string EventsHelp = "The receiver gets only the events of the types chosen here.";
        public const string GenerateSecret = "Generate the signing secret";
        public const string Secret = "Signing secret";
        public const string SecretHelp = "16 to 200 characters. The receiver uses it to check the Nuqta-Signature header.";
        public const string Enabled = "Enabled";
        public const string EnabledHelp = "While disabled, new events are not queued for this receiver and queued deliveries wait.";
        public const string NotSaved = "Nothing was saved";
        public const string Cancel = "Cancel";
        public const string Create = "Create webhook";
        public const string Save = "Save";
        public const string Saving = "Saving…";

        public static string EditTitle(int id) => $"Edit webhook {id}";
    }
}
