using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Core.Webhooks;

/// <summary>Rules for a subscription's URL: an absolute http or https URL with a host.</summary>
/// <remarks>
/// NOTE: loopback and private-network addresses are accepted, because receivers often run inside
/// the same network. Only admins create subscriptions, so this is not a way for others to reach
/// internal hosts.
/// </remarks>
public static class WebhookUrl
{
    /// <summary>Longest accepted URL, in characters.</summary>
    public const int MaxLength = 2000;

    private const string Field = "url";

    /// <summary>Returns the input error that makes the value unusable as a webhook URL, or null when it is valid.</summary>
    public static InputError? Check(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new InputError("url is required: enter the receiver's address, for example https://hooks.example.com/nuqta", Field);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxLength)
        {
            return new InputError($"url is {trimmed.Length} characters long; the limit is {MaxLength}", Field, Value: trimmed[..80] + "…");
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.IsFile || uri.IsUnc)
        {
            return new InputError("url is not an absolute URL: write it in full, starting with https:// or http://", Field, Value: trimmed);
        }

        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return new InputError($"url uses the '{uri.Scheme}' scheme; webhooks are sent only over https or http", Field, Value: trimmed);
        }

        if (string.IsNullOrEmpty(uri.Host))
        {
            return new InputError("url has no host name", Field, Value: trimmed);
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return new InputError("url contains a user name or password, which would be shown on the admin pages; authenticate the receiver with the signature instead", Field, Value: uri.Scheme + "://…@" + uri.Authority);
        }

        if (!string.IsNullOrEmpty(uri.Fragment))
        {
            return new InputError("url has a '#' fragment, which is never sent to the server; remove it", Field, Value: trimmed);
        }

        return null;
    }

    /// <summary>Returns the trimmed URL, or throws <see cref="InputValidationException"/> naming the problem.</summary>
    public static string Normalize(string? value)
    {
        if (Check(value) is { } error)
        {
            throw new InputValidationException([error]);
        }

        return value!.Trim();
    }
}
