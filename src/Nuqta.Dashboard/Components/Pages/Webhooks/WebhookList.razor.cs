using Microsoft.AspNetCore.Components;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Webhooks;

namespace Nuqta.Dashboard.Components.Pages.Webhooks;

/// <summary>The admin's list of webhook subscriptions: create, edit, disable and rotate secrets.</summary>
public partial class WebhookList
{
    private IReadOnlyList<WebhookSubscriptionView>? _subscriptions;
    private string? _loadError;

    [Inject]
    public required WebhookService Webhooks { get; init; }

    [Inject]
    public required IDialogService Dialogs { get; init; }

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loadError = null;
        try
        {
            _subscriptions = await Webhooks.ListAsync(await CurrentActorAsync());
        }
        catch (AccessDeniedException exception)
        {
            _loadError = exception.Message;
        }
    }

    private async Task CreateAsync()
    {
        if (await WebhookDialog.ShowAsync(Dialogs, subscription: null) is WebhookSecretIssued issued)
        {
            await LoadAsync();
            await OneTimeSecretDialog.ShowAsync(Dialogs, Text.CreatedTitle, Text.SecretIntro(issued.Subscription.Url), Text.SecretLabel, issued.Secret, Text.NotShownAgain);
        }
    }

    private async Task EditAsync(WebhookSubscriptionView subscription)
    {
        if (await WebhookDialog.ShowAsync(Dialogs, subscription) is WebhookSubscriptionView saved)
        {
            Snackbar.Add(Text.Saved(saved.Url), Severity.Success);
            await LoadAsync();
        }
    }

    private async Task RotateAsync(WebhookSubscriptionView subscription)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(Text.RotateTitle, Text.RotateQuestion(subscription.Url), yesText: Text.Rotate, cancelText: Text.Cancel);
        if (confirmed != true)
        {
            return;
        }

        WebhookSecretIssued? issued = null;
        if (await ActAsync(async actor => issued = await Webhooks.RotateSecretAsync(actor, subscription.Id)) && issued is not null)
        {
            await LoadAsync();
            await OneTimeSecretDialog.ShowAsync(Dialogs, Text.RotatedTitle, Text.SecretIntro(subscription.Url), Text.SecretLabel, issued.Secret, Text.NotShownAgain);
        }
    }

    private static string DeliveriesLink(int subscriptionId, DeliveryStatus status) =>
        $"admin/webhooks/deliveries?subscription={subscriptionId}&status={status.ToString().ToLowerInvariant()}";

    /// <summary>User-facing text of the page, kept in one place for translation.</summary>
    private static class Text
    {
        public const string Title = "Webhooks";
        public const string Intro = "Receivers that get a signed POST for launch, rollback, incident and SLO events. Each delivery carries the audit chain's head hash.";
        public const string NewWebhook = "New webhook";
        public const string Deliveries = "Deliveries";
        public const string Loading = "Loading webhooks…";
        public const string LoadFailed = "The webhooks could not be loaded";
        public const string EmptyTitle = "No webhooks yet";
        public const string EmptyMessage = "Create one to notify a chat channel, a pager or a deployment system when a launch or rollback happens.";
        public const string Receiver = "Receiver";
        public const string Events = "Event types";
        public const string Secret = "Secret";
        public const string Status = "Status";
        public const string Queue = "Deliveries";
        public const string Actions = "Actions";
        public const string Enabled = "Enabled";
        public const string Disabled = "Disabled";
        public const string Edit = "Edit";
        public const string Rotate = "New secret";
        public const string Cancel = "Cancel";
        public const string RotateTitle = "Replace the signing secret?";
        public const string CreatedTitle = "Webhook created";
        public const string RotatedTitle = "New signing secret";
        public const string SecretLabel = "Signing secret";
        public const string NotShownAgain = "This is the only time the secret is shown. The server keeps it encrypted for signing and never displays it again; if it is lost, create a new one.";
        public const string DocsHint = "docs/webhooks.md describes the body, the headers and how a receiver checks the signature.";

        public static string Pending(int count) => $"{count} pending";

        public static string Failed(int count) => $"{count} failed";

        public static string EditOf(string url) => $"Edit webhook {url}";

        public static string RotateOf(string url) => $"Replace the signing secret of webhook {url}";

        public static string RotateQuestion(string url) =>
            $"The old secret stops working at once: deliveries to {url} are signed with the new one from now on, so update the receiver right away.";

        public static string SecretIntro(string url) => $"Give this secret to the operator of {url}. The receiver uses it to check each request's Nuqta-Signature header.";

        public static string Saved(string url) => $"Webhook {url} saved.";
    }
}
