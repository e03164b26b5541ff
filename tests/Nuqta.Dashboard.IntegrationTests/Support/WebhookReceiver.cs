using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Nuqta.Dashboard.IntegrationTests.Support;

/// <summary>One request that reached the receiver, with the result of its own signature check.</summary>
public sealed record ReceivedWebhook(string Body, string? SignatureHeader, long? Timestamp, bool SignatureValid, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// A webhook receiver on 127.0.0.1 with a port the system picks. It checks each request's
/// signature with its own HMAC code (not the app's), and responds as <see cref="Respond"/> returns.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    /// <summary>The subscription's secret, which the receiver checks signatures with.</summary>
    public string Secret { get; set; } = "";

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<ReceivedWebhook> Requests { get; } = new();

    /// <summary>
    /// Returns the status code and the delay before responding to the n-th request (1-based).
    /// By default every request gets 200 at once.
    /// </summary>
    public Func<int, (int Status, TimeSpan Delay)> Respond { get; set; } = _ => (200, TimeSpan.Zero);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.MapPost("/hook", (HttpContext context) => receiver!.HandleAsync(context));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address.TrimEnd('/') + "/hook");
        return receiver;
    }

    /// <summary>Waits until at least <paramref name="count"/> requests arrived, or fails after the timeout.</summary>
    public async Task WaitForRequestsAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (Requests.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"expected {count} webhook requests, received {Requests.Count}");
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var header = context.Request.Headers["Nuqta-Signature"].ToString();
        var (timestamp, valid) = Check(header, body);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        Requests.Enqueue(new ReceivedWebhook(body, header, timestamp, valid, headers));

        var (status, delay) = Respond(Requests.Count);
        if (delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                // The sender gave up waiting, which is what a timeout test wants.
                return;
            }
        }

        context.Response.StatusCode = status;
        await context.Response.WriteAsync(status >= 400 ? "receiver says no" : "ok");
    }

    // Written from the documented format, independently of the app's WebhookSignature class.
    private (long? Timestamp, bool Valid) Check(string header, string body)
    {
        var parts = header.Split(',').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
        var t = parts.FirstOrDefault(p => p[0] == "t")?[1];
        var v1 = parts.Where(p => p[0] == "v1").Select(p => p[1]).ToList();
        if (t is null || !long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return (null, false);
        }

        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(Secret));
        var expected = Convert.ToHexString(hmac.ComputeHash(Encoding.UTF8.GetBytes(t + "." + body))).ToLowerInvariant();
        return (seconds, v1.Contains(expected));
    }
}
