using System.Diagnostics;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>
/// Times a paired comparison of two imported runs through <c>POST /api/v1/comparisons</c>: the
/// request reads both runs' stored values, computes every cell with its interval, p-value and
/// verdict, saves the comparison and returns it.
/// </summary>
internal static class CompareBenchmark
{
    /// <summary>Limit in seconds that one comparison request must stay below.</summary>
    public const double MaxSeconds = 3;

    /// <summary>Comparison requests timed after the imports; the first one also pays for the app's first use of the engine.</summary>
    public const int Repeats = 3;

    private const string Dataset = "bench-compare";
    private const string DatasetVersion = "v1";
    private const string Model = "bench-model";
    private const string BaselineVersion = "v1";
    private const string CandidateVersion = "v2";

    /// <param name="appSettings">Environment variables for the app process that runs the comparisons.</param>
    public static async Task<int> RunAsync(int examples, int segmentValues, IReadOnlyDictionary<string, string> appSettings)
    {
        var loadAtStart = File.ReadAllText("/proc/loadavg").Trim();
        using var work = new WorkDirectory();
        var datasetFile = Path.Combine(work.Path, $"dataset-{examples}.csv");
        var baselineFile = Path.Combine(work.Path, $"baseline-{examples}.csv");
        var candidateFile = Path.Combine(work.Path, $"candidate-{examples}.csv");
        var dataDirectory = Path.Combine(work.Path, "data");

        var watch = Stopwatch.StartNew();
        DataGenerator.WriteSegmentedDataset(datasetFile, examples, segmentValues);
        DataGenerator.WriteResults(baselineFile, examples, variant: 0);
        DataGenerator.WriteResults(candidateFile, examples, variant: 1);
        Console.WriteLine($"Generated {examples:N0} examples with {segmentValues} segment values and two result files in {watch.Elapsed.TotalSeconds:0.0} s");

        int baselineRunId;
        int candidateRunId;
        await using (var app = await AppProcess.StartAsync(dataDirectory, WorkDirectory.ApiKey, Path.Combine(work.Path, "app-import.log")))
        {
            await NuqtaClient.RegisterDatasetAsync(app.Client, Dataset);
            await NuqtaClient.CreateDatasetVersionAsync(app.Client, Dataset, DatasetVersion, datasetFile, [DataGenerator.ComparisonSegmentColumn]);
            await NuqtaClient.RegisterModelAsync(app.Client, Model);
            await NuqtaClient.RegisterModelVersionAsync(app.Client, Model, BaselineVersion);
            await NuqtaClient.RegisterModelVersionAsync(app.Client, Model, CandidateVersion);
            baselineRunId = await ImportAsync(app, baselineFile, BaselineVersion);
            candidateRunId = await ImportAsync(app, candidateFile, CandidateVersion);
        }

        // A fresh app process runs the comparisons, so its peak memory is theirs and not the imports'.
        var timings = new List<double>();
        long rssBefore;
        long peak;
        await using (var app = await AppProcess.StartAsync(dataDirectory, WorkDirectory.ApiKey, Path.Combine(work.Path, "app-compare.log"), appSettings))
        {
            rssBefore = app.ReadMemoryBytes("VmRSS");
            for (var i = 0; i < Repeats; i++)
            {
                var cpuBefore = app.ReadCpuTime();
                watch.Restart();
                var result = await NuqtaClient.CompareRunsAsync(app.Client, candidateRunId, baselineRunId);
                var elapsed = watch.Elapsed.TotalSeconds;
                timings.Add(elapsed);
                var cpu = (app.ReadCpuTime() - cpuBefore).TotalSeconds;

                var cells = result.GetProperty("cells");
                var paired = cells.EnumerateArray().Count(c => c.GetProperty("design").GetString() == "paired");
                var methods = cells.EnumerateArray()
                    .Select(c => c.GetProperty("method").GetString() ?? "none")
                    .GroupBy(m => m)
                    .Select(g => $"{g.Key} {g.Count()}");
                Console.WriteLine($"Comparison {i + 1}: {cells.GetArrayLength()} cells ({paired} paired; {string.Join(", ", methods)}), gate {result.GetProperty("gate").GetProperty("verdict").GetString()}, in {elapsed:0.00} s, app CPU time {cpu:0.00} s");
            }

            peak = app.ReadMemoryBytes("VmHWM");
        }

        var slowest = timings.Max();
        Console.WriteLine();
        Console.WriteLine($"Summary for {examples:N0} examples per run, {segmentValues} segment values ({Environment.ProcessorCount} CPUs, load average at start {loadAtStart}, at end {File.ReadAllText("/proc/loadavg").Trim()}):");
        foreach (var (name, value) in appSettings)
        {
            Console.WriteLine($"  app environment     {name}={value}");
        }

        Console.WriteLine($"  comparison requests {string.Join(", ", timings.Select(t => $"{t:0.00}"))} s");
        Console.WriteLine($"  slowest             {slowest,8:0.00} s   target < {MaxSeconds} s: {(slowest < MaxSeconds ? "met" : "MISSED")}");
        Console.WriteLine($"  app RSS before      {Report.MiB(rssBefore),8}, peak {Report.MiB(peak)}");
        return 0;
    }

    private static async Task<int> ImportAsync(AppProcess app, string path, string version)
    {
        var watch = Stopwatch.StartNew();
        var outcome = await NuqtaClient.ImportResultsAsync(app.Client, path, Dataset, DatasetVersion, Model, version);
        var run = outcome.GetProperty("runs")[0];
        Console.WriteLine($"Imported {Path.GetFileName(path)} as version {version}: {run.GetProperty("matchedRows").GetInt32():N0} rows matched in {watch.Elapsed.TotalSeconds:0.00} s");
        return run.GetProperty("id").GetInt32();
    }
}
