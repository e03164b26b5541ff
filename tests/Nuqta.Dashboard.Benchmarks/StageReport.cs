using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Nuqta.Dashboard.Core.Common.Tabular;
using Nuqta.Dashboard.Core.Evaluation.Import;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>
/// Splits the import time into stages: the app's SQL commands during the request from its log,
/// and, timed inside this process on the same files, the stages the log cannot show (parsing the
/// file and loading the join keys). The in-process numbers leave out HTTP, EF Core and the
/// import service's own work, so they are lower bounds for the same stages in the app.
/// </summary>
internal static class StageReport
{
    // EF Core's command log ends its parameter list with this, just before the SQL text.
    private const string CommandMarker = "CommandTimeout='30']";

    /// <summary>
    /// Prints the app's log lines during the request at their offset from the request start. Runs of
    /// the same SQL statement are printed once, with their count and summed execution time.
    /// </summary>
    public static void Print(string logPath, DateTime requestStartUtc, DateTime requestEndUtc)
    {
        Console.WriteLine();
        Console.WriteLine("App log during the import request (offset from the request start; a SQL command is logged when it has executed):");
        string? runText = null;
        var runOffset = 0.0;
        var runCount = 0;
        var runMilliseconds = 0;
        foreach (var line in File.ReadLines(logPath))
        {
            if (line.Length < 13 || !TimeSpan.TryParseExact(line[..12], @"hh\:mm\:ss\.fff", CultureInfo.InvariantCulture, out var timeOfDay))
            {
                continue;
            }

            var offset = (timeOfDay - requestStartUtc.TimeOfDay).TotalSeconds;
            if (offset < -0.05 || timeOfDay > requestEndUtc.TimeOfDay + TimeSpan.FromMilliseconds(10))
            {
                continue;
            }

            var (text, milliseconds) = Describe(line[13..]);
            if (text == runText)
            {
                runCount++;
                runMilliseconds += milliseconds;
                continue;
            }

            PrintRun(runText, runOffset, runCount, runMilliseconds);
            (runText, runOffset, runCount, runMilliseconds) = (text, offset, 1, milliseconds);
        }

        PrintRun(runText, runOffset, runCount, runMilliseconds);
    }

    // Returns the statement's first 120 characters and its execution time for a command line, or the message for any other line.
    private static (string Text, int Milliseconds) Describe(string message)
    {
        var durationAt = message.IndexOf("Executed DbCommand (", StringComparison.Ordinal);
        var sqlAt = message.IndexOf(CommandMarker, StringComparison.Ordinal);
        if (durationAt < 0 || sqlAt < 0)
        {
            return (Shorten(message, 150), 0);
        }

        var numberStart = durationAt + "Executed DbCommand (".Length;
        var numberEnd = message.IndexOf("ms)", numberStart, StringComparison.Ordinal);
        var milliseconds = int.Parse(message[numberStart..numberEnd], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        return (Shorten(message[(sqlAt + CommandMarker.Length)..].Trim(), 120), milliseconds);
    }

    private static void PrintRun(string? text, double offset, int count, int milliseconds)
    {
        if (text is not null)
        {
            var repeat = count > 1 ? $"{count}x, " : "";
            Console.WriteLine($"  +{offset,7:0.000} s  ({repeat}{milliseconds} ms) {text}");
        }
    }

    /// <summary>Times the CSV reader alone, then the canonical result importer with the benchmark's mapping, over the result file.</summary>
    public static void TimeParser(string resultFile)
    {
        Console.WriteLine();
        var name = Path.GetFileName(resultFile);
        var sniff = TabularFile.Sniff(resultFile, name);
        var (rows, seconds, allocated) = Measure(() => TabularFile.ReadRows(resultFile, sniff).LongCount());
        Console.WriteLine($"In-process: CSV reader alone           {rows:N0} rows in {seconds:0.00} s, {Report.MiB(allocated)} allocated");

        var mapping = new ColumnMapping([]).With("id", ColumnRole.Id);
        foreach (var column in DataGenerator.MetricColumns)
        {
            mapping = mapping.With(column, ColumnRole.Metric);
        }

        var options = new ResultImportOptions { Mapping = mapping };
        (rows, seconds, allocated) = Measure(() => ResultImporter.Open(resultFile, name, ResultFormat.Canonical, options).ReadRows().LongCount());
        Console.WriteLine($"In-process: result importer (parse)    {rows:N0} rows in {seconds:0.00} s, {Report.MiB(allocated)} allocated");
    }

    /// <summary>
    /// Times reading the dataset version's stored key digests, which an import reads in step with
    /// the rows of a file in dataset order, or all at once for a file in another order. Then reads
    /// the keys and inputs, as an import does for a version without stored digests or for rows that
    /// join by input text, and times building the id dictionary and the input-hash dictionary.
    /// </summary>
    public static void TimeJoinKeyLoad(string databasePath)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        connection.Open();
        using (var digestCommand = connection.CreateCommand())
        {
            digestCommand.CommandText = """
                SELECT "Digests" FROM "DatasetKeyDigests"
                WHERE "DatasetVersionId" = (SELECT max("DatasetVersionId") FROM "DatasetKeyDigests")
                """;
            var digestWatch = Stopwatch.StartNew();
            var digests = digestCommand.ExecuteScalar() as byte[] ?? [];
            Console.WriteLine($"In-process: read {digests.Length / 16:N0} stored key digests ({Report.MiB(digests.Length)}) in {digestWatch.Elapsed.TotalSeconds:0.00} s");
        }

        using var command = connection.CreateCommand();
        // The benchmark's dataset version is the last one created, after the demo data.
        command.CommandText = """
            SELECT "ExampleIndex", "Key", "Input" FROM "DatasetExamples"
            WHERE "DatasetVersionId" = (SELECT max("DatasetVersionId") FROM "DatasetExamples")
            """;

        var watch = Stopwatch.StartNew();
        var rows = new List<(int Index, string Key, string Input)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var readSeconds = watch.Elapsed.TotalSeconds;
        var managedBefore = GC.GetTotalMemory(forceFullCollection: true);
        watch.Restart();
        var byKey = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        foreach (var (index, key, _) in rows)
        {
            byKey[key] = index;
        }

        var keySeconds = watch.Elapsed.TotalSeconds;
        var managedWithKeys = GC.GetTotalMemory(forceFullCollection: true);
        watch.Restart();
        var byInput = new Dictionary<string, int>(rows.Count, StringComparer.Ordinal);
        foreach (var (index, _, input) in rows)
        {
            byInput.TryAdd(ExampleKeys.FromInput(input), index);
        }

        var hashSeconds = watch.Elapsed.TotalSeconds;
        var managedWithHashes = GC.GetTotalMemory(forceFullCollection: true);

        // The id strings come from the rows read, so the id dictionary's size leaves them out.
        Console.WriteLine($"In-process: read {rows.Count:N0} keys and inputs {readSeconds:0.00} s, id dictionary {keySeconds:0.00} s, input-hash dictionary {hashSeconds:0.00} s");
        Console.WriteLine($"In-process: managed heap added by the id dictionary {Report.MiB(managedWithKeys - managedBefore)} (id strings not counted), by the input-hash dictionary {Report.MiB(managedWithHashes - managedWithKeys)}");
        GC.KeepAlive(rows);
        GC.KeepAlive(byKey);
        GC.KeepAlive(byInput);
    }

    private static (long Rows, double Seconds, long Allocated) Measure(Func<long> action)
    {
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        var rows = action();
        return (rows, watch.Elapsed.TotalSeconds, GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore);
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
