using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Audit;

/// <summary>Filters of the audit list; every one is optional.</summary>
public sealed record AuditFilter(
    string? Actor = null,
    string? Action = null,
    string? SubjectType = null,
    string? SubjectId = null,
    DateTime? FromUtc = null,
    DateTime? ToUtc = null,
    int Page = 1,
    int PageSize = 50);

/// <summary>Reads the audit trail and verifies it. Security events are visible to admins only.</summary>
public sealed class AuditQuery(IDbContextFactory<NuqtaDbContext> contexts, AuditTrail trail)
{
    public async Task<Paged<AuditEvent>> ListAsync(Actor reader, AuditFilter filter, CancellationToken cancellationToken = default)
    {
        reader.Demand(Permission.Read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = Filter(db.AuditEvents.AsNoTracking(), reader, filter);

        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, 500);
        var total = await events.CountAsync(cancellationToken);
        var items = await events.OrderByDescending(e => e.Sequence).Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new Paged<AuditEvent>(items, total, page, size);
    }

    /// <summary>Applies the filters, and hides security events from readers who may not see them.</summary>
    internal static IQueryable<AuditEvent> Filter(IQueryable<AuditEvent> events, Actor reader, AuditFilter filter)
    {
        if (!reader.Can(Permission.ReadSecurityEvents))
        {
            events = events.Where(e => !e.IsSecurityEvent);
        }

        if (!string.IsNullOrWhiteSpace(filter.Actor))
        {
            var actor = filter.Actor.Trim().ToLower();
            events = events.Where(e => e.ActorName.ToLower().Contains(actor));
        }

        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            var action = filter.Action.Trim();
            events = events.Where(e => e.Action.StartsWith(action));
        }

        if (!string.IsNullOrWhiteSpace(filter.SubjectType))
        {
            events = events.Where(e => e.SubjectType == filter.SubjectType.Trim());
        }

        if (!string.IsNullOrWhiteSpace(filter.SubjectId))
        {
            var subject = filter.SubjectId.Trim();
            events = events.Where(e => e.SubjectId == subject || e.SubjectId.StartsWith(subject + "/"));
        }

        if (filter.FromUtc is { } from)
        {
            events = events.Where(e => e.OccurredAtUtc >= from);
        }

        if (filter.ToUtc is { } to)
        {
            events = events.Where(e => e.OccurredAtUtc < to);
        }

        return events;
    }

    /// <summary>Returns the distinct action names, for the filter list.</summary>
    public async Task<IReadOnlyList<string>> ListActionsAsync(Actor reader, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = db.AuditEvents.AsNoTracking();
        if (!reader.Can(Permission.ReadSecurityEvents))
        {
            events = events.Where(e => !e.IsSecurityEvent);
        }

        return await events.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }

    /// <summary>Walks the whole chain; see <see cref="AuditTrail.VerifyAsync"/>.</summary>
    public async Task<ChainVerification> VerifyAsync(Actor reader, CancellationToken cancellationToken = default)
    {
        reader.Demand(Permission.Read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await trail.VerifyAsync(db, cancellationToken);
    }
}
