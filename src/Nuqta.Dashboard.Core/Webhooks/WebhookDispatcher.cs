using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Webhooks;

/// <summary>A delivery that one sender has claimed, with what it needs to send it.</summary>
public sealed record ClaimedDelivery(long Id, string LeaseToken, int SubscriptionId, string Url, string ProtectedSecret, long EventId, string EventType, string Body, int Attempts);

/// <summary>What one attempt produced.</summary>
/// <param name="StatusCode">The response status, or null when no response arrived.</param>
public sealed record AttemptOutcome(bool Succeeded, int? StatusCode, string? Error);

/// <summary>
/// The database side of delivery: fans outbox events out into delivery rows, claims due
/// deliveries and records each attempt's outcome. Every step works through conditional updates
/// (compare and set on the row), so several app instances on one database never fan out an event
/// twice or send one claimed delivery at the same time.
/// </summary>
public sealed class WebhookDispatcher(
    IDbContextFactory<NuqtaDbContext> contexts,
    IWriteTransactions transactions,
    IOptions<WebhookOptions> options,
    TimeProvider time)
{
    /// <summary>
    /// Creates one pending delivery per enabled subscription of each undispatched event's type and
    /// marks the events dispatched, in one write transaction. Returns the number of events handled.
    /// An event that no subscription wants is marked dispatched with no delivery.
    /// </summary>
    public async Task<int> FanOutAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var waiting = await db.OutboundEvents.AsNoTracking()
            .Where(e => e.DispatchedAtUtc == null)
            .OrderBy(e => e.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return 0;
        }

        await using var transaction = await transactions.BeginAsync(db, cancellationToken);
        var subscriptions = await db.WebhookSubscriptions.AsNoTracking().Where(s => s.Enabled).ToListAsync(cancellationToken);
        // Read inside the write transaction, so the hash is the head right after these events' acts or later.
        var headHash = await AuditTrail.HeadHashAsync(db, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var handled = 0;

        foreach (var outboundEvent in waiting)
        {
            var claimed = await db.OutboundEvents
                .Where(e => e.Id == outboundEvent.Id && e.DispatchedAtUtc == null)
                .ExecuteUpdateAsync(set => set.SetProperty(e => e.DispatchedAtUtc, now), cancellationToken);
            if (claimed == 0)
            {
                // Another instance dispatched it between our read and this update.
                continue;
            }

            handled++;
            var body = BuildEnvelope(outboundEvent.Id, outboundEvent.Type, outboundEvent.CreatedAtUtc, outboundEvent.PayloadJson, headHash);
            foreach (var subscription in subscriptions.Where(s => s.EventTypeSet.Contains(outboundEvent.Type)))
            {
                db.WebhookDeliveries.Add(new WebhookDelivery
                {
                    SubscriptionId = subscription.Id,
                    EventId = outboundEvent.Id,
                    EventType = outboundEvent.Type,
                    Body = body,
                    Status = DeliveryStatus.Pending,
                    CreatedAtUtc = now,
                    NextAttemptAtUtc = now,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return handled;
    }

    /// <summary>
    /// Builds the JSON body of a delivery: event id, type, time, the audit chain's head hash and the
    /// event's payload.
    /// </summary>
    public static string BuildEnvelope(long eventId, string type, DateTime occurredAtUtc, string payloadJson, string auditHeadHash)
    {
        var envelope = new JsonObject
        {
            ["id"] = eventId,
            ["type"] = type,
            ["occurredAt"] = occurredAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            ["auditHeadHash"] = auditHeadHash,
            ["payload"] = JsonNode.Parse(payloadJson),
        };
        return envelope.ToJsonString();
    }

    /// <summary>
    /// Claims up to a batch of due deliveries for this sender: pending, due, of an enabled
    /// subscription, and not claimed by another sender (a lapsed claim counts as free).
    /// </summary>
    public async Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var candidates = await db.WebhookDeliveries.AsNoTracking()
            .Where(d => d.Status == DeliveryStatus.Pending && d.NextAttemptAtUtc <= now && (d.LeaseExpiresAtUtc == null || d.LeaseExpiresAtUtc <= now))
            .Where(d => d.Subscription!.Enabled)
            .OrderBy(d => d.NextAttemptAtUtc)
            .ThenBy(d => d.Id)
            .Select(d => d.Id)
            .Take(options.Value.BatchSize)
            .ToListAsync(cancellationToken);

        var claimed = new List<ClaimedDelivery>();
        var leaseUntil = now + options.Value.LeaseDuration;
        foreach (var id in candidates)
        {
            var token = Guid.NewGuid().ToString("N");
            var updated = await db.WebhookDeliveries
                .Where(d => d.Id == id && d.Status == DeliveryStatus.Pending && (d.LeaseExpiresAtUtc == null || d.LeaseExpiresAtUtc <= now))
                .ExecuteUpdateAsync(set => set.SetProperty(d => d.LeaseToken, token).SetProperty(d => d.LeaseExpiresAtUtc, leaseUntil), cancellationToken);
            if (updated == 0)
            {
                continue;
            }

            var row = await db.WebhookDeliveries.AsNoTracking()
                .Where(d => d.Id == id)
                .Select(d => new ClaimedDelivery(d.Id, token, d.SubscriptionId, d.Subscription!.Url, d.Subscription.ProtectedSecret, d.EventId, d.EventType, d.Body, d.Attempts))
                .FirstAsync(cancellationToken);
            claimed.Add(row);
        }

        return claimed;
    }

    /// <summary>
    /// Stores an attempt's outcome and releases the claim: delivered on success; otherwise pending
    /// with the next attempt time from <see cref="RetrySchedule"/>, or failed after the last allowed
    /// attempt. Returns the new status, or null when the claim had lapsed and another sender took
    /// the delivery (the outcome is then dropped, because that sender's attempt counts).
    /// </summary>
    public async Task<DeliveryStatus?> RecordAsync(ClaimedDelivery delivery, AttemptOutcome outcome, double unitRandom, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var attempts = delivery.Attempts + 1;
        DeliveryStatus status;
        DateTime nextAttempt;
        if (outcome.Succeeded)
        {
            status = DeliveryStatus.Delivered;
            nextAttempt = now;
        }
        else if (attempts >= options.Value.MaxAttempts)
        {
            status = DeliveryStatus.Failed;
            nextAttempt = now;
        }
        else
        {
            status = DeliveryStatus.Pending;
            nextAttempt = now + RetrySchedule.DelayAfter(attempts, options.Value, unitRandom);
        }

        DateTime? deliveredAt = outcome.Succeeded ? now : null;
        var error = outcome.Succeeded ? null : Truncate(outcome.Error, 500);
        var updated = await db.WebhookDeliveries
            .Where(d => d.Id == delivery.Id && d.LeaseToken == delivery.LeaseToken)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(d => d.Status, status)
                    .SetProperty(d => d.Attempts, attempts)
                    .SetProperty(d => d.LastAttemptAtUtc, now)
                    .SetProperty(d => d.LastStatusCode, outcome.StatusCode)
                    .SetProperty(d => d.LastError, error)
                    .SetProperty(d => d.NextAttemptAtUtc, nextAttempt)
                    .SetProperty(d => d.DeliveredAtUtc, deliveredAt)
                    .SetProperty(d => d.LeaseToken, (string?)null)
                    .SetProperty(d => d.LeaseExpiresAtUtc, (DateTime?)null),
                cancellationToken);
        return updated == 0 ? null : status;
    }

    private static string? Truncate(string? text, int length) => text is null || text.Length <= length ? text : text[..length] + "…";
}
