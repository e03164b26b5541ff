using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Nuqta.Dashboard.Core.Webhooks;

/// <summary>
/// The <c>Nuqta-Signature</c> header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC&gt;</c>, where the HMAC is
/// HMAC-SHA256 keyed with the UTF-8 bytes of the subscription's secret over the UTF-8 bytes of
/// <c>&lt;t&gt;.&lt;body&gt;</c>. Signing the timestamp with the body lets a receiver reject replays of
/// an old request.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "Nuqta-Signature";

    /// <summary>Returns the header value for the body sent at <paramref name="unixSeconds"/>.</summary>
    public static string Create(string secret, long unixSeconds, string body) =>
        $"t={unixSeconds.ToString(CultureInfo.InvariantCulture)},v1={ComputeHex(secret, unixSeconds, body)}";

    /// <summary>Returns the lowercase hex HMAC-SHA256 of <c>&lt;t&gt;.&lt;body&gt;</c>.</summary>
    public static string ComputeHex(string secret, long unixSeconds, string body)
    {
        var signed = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>
    /// Checks a header against the body as received: a <c>v1</c> value must match (compared in
    /// constant time) and the timestamp must lie within <paramref name="tolerance"/> of
    /// <paramref name="now"/>. Several <c>v1</c> values are allowed, so a receiver may accept two
    /// secrets while one replaces the other.
    /// </summary>
    public static bool Verify(string? header, string secret, string body, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }

        long? timestamp = null;
        var candidates = new List<string>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var separator = part.IndexOf('=');
            if (separator <= 0)
            {
                continue;
            }

            var key = part[..separator];
            var value = part[(separator + 1)..];
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                timestamp = seconds;
            }
            else if (key == "v1")
            {
                candidates.Add(value);
            }
        }

        if (timestamp is not { } t || Math.Abs(now.ToUnixTimeSeconds() - t) > tolerance.TotalSeconds)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(ComputeHex(secret, t, body));
        return candidates.Any(c => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(c)));
    }
}
