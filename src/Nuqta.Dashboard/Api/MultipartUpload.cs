using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Storage;

namespace Nuqta.Dashboard.Api;

/// <summary>A multipart request read by streaming: its text fields and, if it had one, the file staged on disk.</summary>
public sealed record MultipartContent(IReadOnlyDictionary<string, string> Fields, StagedUpload? File)
{
    public string? Field(string name) => Fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}

/// <summary>
/// Reads multipart/form-data with <see cref="MultipartReader"/> instead of <c>IFormFile</c>, so a
/// file of up to the configured size streams into the staging store under the data directory
/// instead of a buffer in memory or the system temp folder.
/// </summary>
public static class MultipartUpload
{
    private const int MaxFieldLength = 1 << 20;

    public static async Task<MultipartContent> ReadAsync(HttpContext http, StagingStore staging, StorageOptions storage, string ownerId, CancellationToken cancellationToken)
    {
        var limit = storage.MaxUploadBytes;
        if (http.Request.ContentLength is { } length && length > limit + MaxFieldLength)
        {
            throw new InputValidationException($"the request is {StagingStore.FormatSize(length)}, over the upload limit of {StagingStore.FormatSize(limit)}", "file");
        }

        // Kestrel's default body limit (about 28.6 MB) is below the upload limit, so raise it for this request only.
        var sizeFeature = http.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (sizeFeature is { IsReadOnly: false })
        {
            sizeFeature.MaxRequestBodySize = limit + MaxFieldLength;
        }

        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var contentType) ||
            !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new InputValidationException("send the request as multipart/form-data with the file in a part named 'file'", "Content-Type", http.Request.ContentType);
        }

        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            throw new InputValidationException("the multipart request has no boundary", "Content-Type", http.Request.ContentType);
        }

        var reader = new MultipartReader(boundary, http.Request.Body);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        StagedUpload? file = null;
        MultipartSection? section;
        while ((section = await reader.ReadNextSectionAsync(cancellationToken)) is not null)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
            {
                continue;
            }

            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition())
            {
                if (file is not null)
                {
                    throw new InputValidationException("send one file per request", name);
                }

                var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value ?? "upload";
                file = await staging.StageAsync(section.Body, fileName, ownerId, cancellationToken);
                continue;
            }

            using var text = new StreamReader(section.Body);
            var buffer = new char[MaxFieldLength + 1];
            var read = await text.ReadBlockAsync(buffer, cancellationToken);
            if (read > MaxFieldLength)
            {
                throw new InputValidationException($"the form field '{name}' is longer than {MaxFieldLength} characters", name);
            }

            fields[name] = new string(buffer, 0, read);
        }

        return new MultipartContent(fields, file);
    }
}
