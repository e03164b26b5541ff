using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Nuqta.Dashboard.Core.Webhooks;

/// <summary>
/// Sends one delivery attempt: a POST of the stored body, signed at send time, with a timeout.
/// Only a 2xx response counts as delivered; redirects are not followed.
/// </summary>
public sealed class WebhookSender(
    IHttpClientFactory clients,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookSender> logger)
{
    /// <summary>Name of the HttpClient that the host configures for webhooks (no redirects, no cookies).</summary>
    public const string ClientName = "webhooks";

    public const string EventHeader = "Nuqta-Event";
    public const string EventIdHeader = "Nuqta-Event-Id";
    public const string DeliveryHeader = "Nuqta-Delivery";

    public async Task<AttemptOutcome> SendAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        string secret;
        try
        {
            secret = secrets.Unprotect(delivery.ProtectedSecret);
        }
        catch (CryptographicException ex)
        {
            logger.LogError(ex, "The secret of webhook subscription {SubscriptionId} cannot be decrypted; delivery {DeliveryId} was not sent", delivery.SubscriptionId, delivery.Id);
            return new AttemptOutcome(false, null, "The subscription's secret cannot be decrypted (the Data Protection key ring changed). Rotate the secret on the webhooks page, then redeliver.");
        }

        var timeout = options.Value.RequestTimeout;
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);

        var unixSeconds = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(WebhookSignature.HeaderName, WebhookSignature.Create(secret, unixSeconds, delivery.Body));
        request.Headers.Add(EventHeader, delivery.EventType);
        request.Headers.Add(EventIdHeader, delivery.EventId.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(DeliveryHeader, delivery.Id.ToString(CultureInfo.InvariantCulture));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("Nuqta-Dashboard-Webhooks", "1"));

        try
        {
            using var client = clients.CreateClient(ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token);
            var code = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new AttemptOutcome(true, code, null);
            }

            var detail = code is >= 300 and < 400
                ? $"HTTP {code} {response.ReasonPhrase}: redirects are not followed; set the subscription's URL to the final address"
                : $"HTTP {code} {response.ReasonPhrase}{await ReadSnippetAsync(response, timeoutSource.Token)}";
            return new AttemptOutcome(false, code, detail);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new AttemptOutcome(false, null, $"timed out after {timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s without a response");
        }
        catch (HttpRequestException ex)
        {
            return new AttemptOutcome(false, null, $"request failed: {ex.Message}");
        }
    }

    // The start of the response body often names the receiver's problem. More would bloat the row.
    private static async Task<string> ReadSnippetAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            text = text.ReplaceLineEndings(" ").Trim();
            return text.Length == 0 ? "" : ": " + (text.Length > 200 ? text[..200] + "…" : text);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return "";
        }
    }
}

/// <summary>
/// One round of delivery work: fan out new events, then claim, send and record the due
/// deliveries. The host's background service calls it in a loop; tests call it directly.
/// </summary>
public sealed class WebhookDeliveryRound(WebhookDispatcher dispatcher, WebhookSender sender, ILogger<WebhookDeliveryRound> logger)
{
    /// <summary>Runs one round and returns the number of events fanned out plus deliveries attempted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var fannedOut = await dispatcher.FanOutAsync(cancellationToken);
        if (fannedOut > 0)
        {
            logger.LogInformation("Fanned out {EventCount} outbox events to webhook deliveries", fannedOut);
        }

        var due = await dispatcher.ClaimDueAsync(cancellationToken);
        await Task.WhenAll(due.Select(delivery => AttemptAsync(delivery, cancellationToken)));
        return fannedOut + due.Count;
    }

    private async Task AttemptAsync(ClaimedDelivery delivery, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(delivery, cancellationToken);
        var status = await dispatcher.RecordAsync(delivery, outcome, Random.Shared.NextDouble(), cancellationToken);
        var attempt = delivery.Attempts + 1;
        switch (status)
        {
            case DeliveryStatus.Delivered:
                logger.LogInformation("Webhook delivery {DeliveryId} of event {EventId} ({EventType}) to subscription {SubscriptionId} succeeded on attempt {Attempt}",
                    delivery.Id, delivery.EventId, delivery.EventType, delivery.SubscriptionId, attempt);
                break;
            case DeliveryStatus.Pending:
                logger.LogWarning("Webhook delivery {DeliveryId} to subscription {SubscriptionId} failed on attempt {Attempt} and will be retried: {Error}",
                    delivery.Id, delivery.SubscriptionId, attempt, outcome.Error);
                break;
            case DeliveryStatus.Failed:
                logger.LogError("Webhook delivery {DeliveryId} to subscription {SubscriptionId} failed on attempt {Attempt}, the last one allowed: {Error}",
                    delivery.Id, delivery.SubscriptionId, attempt, outcome.Error);
                break;
            default:
                logger.LogWarning("The claim on webhook delivery {DeliveryId} lapsed before attempt {Attempt} finished; its outcome was dropped", delivery.Id, attempt);
                break;
        }
    }
}
