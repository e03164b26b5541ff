using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Events;

/// <summary>Writes domain events into the outbox inside the caller's transaction.</summary>
public static class EventOutbox
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Adds an event to <paramref name="db"/>; the caller's SaveChanges and commit write it together
    /// with the act. With a <paramref name="dedupKey"/>, an event already stored (or already added
    /// to this context) with the same type and key is not added again, and false is returned.
    /// </summary>
    public static async Task<bool> EnqueueAsync(
        NuqtaDbContext db, string type, object payload, DateTime nowUtc, string? dedupKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        if (!EventTypes.All.Contains(type))
        {
            throw new ArgumentException($"Unknown event type '{type}'.", nameof(type));
        }

        if (dedupKey is not null)
        {
            bool added = db.ChangeTracker.Entries<OutboundEvent>().Any(e => e.Entity.Type == type && e.Entity.DedupKey == dedupKey);
            if (added || await db.OutboundEvents.AnyAsync(e => e.Type == type && e.DedupKey == dedupKey, cancellationToken))
            {
                return false;
            }
        }

        db.OutboundEvents.Add(new OutboundEvent
        {
            Type = type,
            PayloadJson = JsonSerializer.Serialize(payload, Json),
            DedupKey = dedupKey,
            CreatedAtUtc = nowUtc,
        });
        return true;
    }
}
