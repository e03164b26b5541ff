namespace Nuqta.Dashboard.Core.Webhooks;

/// <summary>An HTTP endpoint that receives signed event deliveries of the types it subscribed to.</summary>
public sealed class WebhookSubscription
{
    public int Id { get; set; }

    /// <summary>Absolute http or https URL that receives the POST requests.</summary>
    public string Url { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>
    /// The signing secret, encrypted with the Data Protection key ring, so a copy of the database
    /// alone does not reveal it. Signing needs the secret itself, so it cannot be stored as a hash.
    /// </summary>
    public string ProtectedSecret { get; set; } = "";

    /// <summary>Last four characters of the secret, shown masked so that admins can tell secrets apart.</summary>
    public string SecretHint { get; set; } = "";

    /// <summary>Subscribed event type names separated by spaces.</summary>
    public string EventTypes { get; set; } = "";

    public bool Enabled { get; set; } = true;

    public string CreatedBy { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public IReadOnlySet<string> EventTypeSet =>
        EventTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
}

/// <summary>State of one event's delivery to one subscription.</summary>
public enum DeliveryStatus
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending,

    /// <summary>The receiver responded with a 2xx status.</summary>
    Delivered,

    /// <summary>Every attempt failed; only a manual redeliver sends it again.</summary>
    Failed,
}

/// <summary>
/// One event's delivery to one subscription. The retry state lives here, in the database, so
/// pending deliveries survive a restart and several app instances can share the work.
/// </summary>
public sealed class WebhookDelivery
{
    public long Id { get; set; }

    public int SubscriptionId { get; set; }

    public WebhookSubscription? Subscription { get; set; }

    /// <summary>Id of the outbox event that this delivery carries.</summary>
    public long EventId { get; set; }

    public string EventType { get; set; } = "";

    /// <summary>The exact JSON body sent on every attempt, built when the event was fanned out.</summary>
    public string Body { get; set; } = "";

    public DeliveryStatus Status { get; set; }

    /// <summary>Attempts made since the delivery was created or last redelivered.</summary>
    public int Attempts { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Earliest time of the next attempt while pending.</summary>
    public DateTime NextAttemptAtUtc { get; set; }

    public DateTime? LastAttemptAtUtc { get; set; }

    /// <summary>HTTP status of the last response, or null when none arrived (timeout, refused connection).</summary>
    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTime? DeliveredAtUtc { get; set; }

    /// <summary>Random token of the sender that claimed the delivery; null when no sender has claimed it.</summary>
    public string? LeaseToken { get; set; }

    /// <summary>When the claim lapses, so that a crashed sender's delivery is picked up again.</summary>
    public DateTime? LeaseExpiresAtUtc { get; set; }
}
