using Microsoft.AspNetCore.Components;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Webhooks;

namespace Nuqta.Dashboard.Components.Pages.Webhooks;

/// <summary>Webhook deliveries, newest first, with their retry state and a manual redeliver.</summary>
public partial class DeliveryList
{
    private static readonly IReadOnlyList<(string Label, string? Value)> StatusChoices =
    [
        (Text.All, null),
        (Text.PendingName, "pending"),
        (Text.FailedName, "failed"),
        (Text.DeliveredName, "delivered"),
    ];

    private Paged<WebhookDeliveryView>? _page;
    private string? _loadError;
    private string? _badFilter;

    [Inject]
    public required WebhookService Webhooks { get; init; }

    [SupplyParameterFromQuery(Name = "status")] public string? StatusFilter { get; set; }

    [SupplyParameterFromQuery(Name = "subscription")] public int? SubscriptionFilter { get; set; }

    [SupplyParameterFromQuery(Name = "page")] public int? PageNumber { get; set; }

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        _loadError = null;
        _badFilter = null;
        DeliveryStatus? status = null;
        if (!string.IsNullOrEmpty(StatusFilter))
        {
            if (!Enum.TryParse<DeliveryStatus>(StatusFilter, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed))
            {
                _badFilter = Text.UnknownStatus(StatusFilter);
                return;
            }

            status = parsed;
        }

        try
        {
            _page = await Webhooks.ListDeliveriesAsync(await CurrentActorAsync(), new DeliveryFilter(status, SubscriptionFilter, PageNumber ?? 1, 50));
        }
        catch (AccessDeniedException exception)
        {
            _loadError = exception.Message;
        }
    }

    private async Task RedeliverAsync(WebhookDeliveryView delivery)
    {
        if (await ActAsync(actor => Webhooks.RedeliverAsync(actor, delivery.Id), Text.Redelivered(delivery.Id)))
        {
            await LoadAsync();
        }
    }

    // Retries start seconds apart, so the times show seconds, unlike the minute-precision times elsewhere.
    private static string Seconds(DateTime? utc) =>
        utc?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "—";

    private static Color StatusColor(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => Color.Success,
        DeliveryStatus.Failed => Color.Error,
        _ => Color.Warning,
    };

    private static string StatusName(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => Text.DeliveredName,
        DeliveryStatus.Failed => Text.FailedName,
        _ => Text.PendingName,
    };

    /// <summary>User-facing text of the page, kept in one place for translation.</summary>
    private static class Text
    {
        public const string Title = "Webhook deliveries";
        public const string Subscriptions = "Webhooks";
        public const string Show = "Show:";
        public const string All = "All";
        public const string PendingName = "Pending";
        public const string FailedName = "Failed";
        public const string DeliveredName = "Delivered";
        public const string Sending = "sending now";
        public const string Loading = "Loading deliveries…";
        public const string LoadFailed = "The deliveries could not be loaded";
        public const string BadFilter = "The filter in the address is not valid";
        public const string ShowAll = "Show all deliveries";
        public const string EmptyTitle = "No deliveries match";
        public const string EmptyMessage = "Deliveries appear here when a launch, rollback, incident or SLO event happens and a webhook subscribes to its type.";
        public const string Event = "Event";
        public const string Receiver = "Receiver";
        public const string Status = "Status";
        public const string Attempts = "Attempts";
        public const string LastAttempt = "Last attempt (UTC)";
        public const string NextAttempt = "Next attempt (UTC)";
        public const string LastError = "Last error";
        public const string Actions = "Actions";
        public const string Redeliver = "Redeliver";

        public static string Intro(int maxAttempts) =>
            $"Each event goes to each subscribed receiver. A failed attempt is retried with growing delays, up to {maxAttempts} attempts; Redeliver sends a delivery again now and restarts its count.";

        public static string EventId(long id) => $"event {id}";

        public static string OnlyWebhook(int id) => $"Webhook {id} only";

        public static string RedeliverOf(long id) => $"Redeliver delivery {id}";

        public static string Redelivered(long id) => $"Delivery {id} is queued and will be sent within a few seconds.";

        public static string UnknownStatus(string value) => $"'{value}' is not a delivery status; use pending, failed or delivered.";
    }
}
