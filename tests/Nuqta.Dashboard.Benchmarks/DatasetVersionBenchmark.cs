using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Nuqta.Dashboard.Benchmarks;

// Times the creation of a generated dataset version through the real HTTP API.
// Usage: dotnet run -c Release --project tests/Nuqta.Dashboard.Benchmarks -- [examples=100000]
internal static class DatasetVersionBenchmark
{
    public static async Task Main(string[] args)
    {
        var examples = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        var dataDirectory = Path.Combine(Path.GetTempPath(), "nuqta-bench-" + Guid.NewGuid().ToString("N"));
        const string key = "bench-key-0123456789abcdef";

        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Demo:Enabled", "true");
            builder.UseSetting("Demo:ApiKey", key);
            builder.UseSetting("Storage:DataDirectory", dataDirectory);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
        });
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        var file = Path.Combine(Path.GetTempPath(), $"bench-{examples}.csv");
        var text = new StringBuilder("id,question,language,tier,intent\n");
        string[] languages = ["ar", "en", "fr"];
        for (var i = 0; i < examples; i++)
        {
            text.Append($"ex-{i},Question number {i} about order {i * 7 % 1000},{languages[i % 3]},t{i % 4},i{i % 5}\n");
        }

        await File.WriteAllTextAsync(file, text.ToString());
        await client.PostAsync("/api/v1/datasets", new StringContent("""{"name":"bench","purpose":"regression"}""", Encoding.UTF8, "application/json"));

        var watch = Stopwatch.StartNew();
        using var form = new MultipartFormDataContent
        {
            { new StreamContent(File.OpenRead(file)), "file", Path.GetFileName(file) },
            { new StringContent("v1"), "version" },
            { new StringContent("id"), "idField" },
            { new StringContent("question"), "inputField" },
            { new StringContent("language,tier,intent"), "segmentFields" },
        };
        var response = await client.PostAsync("/api/v1/datasets/bench/versions", form);
        watch.Stop();

        Console.WriteLine($"{examples} examples: HTTP {(int)response.StatusCode} in {watch.Elapsed.TotalSeconds:0.00} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        File.Delete(file);
    }
}
