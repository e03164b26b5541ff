using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Core.Storage;

/// <summary>Metadata of a staged upload.</summary>
public sealed record StagedUpload(string UploadId, string FileName, long Size, string Sha256, string OwnerId, DateTime CreatedAtUtc, DateTime ExpiresAtUtc)
{
    /// <summary>Path of the staged bytes; set when loaded, not stored.</summary>
    public string ContentPath { get; init; } = "";
}

/// <summary>
/// Keeps uploaded files under <c>staging/</c> in the data directory for a while, so that a
/// browser sends a file once and the app can preview, map and import it from the staged copy.
/// Each upload has a random id and belongs to the person who uploaded it.
/// </summary>
public sealed partial class StagingStore(IOptions<StorageOptions> options, TimeProvider time, ILogger<StagingStore> logger)
{
    private const string ContentFile = "content";
    private const string MetadataFile = "upload.json";

    [GeneratedRegex("^[a-f0-9]{32}$")]
    private static partial Regex UploadIdPattern();

    private string Root => Path.Combine(options.Value.ResolvedDataDirectory, "staging");

    /// <summary>
    /// Copies the stream into a new staged upload, hashing it on the way. Stops with an input
    /// error when the stream exceeds the size limit; nothing is kept then.
    /// </summary>
    public async Task<StagedUpload> StageAsync(Stream content, string fileName, string ownerId, CancellationToken cancellationToken = default)
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var folder = Path.Combine(Root, id);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, ContentFile);
        var limit = options.Value.MaxUploadBytes;
        long size = 0;
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                var buffer = new byte[1 << 16];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    size += read;
                    if (size > limit)
                    {
                        throw new InputValidationException($"the file is larger than the limit of {FormatSize(limit)}; split it or ask an admin to raise Storage:MaxUploadBytes", "file", fileName);
                    }

                    hash.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            if (size == 0)
            {
                throw new InputValidationException("the file is empty", "file", fileName);
            }

            var now = time.GetUtcNow().UtcDateTime;
            var upload = new StagedUpload(id, SafeFileName(fileName), size, Convert.ToHexStringLower(hash.GetHashAndReset()), ownerId, now, now.AddHours(options.Value.StagedUploadLifetimeHours));
            await File.WriteAllTextAsync(Path.Combine(folder, MetadataFile), JsonSerializer.Serialize(upload), cancellationToken);
            logger.LogInformation("Staged upload {UploadId} ({Size} bytes) for {OwnerId}", id, size, ownerId);
            return upload with { ContentPath = path };
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>Returns the staged upload if it exists, has not expired, and belongs to the owner.</summary>
    /// <exception cref="NotFoundException">The id is unknown, expired, or another person's.</exception>
    public async Task<StagedUpload> GetAsync(string uploadId, string ownerId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(uploadId) || !UploadIdPattern().IsMatch(uploadId))
        {
            throw new NotFoundException($"No staged upload has id '{uploadId}'.");
        }

        var folder = Path.Combine(Root, uploadId);
        var metadataPath = Path.Combine(folder, MetadataFile);
        if (!File.Exists(metadataPath))
        {
            throw new NotFoundException($"No staged upload has id '{uploadId}'; it may have expired. Upload the file again.");
        }

        var upload = JsonSerializer.Deserialize<StagedUpload>(await File.ReadAllTextAsync(metadataPath, cancellationToken))!;
        if (upload.OwnerId != ownerId)
        {
            throw new NotFoundException($"No staged upload has id '{uploadId}'.");
        }

        if (upload.ExpiresAtUtc <= time.GetUtcNow().UtcDateTime)
        {
            TryDelete(folder);
            throw new NotFoundException($"The staged upload '{uploadId}' expired at {upload.ExpiresAtUtc:u}; upload the file again.");
        }

        return upload with { ContentPath = Path.Combine(folder, ContentFile) };
    }

    /// <summary>Deletes a staged upload now, for a file that came with a one-shot API request.</summary>
    public void Delete(StagedUpload upload) => TryDelete(Path.Combine(Root, upload.UploadId));

    /// <summary>Deletes expired uploads and folders left incomplete; returns how many were removed.</summary>
    public int DeleteExpired()
    {
        if (!Directory.Exists(Root))
        {
            return 0;
        }

        var removed = 0;
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var folder in Directory.EnumerateDirectories(Root))
        {
            var metadataPath = Path.Combine(folder, MetadataFile);
            try
            {
                var expired = File.Exists(metadataPath)
                    ? JsonSerializer.Deserialize<StagedUpload>(File.ReadAllText(metadataPath))!.ExpiresAtUtc <= now
                    : Directory.GetCreationTimeUtc(folder) < now.AddHours(-1);
                if (expired)
                {
                    TryDelete(folder);
                    removed++;
                }
            }
            catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
            {
                logger.LogWarning(ex, "Could not inspect staged upload folder {Folder}", folder);
            }
        }

        return removed;
    }

    /// <summary>Formats a byte count for messages, for example "200 MB".</summary>
    public static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024.0 * 1024):0.#} MB"
        : bytes >= 1024 ? $"{bytes / 1024.0:0.#} KB" : $"{bytes} bytes";

    private static string SafeFileName(string fileName)
    {
        var name = Path.GetFileName(fileName ?? "");
        return string.IsNullOrWhiteSpace(name) ? "upload" : name;
    }

    private void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning(ex, "Could not delete staged upload folder {Folder}", folder);
        }
    }
}
