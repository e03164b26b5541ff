using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Webhooks;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

/// <summary>
/// The app's background sender against a receiver on 127.0.0.1. The app's clock is fake, so a
/// test moves it forward to make a retry due; polling runs on the real clock every 100 ms.
/// </summary>
public sealed class WebhookDeliveryTests
{
    // The request timeout stays generous, because a loaded test machine can take seconds for the
    // first loopback request; only the timeout test shortens it.
    private static readonly Dictionary<string, string> FastSettings = new()
    {
        ["Webhooks:PollInterval"] = "00:00:00.100",
        ["Webhooks:RequestTimeout"] = "00:00:10",
        ["Webhooks:LeaseDuration"] = "00:00:30",
    };

    [Fact]
    public async Task Delivery_SignedEnvelopeReachesReceiver()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var app = new NuqtaAppFactory(settings: FastSettings);
        await SubscribeAsync(app, receiver, EventTypes.RollbackExecuted);

        await EnqueueAsync(app, EventTypes.RollbackExecuted, new { model = "legal-qa", alias = "production", toVersion = "2026.10" });
        await receiver.WaitForRequestsAsync(1);

        var request = Assert.Single(receiver.Requests);
        Assert.True(request.SignatureValid, $"signature header '{request.SignatureHeader}' does not match the body");
        Assert.Equal(app.Time.GetUtcNow().ToUnixTimeSeconds(), request.Timestamp);
        using var body = JsonDocument.Parse(request.Body);
        Assert.Equal(EventTypes.RollbackExecuted, body.RootElement.GetProperty("type").GetString());
        Assert.Equal("2026.10", body.RootElement.GetProperty("payload").GetProperty("toVersion").GetString());
        Assert.Equal(await HeadHashAsync(app), body.RootElement.GetProperty("auditHeadHash").GetString());
        Assert.Equal(EventTypes.RollbackExecuted, request.Headers["Nuqta-Event"]);
        Assert.Equal(body.RootElement.GetProperty("id").GetInt64().ToString(System.Globalization.CultureInfo.InvariantCulture), request.Headers["Nuqta-Event-Id"]);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        var delivery = await WaitForDeliveryAsync(app, d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(1, delivery.Attempts);
    }

    [Fact]
    public async Task Delivery_OtherTypesAreNotSent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var app = new NuqtaAppFactory(settings: FastSettings);
        await SubscribeAsync(app, receiver, EventTypes.IncidentOpened);

        await EnqueueAsync(app, EventTypes.SloBreached, new { slo = "p95 latency" });
        await EnqueueAsync(app, EventTypes.IncidentOpened, new { incident = 3 });
        await receiver.WaitForRequestsAsync(1);
        await Task.Delay(500);

        var request = Assert.Single(receiver.Requests);
        Assert.Contains(EventTypes.IncidentOpened, request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_RetriedAfterServerErrors()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = n => (n <= 2 ? 500 : 200, TimeSpan.Zero);
        using var app = new NuqtaAppFactory(settings: FastSettings);
        await SubscribeAsync(app, receiver, EventTypes.LaunchPromoted);
        await EnqueueAsync(app, EventTypes.LaunchPromoted, new { launch = 12 });

        var first = await WaitForDeliveryAsync(app, d => d.Attempts == 1);
        Assert.Equal(DeliveryStatus.Pending, first.Status);
        Assert.True(first.LastStatusCode == 500, $"expected HTTP 500, got status {first.LastStatusCode} and error '{first.LastError}'");
        Assert.Contains("HTTP 500", first.LastError, StringComparison.Ordinal);
        Assert.InRange(first.NextAttemptAtUtc - first.LastAttemptAtUtc!.Value, TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(30));
        await Task.Delay(300);
        Assert.Single(receiver.Requests);

        app.Time.Advance(TimeSpan.FromSeconds(31));
        var second = await WaitForDeliveryAsync(app, d => d.Attempts == 2);
        Assert.Equal(DeliveryStatus.Pending, second.Status);
        Assert.InRange(second.NextAttemptAtUtc - second.LastAttemptAtUtc!.Value, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60));

