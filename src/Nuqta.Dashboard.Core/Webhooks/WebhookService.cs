using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Events;

namespace Nuqta.Dashboard.Core.Webhooks;

/// <summary>
/// Manages webhook subscriptions and lists and redelivers their deliveries. Every change is an
/// admin act, audited in the same transaction; no audit entry ever contains a secret.
/// </summary>
public sealed class WebhookService(
    IDbContextFactory<NuqtaDbContext> contexts,
    AuditedWriter writer,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider time)
{
    private const string SubjectType = "webhook-subscription";

    public async Task<IReadOnlyList<WebhookSubscriptionView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.WebhookSubscriptions.AsNoTracking()
            .OrderBy(s => s.Id)
            .Select(s => new
            {
                Subscription = s,
                Pending = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.Status == DeliveryStatus.Pending),
                Failed = db.WebhookDeliveries.Count(d => d.SubscriptionId == s.Id && d.Status == DeliveryStatus.Failed),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => ToView(r.Subscription, r.Pending, r.Failed)).ToList();
    }

    /// <summary>Creates a subscription and returns it with its secret, which is never shown again.</summary>
    public async Task<WebhookSecretIssued> CreateAsync(Actor actor, WebhookSubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var (url, types) = Validate(request, checkSecret: true);
        var secret = string.IsNullOrWhiteSpace(request.Secret) ? WebhookSecrets.Generate() : request.Secret.Trim();
        var now = time.GetUtcNow().UtcDateTime;

        return await writer.RunAsync(actor, async db =>
        {
            var subscription = new WebhookSubscription
            {
                Url = url,
                Description = request.Description?.Trim() ?? "",
                ProtectedSecret = secrets.Protect(secret),
                SecretHint = WebhookSecrets.Hint(secret),
                EventTypes = string.Join(' ', types),
                Enabled = request.Enabled,
                CreatedBy = actor.Name,
                CreatedAtUtc = now,
                UpdatedAtUtc = now,
            };
            db.WebhookSubscriptions.Add(subscription);
            await db.SaveChangesAsync(cancellationToken);

            var issued = new WebhookSecretIssued(ToView(subscription, 0, 0), secret);
            var entry = new AuditEntry("webhook.subscription.created", SubjectType, Id(subscription), After: Snapshot(subscription),
                Reason: string.IsNullOrWhiteSpace(request.Secret) ? "secret generated" : "secret given by the admin");
            return new Audited<WebhookSecretIssued>(issued, entry);
        }, cancellationToken);
    }

    /// <summary>Changes the URL, description, event types and enabled flag; the secret stays.</summary>
    public async Task<WebhookSubscriptionView> UpdateAsync(Actor actor, int id, WebhookSubscriptionRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var (url, types) = Validate(request, checkSecret: false);

        return await writer.RunAsync(actor, async db =>
        {
            var subscription = await FindAsync(db, id, cancellationToken);
            var before = Snapshot(subscription);
            subscription.Url = url;
            subscription.Description = request.Description?.Trim() ?? "";
            subscription.EventTypes = string.Join(' ', types);
            subscription.Enabled = request.Enabled;
            subscription.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);

            var view = await ViewAsync(db, subscription, cancellationToken);
            return new Audited<WebhookSubscriptionView>(view, new AuditEntry("webhook.subscription.updated", SubjectType, Id(subscription), before, Snapshot(subscription)));
        }, cancellationToken);
    }

    /// <summary>
    /// Replaces the secret with a new generated one and returns it once. Deliveries not yet sent
    /// are signed with the new secret.
    /// </summary>
    public async Task<WebhookSecretIssued> RotateSecretAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var secret = WebhookSecrets.Generate();

        return await writer.RunAsync(actor, async db =>
        {
            var subscription = await FindAsync(db, id, cancellationToken);
            var before = new { secretHint = subscription.SecretHint };
            subscription.ProtectedSecret = secrets.Protect(secret);
            subscription.SecretHint = WebhookSecrets.Hint(secret);
            subscription.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(cancellationToken);

            var view = await ViewAsync(db, subscription, cancellationToken);
            var entry = new AuditEntry("webhook.secret.rotated", SubjectType, Id(subscription), before, new { secretHint = subscription.SecretHint });
            return new Audited<WebhookSecretIssued>(new WebhookSecretIssued(view, secret), entry);
        }, cancellationToken);
    }

    public async Task<Paged<WebhookDeliveryView>> ListDeliveriesAsync(Actor actor, DeliveryFilter filter, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var deliveries = db.WebhookDeliveries.AsNoTracking();
        if (filter.Status is { } status)
        {
            deliveries = deliveries.Where(d => d.Status == status);
        }

        if (filter.SubscriptionId is { } subscriptionId)
        {
            deliveries = deliveries.Where(d => d.SubscriptionId == subscriptionId);
        }

        var page = Math.Max(1, filter.Page);
        var size = Math.Clamp(filter.PageSize, 1, 200);
        var now = time.GetUtcNow().UtcDateTime;
        var total = await deliveries.CountAsync(cancellationToken);
        var rows = await deliveries
            .OrderByDescending(d => d.Id)
            .Skip((page - 1) * size)
            .Take(size)
            .Select(d => new { Delivery = d, d.Subscription!.Url })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => ToView(r.Delivery, r.Url, now)).ToList();
        return new Paged<WebhookDeliveryView>(items, total, page, size);
    }

    /// <summary>
    /// Schedules a delivery for an attempt now, whatever its status, and restarts its retry count.
    /// Rejected while a sender has claimed it, because that attempt's outcome would overwrite the request.
    /// </summary>
    public async Task<WebhookDeliveryView> RedeliverAsync(Actor actor, long deliveryId, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);

        return await writer.RunAsync(actor, async db =>
        {
            var delivery = await db.WebhookDeliveries.Include(d => d.Subscription).FirstOrDefaultAsync(d => d.Id == deliveryId, cancellationToken)
                ?? throw new NotFoundException($"No webhook delivery has id {deliveryId}.");
            var now = time.GetUtcNow().UtcDateTime;
            if (delivery.LeaseExpiresAtUtc > now)
            {
                throw new ConflictException($"Delivery {deliveryId} is being sent right now. Wait a few seconds, reload the page and try again.");
            }

            if (!delivery.Subscription!.Enabled)
            {
                throw new ConflictException($"The subscription to {delivery.Subscription.Url} is disabled. Enable it on the webhooks page first, then redeliver.");
            }

            var before = new { status = delivery.Status.ToString(), attempts = delivery.Attempts, lastError = delivery.LastError };
            delivery.Status = DeliveryStatus.Pending;
            delivery.Attempts = 0;
            delivery.NextAttemptAtUtc = now;
            await db.SaveChangesAsync(cancellationToken);

            var after = new { status = delivery.Status.ToString(), attempts = 0, eventId = delivery.EventId, eventType = delivery.EventType, subscriptionId = delivery.SubscriptionId };
            var entry = new AuditEntry("webhook.delivery.redelivered", "webhook-delivery", delivery.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), before, after);
            return new Audited<WebhookDeliveryView>(ToView(delivery, delivery.Subscription.Url, now), entry);
        }, cancellationToken);
    }

    /// <summary>Maximum number of attempts per delivery, for the deliveries page.</summary>
    public int MaxAttempts => options.Value.MaxAttempts;

    private static (string Url, List<string> Types) Validate(WebhookSubscriptionRequest request, bool checkSecret)
    {
        var errors = new InputErrorCollector();
        if (WebhookUrl.Check(request.Url) is { } urlError)
        {
            errors.Add(urlError);
        }

        var types = request.EventTypes.Select(t => t.Trim()).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (types.Count == 0)
        {
            errors.Add(new InputError("choose at least one event type", "eventTypes"));
        }

        foreach (var type in types.Where(t => !EventTypes.All.Contains(t, StringComparer.Ordinal)))
        {
            errors.Add(new InputError($"event type '{type}' is unknown; use {string.Join(", ", EventTypes.All)}", "eventTypes", Value: type));
        }

        if ((request.Description?.Trim().Length ?? 0) > 200)
        {
            errors.Add(new InputError("description is longer than 200 characters", "description"));
        }

        if (checkSecret && !string.IsNullOrWhiteSpace(request.Secret))
        {
            var length = request.Secret.Trim().Length;
            if (length is < WebhookSecrets.MinLength or > WebhookSecrets.MaxLength)
            {
                // The value is a secret, so the error names only its length.
                errors.Add(new InputError(
                    $"secret is {length} characters long; give {WebhookSecrets.MinLength} to {WebhookSecrets.MaxLength} characters, or leave it empty to generate one",
                    "secret"));
            }
        }

        errors.ThrowIfAny();
        var ordered = EventTypes.All.Where(types.Contains).ToList();
        return (request.Url.Trim(), ordered);
    }

    private static async Task<WebhookSubscription> FindAsync(NuqtaDbContext db, int id, CancellationToken cancellationToken) =>
        await db.WebhookSubscriptions.FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
        ?? throw new NotFoundException($"No webhook subscription has id {id}.");

    private static async Task<WebhookSubscriptionView> ViewAsync(NuqtaDbContext db, WebhookSubscription s, CancellationToken cancellationToken)
    {
        var pending = await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == s.Id && d.Status == DeliveryStatus.Pending, cancellationToken);
        var failed = await db.WebhookDeliveries.CountAsync(d => d.SubscriptionId == s.Id && d.Status == DeliveryStatus.Failed, cancellationToken);
        return ToView(s, pending, failed);
    }

    private static string Id(WebhookSubscription s) => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static object Snapshot(WebhookSubscription s) =>
        new { url = s.Url, description = s.Description, eventTypes = s.EventTypes, enabled = s.Enabled, secretHint = s.SecretHint };

    private static WebhookSubscriptionView ToView(WebhookSubscription s, int pending, int failed) =>
        new(s.Id, s.Url, s.Description, EventTypes.All.Where(s.EventTypeSet.Contains).ToList(), s.Enabled, s.SecretHint, s.CreatedAtUtc, s.UpdatedAtUtc, pending, failed);

    private static WebhookDeliveryView ToView(WebhookDelivery d, string url, DateTime now) =>
        new(d.Id, d.SubscriptionId, url, d.EventId, d.EventType, d.Status, d.Attempts, d.CreatedAtUtc,
            d.Status == DeliveryStatus.Pending ? d.NextAttemptAtUtc : null,
            d.LastAttemptAtUtc, d.LastStatusCode, d.LastError, d.DeliveredAtUtc, d.LeaseExpiresAtUtc > now);
}
