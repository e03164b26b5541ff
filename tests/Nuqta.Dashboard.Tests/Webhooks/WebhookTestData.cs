using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Webhooks;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Webhooks;

/// <summary>Subscriptions and outbox events for webhook tests, written the way the app writes them.</summary>
internal static class WebhookTestData
{
    public static async Task<WebhookSecretIssued> SubscribeAsync(CoreHost host, string url, params string[] types) =>
        await host.Get<WebhookService>().CreateAsync(Actors.Admin, new WebhookSubscriptionRequest(url, "test receiver", types));

    /// <summary>Writes an event to the outbox inside an audited write, as launches and rollbacks do.</summary>
    public static Task EnqueueAsync(CoreHost host, string type, object payload) =>
        host.Get<AuditedWriter>().RunAsync(Actors.Sre, async db =>
        {
            await EventOutbox.EnqueueAsync(db, type, payload, host.Time.GetUtcNow().UtcDateTime);
            return new Audited<bool>(true, new AuditEntry("test.act", "test", type));
        });
}