        app.Time.Advance(TimeSpan.FromSeconds(61));
        var delivered = await WaitForDeliveryAsync(app, d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(3, delivered.Attempts);
        Assert.Null(delivered.LastError);
        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(r => r.Body).Distinct());
        Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
    }

    [Fact]
    public async Task Delivery_TimeoutCountsAsFailedAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = n => (200, n == 1 ? TimeSpan.FromSeconds(15) : TimeSpan.Zero);
        var settings = new Dictionary<string, string>(FastSettings) { ["Webhooks:RequestTimeout"] = "00:00:03" };
        using var app = new NuqtaAppFactory(settings: settings);
        await SubscribeAsync(app, receiver, EventTypes.SloBreached);
        await EnqueueAsync(app, EventTypes.SloBreached, new { slo = "cited support" });

        var timedOut = await WaitForDeliveryAsync(app, d => d.Attempts == 1);
        Assert.Equal(DeliveryStatus.Pending, timedOut.Status);
        Assert.Null(timedOut.LastStatusCode);
        Assert.Contains("timed out after 3 s", timedOut.LastError, StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromSeconds(31));
        var delivered = await WaitForDeliveryAsync(app, d => d.Status == DeliveryStatus.Delivered);
        Assert.Equal(2, delivered.Attempts);
    }

    [Fact]
    public async Task Delivery_ResumesAfterRestart()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond = _ => (503, TimeSpan.Zero);
        var directory = Directory.CreateTempSubdirectory("nuqta-it-restart-").FullName;
        try
        {
            using (var before = new NuqtaAppFactory(dataDirectory: directory, settings: FastSettings))
            {
                await SubscribeAsync(before, receiver, EventTypes.RollbackExecuted);
                await EnqueueAsync(before, EventTypes.RollbackExecuted, new { model = "legal-qa" });
                var pending = await WaitForDeliveryAsync(before, d => d.Attempts == 1);
                Assert.Equal(DeliveryStatus.Pending, pending.Status);
            }

            receiver.Respond = _ => (200, TimeSpan.Zero);
            using var after = new NuqtaAppFactory(dataDirectory: directory, settings: FastSettings);
            after.Time.Advance(TimeSpan.FromMinutes(1));
            var delivered = await WaitForDeliveryAsync(after, d => d.Status == DeliveryStatus.Delivered);

            Assert.Equal(2, delivered.Attempts);
            Assert.Equal(2, receiver.Requests.Count);
            Assert.All(receiver.Requests, r => Assert.True(r.SignatureValid));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task SubscribeAsync(NuqtaAppFactory app, WebhookReceiver receiver, params string[] types)
    {
        var issued = await app.Services.GetRequiredService<WebhookService>()
            .CreateAsync(Actor.System, new WebhookSubscriptionRequest(receiver.Url, "test receiver", types));
        receiver.Secret = issued.Secret;
    }

    private static Task EnqueueAsync(NuqtaAppFactory app, string type, object payload) =>
        app.Services.GetRequiredService<AuditedWriter>().RunAsync(Actor.System, async db =>
        {
            await EventOutbox.EnqueueAsync(db, type, payload, app.Time.GetUtcNow().UtcDateTime);
            return new Audited<bool>(true, new AuditEntry("test.event", "test", type));
        });

    private static async Task<string> HeadHashAsync(NuqtaAppFactory app)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<NuqtaDbContext>>().CreateDbContextAsync();
        return await AuditTrail.HeadHashAsync(db);
    }

    private static async Task<WebhookDelivery> WaitForDeliveryAsync(NuqtaAppFactory app, Func<WebhookDelivery, bool> condition)
    {
        var contexts = app.Services.GetRequiredService<IDbContextFactory<NuqtaDbContext>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        WebhookDelivery? last = null;
        while (DateTime.UtcNow < deadline)
        {
            await using (var db = await contexts.CreateDbContextAsync())
            {
                last = await db.WebhookDeliveries.AsNoTracking().OrderBy(d => d.Id).FirstOrDefaultAsync();
            }

            if (last is not null && last.LeaseToken is null && condition(last))
            {
                return last;
            }

            await Task.Delay(50);
        }

        Assert.Fail($"the delivery did not reach the expected state; last seen: status {last?.Status}, attempts {last?.Attempts}, error {last?.LastError}");
        return null!;
    }
}
