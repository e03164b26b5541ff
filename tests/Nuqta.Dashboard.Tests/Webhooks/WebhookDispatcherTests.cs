using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Webhooks;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Webhooks;

public sealed class WebhookDispatcherTests
{
    [Fact]
    public async Task FanOut_OneDeliveryPerMatchingSubscription()
    {
        await using var host = await CoreHost.StartAsync();
        var rollbacks = await WebhookTestData.SubscribeAsync(host, "https://a.example.com/hook", EventTypes.RollbackExecuted);
        var launches = await WebhookTestData.SubscribeAsync(host, "https://b.example.com/hook", EventTypes.LaunchSubmitted, EventTypes.LaunchPromoted);
        var both = await WebhookTestData.SubscribeAsync(host, "https://c.example.com/hook", EventTypes.RollbackExecuted, EventTypes.LaunchPromoted);
        await WebhookTestData.EnqueueAsync(host, EventTypes.RollbackExecuted, new { model = "legal-qa" });
        await WebhookTestData.EnqueueAsync(host, EventTypes.LaunchPromoted, new { model = "support-rag" });
        await WebhookTestData.EnqueueAsync(host, EventTypes.SloBreached, new { model = "support-rag" });

        var handled = await host.Get<WebhookDispatcher>().FanOutAsync();

        Assert.Equal(3, handled);
        await using var db = host.CreateContext();
        var deliveries = await db.WebhookDeliveries.AsNoTracking().ToListAsync();
        Assert.Equal([EventTypes.RollbackExecuted], TypesOf(deliveries, rollbacks));
        Assert.Equal([EventTypes.LaunchPromoted], TypesOf(deliveries, launches));
        Assert.Equal([EventTypes.LaunchPromoted, EventTypes.RollbackExecuted], TypesOf(deliveries, both));
        Assert.All(deliveries, d => Assert.Equal(DeliveryStatus.Pending, d.Status));
        Assert.Equal(0, await db.OutboundEvents.CountAsync(e => e.DispatchedAtUtc == null));
    }

    [Fact]
    public async Task FanOut_SecondRunAddsNothing()
    {
        await using var host = await CoreHost.StartAsync();
        await WebhookTestData.SubscribeAsync(host, "https://a.example.com/hook", EventTypes.IncidentOpened);
        await WebhookTestData.EnqueueAsync(host, EventTypes.IncidentOpened, new { incident = 1 });
        var dispatcher = host.Get<WebhookDispatcher>();
        await dispatcher.FanOutAsync();

        var again = await dispatcher.FanOutAsync();

        Assert.Equal(0, again);
        await using var db = host.CreateContext();
        Assert.Equal(1, await db.WebhookDeliveries.CountAsync());
    }

    [Fact]
    public async Task FanOut_SkipsDisabledSubscription()
    {
        await using var host = await CoreHost.StartAsync();
        var issued = await WebhookTestData.SubscribeAsync(host, "https://a.example.com/hook", EventTypes.IncidentOpened);
        await host.Get<WebhookService>().UpdateAsync(Actors.Admin, issued.Subscription.Id,
            new WebhookSubscriptionRequest("https://a.example.com/hook", null, [EventTypes.IncidentOpened], Enabled: false));
        await WebhookTestData.EnqueueAsync(host, EventTypes.IncidentOpened, new { incident = 1 });

        await host.Get<WebhookDispatcher>().FanOutAsync();

        await using var db = host.CreateContext();
        Assert.Equal(0, await db.WebhookDeliveries.CountAsync());
        Assert.Equal(0, await db.OutboundEvents.CountAsync(e => e.DispatchedAtUtc == null));
    }

