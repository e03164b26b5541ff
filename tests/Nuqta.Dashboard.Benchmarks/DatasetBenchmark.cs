using System.Diagnostics;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>Times the creation of a generated dataset version through <c>POST /api/v1/datasets/{dataset}/versions</c>.</summary>
internal static class DatasetBenchmark
{
    public static async Task<int> RunAsync(int examples)
    {
        using var work = new WorkDirectory();
        var datasetFile = Path.Combine(work.Path, $"dataset-{examples}.csv");
        DataGenerator.WriteDataset(datasetFile, examples);

        await using var app = await AppProcess.StartAsync(Path.Combine(work.Path, "data"), WorkDirectory.ApiKey, Path.Combine(work.Path, "app.log"));
        await NuqtaClient.RegisterDatasetAsync(app.Client, "bench");
        var rssBefore = app.ReadMemoryBytes("VmRSS");

        var watch = Stopwatch.StartNew();
        var created = await NuqtaClient.CreateDatasetVersionAsync(app.Client, "bench", "v1", datasetFile);
        var elapsed = watch.Elapsed;

        Console.WriteLine($"{created.GetProperty("rows").GetInt32():N0} examples ({Report.MiB(new FileInfo(datasetFile).Length)}) in {elapsed.TotalSeconds:0.00} s");
        Console.WriteLine($"App RSS before {Report.MiB(rssBefore)}, peak {Report.MiB(app.ReadMemoryBytes("VmHWM"))}");
        return 0;
    }
}
