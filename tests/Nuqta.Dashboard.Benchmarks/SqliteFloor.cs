using System.Diagnostics;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>
/// The lower bound an import is compared with: the sqlite3 shell loading the same CSV file into
/// one plain table of a new database file, with no parsing of values, join or index.
/// </summary>
internal static class SqliteFloor
{
    /// <summary>Times <c>.import</c> of the CSV into a new table, process start included, and checks the row count.</summary>
    public static TimeSpan Measure(string csvPath, string databasePath, int expectedRows)
    {
        File.Delete(databasePath);
        var watch = Stopwatch.StartNew();
        RunShell(databasePath, $".mode csv\n.import '{csvPath}' results\n");
        var elapsed = watch.Elapsed;

        // The header row names the columns, so the table holds only the data rows.
        var count = RunShell(databasePath, "SELECT count(*) FROM results;\n").Trim();
        if (count != expectedRows.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"sqlite3 loaded {count} rows from {csvPath}, expected {expectedRows}");
        }

        Console.WriteLine($"sqlite3 .import of the result file: {elapsed.TotalSeconds:0.00} s");
        return elapsed;
    }

    private static string RunShell(string databasePath, string commands)
    {
        var start = new ProcessStartInfo("sqlite3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-bail");
        start.ArgumentList.Add(databasePath);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("sqlite3 did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("the sqlite3 shell was not found on PATH. Install it, on Debian with apt-get install sqlite3", ex);
        }

        using (process)
        {
            process.StandardInput.Write(commands);
            process.StandardInput.Close();
            var errorTask = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            var error = errorTask.Result;
            if (process.ExitCode != 0 || error.Length > 0)
            {
                throw new InvalidOperationException($"sqlite3 failed with exit code {process.ExitCode}: {error}");
            }

            return output;
        }
    }
}