    [Fact]
    public async Task FanOut_EnvelopeCarriesEventAndHeadHash()
    {
        await using var host = await CoreHost.StartAsync();
        await WebhookTestData.SubscribeAsync(host, "https://a.example.com/hook", EventTypes.RollbackExecuted);
        await WebhookTestData.EnqueueAsync(host, EventTypes.RollbackExecuted, new { model = "legal-qa", toVersion = "2026.10" });
        string head;
        await using (var db = host.CreateContext())
        {
            head = await AuditTrail.HeadHashAsync(db);
        }

        await host.Get<WebhookDispatcher>().FanOutAsync();

        await using var check = host.CreateContext();
        var delivery = await check.WebhookDeliveries.AsNoTracking().SingleAsync();
        using var body = JsonDocument.Parse(delivery.Body);
        Assert.Equal(delivery.EventId, body.RootElement.GetProperty("id").GetInt64());
        Assert.Equal(EventTypes.RollbackExecuted, body.RootElement.GetProperty("type").GetString());
        Assert.Equal(head, body.RootElement.GetProperty("auditHeadHash").GetString());
        Assert.Equal("2026.10", body.RootElement.GetProperty("payload").GetProperty("toVersion").GetString());
        Assert.EndsWith("Z", body.RootElement.GetProperty("occurredAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_HeldDeliveryIsNotClaimedTwice()
    {
        await using var host = await PendingDeliveryAsync();
        var dispatcher = host.Get<WebhookDispatcher>();

        var first = await dispatcher.ClaimDueAsync();
        var second = await dispatcher.ClaimDueAsync();

        Assert.Single(first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Claim_LapsedLeaseIsClaimedAgain()
    {
        await using var host = await PendingDeliveryAsync();
        var dispatcher = host.Get<WebhookDispatcher>();
        var first = await dispatcher.ClaimDueAsync();

        host.Time.Advance(new WebhookOptions().LeaseDuration + TimeSpan.FromSeconds(1));
        var second = await dispatcher.ClaimDueAsync();

        Assert.Single(second);
        Assert.NotEqual(first[0].LeaseToken, second[0].LeaseToken);
        Assert.Null(await dispatcher.RecordAsync(first[0], new AttemptOutcome(true, 200, null), 0.5));
    }

    [Fact]
    public async Task Record_FailureSchedulesRetryWithBackoff()
    {
        await using var host = await PendingDeliveryAsync();
        var dispatcher = host.Get<WebhookDispatcher>();
        var claimed = (await dispatcher.ClaimDueAsync()).Single();
        var now = host.Time.GetUtcNow().UtcDateTime;

        var status = await dispatcher.RecordAsync(claimed, new AttemptOutcome(false, 500, "HTTP 500 Internal Server Error"), 0);

        Assert.Equal(DeliveryStatus.Pending, status);
        await using var db = host.CreateContext();
        var row = await db.WebhookDeliveries.AsNoTracking().SingleAsync();
        Assert.Equal(1, row.Attempts);
        Assert.Equal(500, row.LastStatusCode);
        Assert.Equal("HTTP 500 Internal Server Error", row.LastError);
        Assert.Equal(now + TimeSpan.FromSeconds(15), row.NextAttemptAtUtc);
        Assert.Null(row.LeaseToken);
        Assert.Empty(await dispatcher.ClaimDueAsync());
    }

    [Fact]
    public async Task Record_LastAllowedFailureMarksFailed()
    {
        await using var host = await PendingDeliveryAsync();
        var dispatcher = host.Get<WebhookDispatcher>();
        var maxAttempts = new WebhookOptions().MaxAttempts;
        DeliveryStatus? status = null;

        for (var attempt = 1; attempt <= maxAttempts; attempt++)
        {
            var claimed = (await dispatcher.ClaimDueAsync()).Single();
            status = await dispatcher.RecordAsync(claimed, new AttemptOutcome(false, null, "timed out"), 0.5);
            host.Time.Advance(TimeSpan.FromHours(2));
        }

        Assert.Equal(DeliveryStatus.Failed, status);
        Assert.Empty(await dispatcher.ClaimDueAsync());
        await using var db = host.CreateContext();
        Assert.Equal(maxAttempts, (await db.WebhookDeliveries.AsNoTracking().SingleAsync()).Attempts);
    }

    [Fact]
    public async Task Record_SuccessMarksDelivered()
    {
        await using var host = await PendingDeliveryAsync();
        var dispatcher = host.Get<WebhookDispatcher>();
        var claimed = (await dispatcher.ClaimDueAsync()).Single();

        var status = await dispatcher.RecordAsync(claimed, new AttemptOutcome(true, 204, null), 0.5);

        Assert.Equal(DeliveryStatus.Delivered, status);
        await using var db = host.CreateContext();
        var row = await db.WebhookDeliveries.AsNoTracking().SingleAsync();
        Assert.Equal(host.Time.GetUtcNow().UtcDateTime, row.DeliveredAtUtc);
        Assert.Null(row.LastError);
    }

    [Fact]
    public async Task Claim_SkipsDisabledSubscription()
    {
        await using var host = await PendingDeliveryAsync();
        await using (var db = host.CreateContext())
        {
            var subscription = await db.WebhookSubscriptions.SingleAsync();
            subscription.Enabled = false;
            await db.SaveChangesAsync();
        }

        Assert.Empty(await host.Get<WebhookDispatcher>().ClaimDueAsync());
    }

    private static async Task<CoreHost> PendingDeliveryAsync()
    {
        var host = await CoreHost.StartAsync();
        await WebhookTestData.SubscribeAsync(host, "https://a.example.com/hook", EventTypes.RollbackExecuted);
        await WebhookTestData.EnqueueAsync(host, EventTypes.RollbackExecuted, new { model = "legal-qa" });
        await host.Get<WebhookDispatcher>().FanOutAsync();
        return host;
    }

    private static List<string> TypesOf(IEnumerable<WebhookDelivery> deliveries, WebhookSecretIssued subscription) =>
        deliveries.Where(d => d.SubscriptionId == subscription.Subscription.Id).Select(d => d.EventType).Order(StringComparer.Ordinal).ToList();
}
