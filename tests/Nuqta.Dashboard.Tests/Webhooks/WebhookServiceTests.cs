using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Webhooks;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Webhooks;

public sealed class WebhookServiceTests
{
    [Fact]
    public async Task Create_GeneratesSecretAndAudits()
    {
        await using var host = await CoreHost.StartAsync();

        var issued = await WebhookTestData.SubscribeAsync(host, "https://hooks.example.com/nuqta", EventTypes.RollbackExecuted);

        Assert.StartsWith("whsec_", issued.Secret, StringComparison.Ordinal);
        Assert.Equal(issued.Secret[^4..], issued.Subscription.SecretHint);
        await using var db = host.CreateContext();
        var stored = await db.WebhookSubscriptions.AsNoTracking().SingleAsync();
        Assert.DoesNotContain(issued.Secret, stored.ProtectedSecret, StringComparison.Ordinal);
        Assert.Equal(issued.Secret, host.Get<WebhookSecrets>().Unprotect(stored.ProtectedSecret));
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "webhook.subscription.created");
        Assert.DoesNotContain(issued.Secret, audit.AfterJson, StringComparison.Ordinal);
        Assert.Contains("hooks.example.com", audit.AfterJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_KeepsGivenSecret()
    {
        await using var host = await CoreHost.StartAsync();
        var request = new WebhookSubscriptionRequest("https://hooks.example.com/", null, [EventTypes.SloBreached], Secret: "my-own-secret-of-24-chars");

        var issued = await host.Get<WebhookService>().CreateAsync(Actors.Admin, request);

        Assert.Equal("my-own-secret-of-24-chars", issued.Secret);
    }

    [Fact]
    public async Task Create_RejectsNonHttpUrl()
    {
        await using var host = await CoreHost.StartAsync();
        var request = new WebhookSubscriptionRequest("ftp://files.example.com/drop", null, [EventTypes.SloBreached]);

        var error = await Assert.ThrowsAsync<InputValidationException>(() => host.Get<WebhookService>().CreateAsync(Actors.Admin, request));

        Assert.Equal("url", Assert.Single(error.Errors).Field);
        Assert.Contains("https or http", error.Message, StringComparison.Ordinal);
        await using var db = host.CreateContext();
        Assert.Equal(0, await db.WebhookSubscriptions.CountAsync());
    }

    [Fact]
    public async Task Create_ListsEveryInputError()
    {
        await using var host = await CoreHost.StartAsync();
        var request = new WebhookSubscriptionRequest("not a url", null, ["launch.exploded"], Secret: "short");

        var error = await Assert.ThrowsAsync<InputValidationException>(() => host.Get<WebhookService>().CreateAsync(Actors.Admin, request));

        Assert.Equal(["url", "eventTypes", "secret"], error.Errors.Select(e => e.Field));
        Assert.DoesNotContain("short", error.Errors[2].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_RejectsNonAdmin()
    {
        await using var host = await CoreHost.StartAsync();
        var request = new WebhookSubscriptionRequest("https://hooks.example.com/", null, [EventTypes.SloBreached]);

        await Assert.ThrowsAsync<AccessDeniedException>(() => host.Get<WebhookService>().CreateAsync(Actors.Sre, request));
    }

    [Fact]
    public async Task RotateSecret_ReplacesStoredSecret()
    {
        await using var host = await CoreHost.StartAsync();
        var issued = await WebhookTestData.SubscribeAsync(host, "https://hooks.example.com/", EventTypes.SloBreached);

        var rotated = await host.Get<WebhookService>().RotateSecretAsync(Actors.Admin, issued.Subscription.Id);

        Assert.NotEqual(issued.Secret, rotated.Secret);
        await using var db = host.CreateContext();
        var stored = await db.WebhookSubscriptions.AsNoTracking().SingleAsync();
        Assert.Equal(rotated.Secret, host.Get<WebhookSecrets>().Unprotect(stored.ProtectedSecret));
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "webhook.secret.rotated"));
    }

    [Fact]
    public async Task Redeliver_FailedDeliveryIsDueAgain()
    {
        await using var host = await CoreHost.StartAsync();
        await WebhookTestData.SubscribeAsync(host, "https://hooks.example.com/", EventTypes.SloBreached);
        await WebhookTestData.EnqueueAsync(host, EventTypes.SloBreached, new { slo = 1 });
        var dispatcher = host.Get<WebhookDispatcher>();
        await dispatcher.FanOutAsync();
        for (var attempt = 0; attempt < new WebhookOptions().MaxAttempts; attempt++)
        {
            var claimed = (await dispatcher.ClaimDueAsync()).Single();
            await dispatcher.RecordAsync(claimed, new AttemptOutcome(false, 503, "HTTP 503"), 0.5);
            host.Time.Advance(TimeSpan.FromHours(2));
        }

        var delivery = (await host.Get<WebhookService>().ListDeliveriesAsync(Actors.Admin, new DeliveryFilter(DeliveryStatus.Failed))).Items.Single();
        var redelivered = await host.Get<WebhookService>().RedeliverAsync(Actors.Admin, delivery.Id);

        Assert.Equal(DeliveryStatus.Pending, redelivered.Status);
        Assert.Equal(0, redelivered.Attempts);
        Assert.Single(await dispatcher.ClaimDueAsync());
        await using var db = host.CreateContext();
        var audit = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == "webhook.delivery.redelivered");
        Assert.Contains("Failed", audit.BeforeJson, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redeliver_UnknownDeliveryNotFound()
    {
        await using var host = await CoreHost.StartAsync();

        await Assert.ThrowsAsync<NotFoundException>(() => host.Get<WebhookService>().RedeliverAsync(Actors.Admin, 404));
    }

    [Fact]
    public async Task Redeliver_InFlightDeliveryConflicts()
    {
        await using var host = await CoreHost.StartAsync();
        await WebhookTestData.SubscribeAsync(host, "https://hooks.example.com/", EventTypes.SloBreached);
        await WebhookTestData.EnqueueAsync(host, EventTypes.SloBreached, new { slo = 1 });
        var dispatcher = host.Get<WebhookDispatcher>();
        await dispatcher.FanOutAsync();
        var claimed = (await dispatcher.ClaimDueAsync()).Single();

        await Assert.ThrowsAsync<ConflictException>(() => host.Get<WebhookService>().RedeliverAsync(Actors.Admin, claimed.Id));
    }
}
