using System.Net.Http.Json;
using System.Text.Json;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>The API calls the benchmarks make, each failing with the response body when the app rejects it.</summary>
internal static class NuqtaClient
{
    public static Task RegisterDatasetAsync(HttpClient client, string name) =>
        SendAsync(client, "/api/v1/datasets", JsonContent.Create(new { name, purpose = "regression" }));

    public static Task RegisterModelAsync(HttpClient client, string name) =>
        SendAsync(client, "/api/v1/models", JsonContent.Create(new { name }));

    public static Task RegisterModelVersionAsync(HttpClient client, string model, string version) =>
        SendAsync(client, $"/api/v1/models/{Uri.EscapeDataString(model)}/versions", JsonContent.Create(new { version }));

    /// <summary>Uploads a file written by <see cref="DataGenerator.WriteDataset"/> as a new version of the dataset.</summary>
    /// <param name="segmentColumns">The file's segment columns; null for <see cref="DataGenerator.SegmentColumns"/>.</param>
    public static Task<JsonElement> CreateDatasetVersionAsync(HttpClient client, string dataset, string version, string path, IReadOnlyList<string>? segmentColumns = null)
    {
        var form = new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead(path)), "file", Path.GetFileName(path) },
            { new StringContent(version), "version" },
            { new StringContent("id"), "idField" },
            { new StringContent("question"), "inputField" },
            { new StringContent(string.Join(',', segmentColumns ?? DataGenerator.SegmentColumns)), "segmentFields" },
        };
        return SendAsync(client, $"/api/v1/datasets/{Uri.EscapeDataString(dataset)}/versions", form);
    }

    /// <summary>Imports a file written by <see cref="DataGenerator.WriteResults"/> as a canonical file with an explicit column mapping.</summary>
    public static Task<JsonElement> ImportResultsAsync(HttpClient client, string path, string dataset, string datasetVersion, string model, string version)
    {
        var mapping = new Dictionary<string, string> { ["id"] = "id" };
        foreach (var column in DataGenerator.MetricColumns)
        {
            mapping[column] = "metric";
        }

        var form = new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead(path)), "file", Path.GetFileName(path) },
            { new StringContent(dataset), "dataset" },
            { new StringContent(datasetVersion), "datasetVersion" },
            { new StringContent(model), "model" },
            { new StringContent(version), "version" },
            { new StringContent("canonical"), "format" },
            { new StringContent(JsonSerializer.Serialize(mapping)), "mapping" },
        };
        return SendAsync(client, "/api/v1/evaluation-runs", form);
    }

    /// <summary>Compares two runs through <c>POST /api/v1/comparisons</c> with the default segments, seed and resamples.</summary>
    public static Task<JsonElement> CompareRunsAsync(HttpClient client, int candidateRunId, int baselineRunId) =>
        SendAsync(client, "/api/v1/comparisons", JsonContent.Create(new { candidateRunIds = new[] { candidateRunId }, baselineRunIds = new[] { baselineRunId } }));

    private static async Task<JsonElement> SendAsync(HttpClient client, string path, HttpContent content)
    {
        using (content)
        {
            using var response = await client.PostAsync(path, content);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"POST {path} failed with HTTP {(int)response.StatusCode}: {body}");
            }

            return JsonDocument.Parse(body).RootElement.Clone();
        }
    }
}
