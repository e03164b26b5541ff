namespace Nuqta.Dashboard.Core.Events;

/// <summary>
/// A domain event waiting in the database outbox: written in the same transaction as the act it
/// describes, and later fanned out to the webhook subscriptions that want its type.
/// </summary>
public sealed class OutboundEvent
{
    public long Id { get; set; }

    /// <summary>One of <see cref="EventTypes"/>.</summary>
    public string Type { get; set; } = "";

    /// <summary>The event body as JSON (camelCase), without the envelope that delivery adds.</summary>
    public string PayloadJson { get; set; } = "{}";

    /// <summary>Deduplication key: a second event with the same type and key is not written.</summary>
    public string? DedupKey { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When the dispatcher created the deliveries for this event; null while it waits.</summary>
    public DateTime? DispatchedAtUtc { get; set; }
}

/// <summary>The event types that webhooks can subscribe to.</summary>
public static class EventTypes
{
    public const string LaunchSubmitted = "launch.submitted";
    public const string LaunchApproved = "launch.approved";
    public const string LaunchRejected = "launch.rejected";
    public const string LaunchPromoted = "launch.promoted";
    public const string RollbackExecuted = "rollback.executed";
    public const string IncidentOpened = "incident.opened";
    public const string SloBreached = "slo.breached";

    public static readonly IReadOnlyList<string> All =
        [LaunchSubmitted, LaunchApproved, LaunchRejected, LaunchPromoted, RollbackExecuted, IncidentOpened, SloBreached];
}
