using System.Globalization;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>
/// Benchmarks that run the built app as a child process on a loopback port and time its HTTP API.
/// Run in Release: <c>dotnet run -c Release --project tests/Nuqta.Dashboard.Benchmarks -- import 1000000</c>.
/// </summary>
internal static class Program
{
    private const string Usage = """
        Usage: dotnet run -c Release --project tests/Nuqta.Dashboard.Benchmarks -- [COMMAND] [EXAMPLES] [OPTIONS]

          import [EXAMPLES]   (default) create a dataset version of EXAMPLES examples (default 1000000),
                              then time importing a result file with 8 metrics for it, and compare
                              with loading that file into SQLite with the sqlite3 shell
            --stages          also log the app's SQL commands during the import and time the
                              parser and the join-key load in this process, to show where time goes
            --shuffled        write the result rows in a seeded random order instead of the
                              dataset's, so that the import joins every row through the key map
            --app-env NAME=VALUE
                              set an environment variable of the app process that runs the import
                              (or the comparisons), for example DOTNET_gcServer=0; repeatable
          dataset [EXAMPLES]  time creating a dataset version of EXAMPLES examples (default 100000)
          scorecard [MODELS]  generate MODELS models (default 50) with a regression and a production-sample
                              run per week over 104 weeks, start the app so it computes the weekly
                              figures, sign in and time 200 GETs of /scorecard for the current week
          compare [EXAMPLES]  import two runs of EXAMPLES examples (default 1000000) with 8 metrics on a
                              dataset version with one dimension of 60 segment values, then time
                              3 paired comparisons of them through POST /api/v1/comparisons

        The app runs from src/Nuqta.Dashboard/bin/<configuration>/net10.0 in demo mode, bound to
        127.0.0.1 on a free port, with its data in a temp folder that is deleted afterwards.
        The import needs the sqlite3 shell on PATH.
        """;

    public static async Task<int> Main(string[] args)
    {
        var stages = args.Contains("--stages");
        var shuffled = args.Contains("--shuffled");
        var appSettings = new Dictionary<string, string>();
        var positional = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--stages" or "--shuffled")
            {
                continue;
            }

            if (args[i] == "--app-env")
            {
                var setting = i + 1 < args.Length ? args[++i] : "";
                var equals = setting.IndexOf('=', StringComparison.Ordinal);
                if (equals < 1)
                {
                    Console.Error.WriteLine($"--app-env '{setting}' is invalid. Give NAME=VALUE, for example --app-env DOTNET_gcServer=0.");
                    return 2;
                }

                appSettings[setting[..equals]] = setting[(equals + 1)..];
                continue;
            }

            positional.Add(args[i]);
        }

        if (positional.Any(a => a is "-h" or "--help") || positional.Any(a => a.StartsWith('-')))
        {
            Console.WriteLine(Usage);
            return positional.Any(a => a is "-h" or "--help") ? 0 : 2;
        }

        var command = positional.Count > 0 && !char.IsAsciiDigit(positional[0][0]) ? positional[0] : "import";
        var sizeText = positional.SkipWhile(a => a == command).FirstOrDefault();
        int? size = null;
        if (sizeText is not null)
        {
            if (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed < 1)
            {
                Console.Error.WriteLine($"EXAMPLES '{sizeText}' is invalid. Give a whole number of 1 or more, for example 10000.");
                return 2;
            }

            size = parsed;
        }

        switch (command)
        {
            case "import":
                return await ImportBenchmark.RunAsync(size ?? 1_000_000, stages, shuffled, appSettings);
            case "dataset":
                return await DatasetBenchmark.RunAsync(size ?? 100_000);
            case "scorecard":
                return await ScorecardBenchmark.RunAsync(size ?? 50, weeks: 104, requests: 200);
            case "compare":
                return await CompareBenchmark.RunAsync(size ?? 1_000_000, segmentValues: 60, appSettings);
            default:
                Console.Error.WriteLine($"Unknown command '{command}'. Use import, dataset, scorecard or compare.");
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
