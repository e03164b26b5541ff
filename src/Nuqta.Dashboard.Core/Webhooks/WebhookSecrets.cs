using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Nuqta.Dashboard.Core.Webhooks;

/// <summary>Generates, encrypts and decrypts subscription secrets with the Data Protection key ring.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider protection)
{
    /// <summary>Shortest secret an admin may give; 16 characters.</summary>
    public const int MinLength = 16;

    /// <summary>Longest secret an admin may give; 200 characters.</summary>
    public const int MaxLength = 200;

    private readonly IDataProtector _protector = protection.CreateProtector("Nuqta.Dashboard.Webhooks.SubscriptionSecret");

    /// <summary>Returns a new secret: <c>whsec_</c> and 32 random bytes in base64url.</summary>
    public static string Generate() => "whsec_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => _protector.Protect(secret);

    /// <summary>Decrypts a stored secret; throws <see cref="CryptographicException"/> when the key ring lost its key.</summary>
    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    /// <summary>Returns the last four characters, which pages show after dots so that admins can tell secrets apart.</summary>
    public static string Hint(string secret) => secret.Length <= 4 ? "••••" : secret[^4..];

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
