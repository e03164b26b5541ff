using System.Text.Json;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Nuqta.Dashboard.Components.Shared;

/// <summary>The outcome of sending a file to the staging endpoint: its upload id, or the reason it failed.</summary>
public sealed record StagedFileResult(string? UploadId, string? Error);

/// <summary>
/// Sends the file chosen in an <c>input type="file"</c> to <c>POST /api/v1/uploads</c> through the
/// browser module <c>js/upload.js</c> (XMLHttpRequest with progress events), so large files go
/// over plain HTTP instead of the Blazor circuit. Pages own one instance and dispose it.
/// </summary>
public sealed class StagedFileUploader(IJSRuntime js, NavigationManager navigation, Func<double, Task> onProgress) : IAsyncDisposable
{
    private IJSObjectReference? _module;
    private DotNetObjectReference<StagedFileUploader>? _self;

    /// <summary>Uploads the chosen file with the page's antiforgery token and reports progress in percent.</summary>
    public async Task<StagedFileResult> UploadAsync(ElementReference fileInput, string antiforgeryToken)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", "./js/upload.js");
            _self ??= DotNetObjectReference.Create(this);
            var url = navigation.ToAbsoluteUri("api/v1/uploads").ToString();
            var result = await _module.InvokeAsync<UploadResponse>("uploadFile", fileInput, url, antiforgeryToken, _self);
            if (result.Status != 201)
            {
                return new StagedFileResult(null, DescribeProblem(result.Body));
            }

            using var created = JsonDocument.Parse(result.Body);
            return new StagedFileResult(created.RootElement.GetProperty("uploadId").GetString(), null);
        }
        catch (JSException ex)
        {
            return new StagedFileResult(null, $"The browser could not send the file: {ex.Message}");
        }
    }

    /// <summary>Receives upload progress from the browser module.</summary>
    [JSInvokable]
    public Task OnUploadProgress(double loaded, double total) => onProgress(total > 0 ? 100 * loaded / total : 0);

    public async ValueTask DisposeAsync()
    {
        _self?.Dispose();
        if (_module is null)
        {
            return;
        }

        try
        {
            await _module.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The circuit is gone, and the module with it.
        }
    }

    private sealed record UploadResponse(int Status, string Body);

    // Returns the problem+json detail of a failed upload, or the raw body when it is not JSON.
    private static string DescribeProblem(string body)
    {
        try
        {
            using var problem = JsonDocument.Parse(body);
            if (problem.RootElement.TryGetProperty("detail", out var detail))
            {
                return detail.GetString() ?? body;
            }

            return body;
        }
        catch (JsonException)
        {
            return string.IsNullOrWhiteSpace(body) ? "The upload failed." : body;
        }
    }
}
