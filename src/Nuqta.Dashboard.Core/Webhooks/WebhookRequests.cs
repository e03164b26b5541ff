namespace Nuqta.Dashboard.Core.Webhooks;

/// <summary>Settings of a subscription as an admin enters them.</summary>
/// <param name="Secret">On creation: the secret to use, or null or blank to generate one. Ignored on update.</param>
public sealed record WebhookSubscriptionRequest(
    string Url,
    string? Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled = true,
    string? Secret = null);

/// <summary>A subscription as pages show it; the secret appears only masked.</summary>
public sealed record WebhookSubscriptionView(
    int Id,
    string Url,
    string Description,
    IReadOnlyList<string> EventTypes,
    bool Enabled,
    string SecretHint,
    DateTime CreatedAtUtc,
    DateTime UpdatedAtUtc,
    int PendingDeliveries,
    int FailedDeliveries);

/// <summary>A subscription just created or given a new secret, with the secret in clear text (shown once).</summary>
public sealed record WebhookSecretIssued(WebhookSubscriptionView Subscription, string Secret);

/// <summary>Filters of the deliveries list; every one is optional.</summary>
public sealed record DeliveryFilter(DeliveryStatus? Status = null, int? SubscriptionId = null, int Page = 1, int PageSize = 50);

/// <summary>One row of the deliveries page.</summary>
public sealed record WebhookDeliveryView(
    long Id,
    int SubscriptionId,
    string SubscriptionUrl,
    long EventId,
    string EventType,
    DeliveryStatus Status,
    int Attempts,
    DateTime CreatedAtUtc,
    DateTime? NextAttemptAtUtc,
    DateTime? LastAttemptAtUtc,
    int? LastStatusCode,
    string? LastError,
    DateTime? DeliveredAtUtc,
    bool InFlight);
