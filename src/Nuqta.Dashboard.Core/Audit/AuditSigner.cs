using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Storage;

namespace Nuqta.Dashboard.Core.Audit;

/// <summary>Settings of the audit trail. Section <c>Audit</c>.</summary>
public sealed class AuditOptions
{
    public const string SectionName = "Audit";

    /// <summary>
    /// Base64 key of at least 32 bytes for the HMAC that signs each event's hash. Keep it outside
    /// the database (environment variable <c>Audit__SigningKey</c> or a secret store). When empty,
    /// the app creates a random key in the file <c>audit-signing.key</c> in the data directory.
    /// </summary>
    public string? SigningKey { get; set; }
}

/// <summary>
/// Signs audit event hashes with HMAC-SHA256. Anyone who can write the database but lacks this
/// key cannot rewrite the chain without the verify action noticing.
/// </summary>
public sealed class AuditSigner
{
    private const string KeyFileName = "audit-signing.key";
    private readonly byte[] _key;

    public AuditSigner(IOptions<AuditOptions> options, IOptions<StorageOptions> storage, ILogger<AuditSigner> logger)
    {
        _key = LoadKey(options.Value, storage.Value, logger);
    }

    /// <summary>Creates a signer with an explicit key, for tests and tools.</summary>
    public AuditSigner(byte[] key)
    {
        _key = key;
    }

    /// <summary>Returns the lowercase hex HMAC-SHA256 of the hash text.</summary>
    public string Sign(string hash) => Convert.ToHexStringLower(HMACSHA256.HashData(_key, System.Text.Encoding.UTF8.GetBytes(hash)));

    /// <summary>Compares a stored signature with the expected one in constant time.</summary>
    public bool Verify(string hash, string signature) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(Sign(hash)), System.Text.Encoding.ASCII.GetBytes(signature));

    private static byte[] LoadKey(AuditOptions options, StorageOptions storage, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.SigningKey))
        {
            var configured = Convert.FromBase64String(options.SigningKey);
            if (configured.Length < 32)
            {
                throw new InvalidOperationException("Audit:SigningKey must be base64 of at least 32 bytes.");
            }

            return configured;
        }

        var path = Path.Combine(storage.ResolvedDataDirectory, KeyFileName);
        if (File.Exists(path))
        {
            return Convert.FromBase64String(File.ReadAllText(path).Trim());
        }

        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(storage.ResolvedDataDirectory);
        File.WriteAllText(path, Convert.ToBase64String(key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        logger.LogWarning(
            "No audit signing key is configured; created one in {KeyPath}. Set Audit:SigningKey and keep it outside the data directory in production.",
            path);
        return key;
    }
}
