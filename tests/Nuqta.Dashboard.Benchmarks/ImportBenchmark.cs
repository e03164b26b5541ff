using System.Diagnostics;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>
/// Times the import of a canonical result file through <c>POST /api/v1/evaluation-runs</c>
/// against a dataset version of the same size, and compares it with loading the same file into
/// one plain SQLite table with the sqlite3 shell.
/// </summary>
internal static class ImportBenchmark
{
    /// <summary>Maximum ratio of the import time to the sqlite3 load time of the same file.</summary>
    public const double MaxRatioToFloor = 3;

    /// <summary>Limit in bytes that the app's peak resident set during the import must stay below: 400 MB, which is 381 MiB.</summary>
    public const long MaxPeakRssBytes = 400_000_000;

    private const string Dataset = "bench";
    private const string DatasetVersion = "v1";
    private const string Model = "bench-model";
    private const string ModelVersion = "v1";

    /// <param name="shuffled">Whether the result rows come in a random order rather than the dataset's.</param>
    /// <param name="appSettings">Environment variables for the app process that runs the import.</param>
    public static async Task<int> RunAsync(int examples, bool stages, bool shuffled, IReadOnlyDictionary<string, string> appSettings)
    {
        var loadAtStart = File.ReadAllText("/proc/loadavg").Trim();
        using var work = new WorkDirectory();
        var datasetFile = Path.Combine(work.Path, $"dataset-{examples}.csv");
        var resultFile = Path.Combine(work.Path, $"results-{examples}.csv");
        var dataDirectory = Path.Combine(work.Path, "data");

        var watch = Stopwatch.StartNew();
        DataGenerator.WriteDataset(datasetFile, examples);
        DataGenerator.WriteResults(resultFile, examples, shuffled: shuffled);
        Console.WriteLine($"Generated {examples:N0} examples in {watch.Elapsed.TotalSeconds:0.0} s: dataset {Report.MiB(new FileInfo(datasetFile).Length)}, results {Report.MiB(new FileInfo(resultFile).Length)}");

        // The dataset version is created by one app process and imported into by a fresh one, so
        // the import's peak memory is its own and not left over from creating the dataset.
        TimeSpan creation;
        long creationPeak;
        await using (var app = await AppProcess.StartAsync(dataDirectory, WorkDirectory.ApiKey, Path.Combine(work.Path, "app-dataset.log")))
        {
            await NuqtaClient.RegisterDatasetAsync(app.Client, Dataset);
            watch.Restart();
            var created = await NuqtaClient.CreateDatasetVersionAsync(app.Client, Dataset, DatasetVersion, datasetFile);
            creation = watch.Elapsed;
            creationPeak = app.ReadMemoryBytes("VmHWM");
            Console.WriteLine($"Dataset version created: {created.GetProperty("rows").GetInt32():N0} rows in {creation.TotalSeconds:0.00} s; app peak RSS {Report.MiB(creationPeak)}");
        }

        // --stages logs every SQL command with its duration, which the stage timeline reads.
        var settings = new Dictionary<string, string>(appSettings);
        if (stages)
        {
            settings["Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command"] = "Information";
        }

        var importLog = Path.Combine(work.Path, "app-import.log");
        TimeSpan import;
        long importPeak;
        long rssBefore;
        long rssAfter;
        TimeSpan importCpu;
        DateTime requestStartUtc;
        DateTime requestEndUtc;
        await using (var app = await AppProcess.StartAsync(dataDirectory, WorkDirectory.ApiKey, importLog, settings))
        {
            // Registering the model also warms up the app, so the timed request pays no first-request cost.
            await NuqtaClient.RegisterModelAsync(app.Client, Model);
            await NuqtaClient.RegisterModelVersionAsync(app.Client, Model, ModelVersion);
            rssBefore = app.ReadMemoryBytes("VmRSS");
            var cpuBefore = app.ReadCpuTime();

            requestStartUtc = DateTime.UtcNow;
            watch.Restart();
            var outcome = await NuqtaClient.ImportResultsAsync(app.Client, resultFile, Dataset, DatasetVersion, Model, ModelVersion);
            import = watch.Elapsed;
            requestEndUtc = DateTime.UtcNow;
            importPeak = app.ReadMemoryBytes("VmHWM");
            rssAfter = app.ReadMemoryBytes("VmRSS");
            importCpu = app.ReadCpuTime() - cpuBefore;

            var run = outcome.GetProperty("runs")[0];
            Console.WriteLine($"Import: {run.GetProperty("rows").GetInt32():N0} rows, {run.GetProperty("matchedRows").GetInt32():N0} matched, in {import.TotalSeconds:0.00} s");
            Console.WriteLine($"App RSS before the import {Report.MiB(rssBefore)}, after {Report.MiB(rssAfter)}, peak {Report.MiB(importPeak)}");
        }

        var floor = SqliteFloor.Measure(resultFile, Path.Combine(work.Path, "floor.db"), examples);

        if (stages)
        {
            StageReport.Print(importLog, requestStartUtc, requestEndUtc);
            StageReport.TimeParser(resultFile);
            StageReport.TimeJoinKeyLoad(Path.Combine(dataDirectory, "nuqta-demo.db"));
        }

        var ratio = import / floor;
        var peakMiB = importPeak / (1024 * 1024);
        Console.WriteLine();
        Console.WriteLine($"Summary for {examples:N0} examples ({Environment.ProcessorCount} CPUs, load average at start {loadAtStart}, at end {File.ReadAllText("/proc/loadavg").Trim()}):");
        foreach (var (name, value) in appSettings)
        {
            Console.WriteLine($"  app environment    {name}={value}");
        }

        Console.WriteLine($"  result row order   {(shuffled ? "shuffled" : "dataset order")}");
        Console.WriteLine($"  dataset creation   {creation.TotalSeconds,8:0.00} s");
        Console.WriteLine($"  import             {import.TotalSeconds,8:0.00} s");
        Console.WriteLine($"  import CPU time    {importCpu.TotalSeconds,8:0.00} s (app process, user and system, all threads)");
        Console.WriteLine($"  sqlite3 floor      {floor.TotalSeconds,8:0.00} s");
        Console.WriteLine($"  import / floor     {ratio,8:0.00}   target <= {MaxRatioToFloor}: {(ratio <= MaxRatioToFloor ? "met" : "MISSED")}");
        Console.WriteLine($"  app peak RSS       {peakMiB,8} MiB ({importPeak / 1_000_000} MB) target < {MaxPeakRssBytes / 1_000_000} MB: {(importPeak < MaxPeakRssBytes ? "met" : "MISSED")}");
        return 0;
    }
}
