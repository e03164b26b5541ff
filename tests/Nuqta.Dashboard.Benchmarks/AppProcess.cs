using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>
/// The built app running as a child process in demo mode on Kestrel, bound to a free loopback
/// port, so that its memory can be read from <c>/proc</c> apart from the benchmark's own.
/// Every line the app writes is kept in a log file with its UTC timestamp.
/// </summary>
internal sealed partial class AppProcess : IAsyncDisposable
{
    private const int SigTerm = 15;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppProcess(Process process, string logPath)
    {
        _process = process;
        LogPath = logPath;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    public int Id => _process.Id;

    /// <summary>The app's console output, one line per log entry, each starting with its UTC time.</summary>
    public string LogPath { get; }

    public HttpClient Client { get; private set; } = null!;

    /// <summary>
    /// Starts <c>Nuqta.Dashboard.dll</c> from the app's build output in the benchmark's own build
    /// configuration and waits until Kestrel reports its address.
    /// </summary>
    /// <param name="extraSettings">Configuration as environment variables, for example a log level.</param>
    /// <param name="startTimeout">How long to wait for Kestrel's address; 90 seconds by default. Start-up work such as computing missing weekly figures needs more.</param>
    public static async Task<AppProcess> StartAsync(string dataDirectory, string apiKey, string logPath, IReadOnlyDictionary<string, string>? extraSettings = null, TimeSpan? startTimeout = null)
    {
        var appDll = FindAppDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(appDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(appDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");

        var environment = start.Environment;
        environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        environment["Demo__Enabled"] = "true";
        environment["Demo__ApiKey"] = apiKey;
        environment["Storage__DataDirectory"] = dataDirectory;
        environment["Logging__Console__FormatterName"] = "simple";
        environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
        environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        environment["Logging__Console__FormatterOptions__ColorBehavior"] = "Disabled";
        foreach (var (name, value) in extraSettings ?? new Dictionary<string, string>())
        {
            environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"dotnet {appDll} did not start");
        var app = new AppProcess(process, logPath);
        process.OutputDataReceived += (_, e) => app.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) => app.OnOutput(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = process.WaitForExitAsync().ContinueWith(_ => app._listening.TrySetException(
            new InvalidOperationException($"the app exited with code {process.ExitCode} before it listened")), TaskScheduler.Default);

        Uri address;
        try
        {
            address = await app._listening.Task.WaitAsync(startTimeout ?? StartTimeout);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            await app.DisposeAsync();

            // The log is deleted with the work directory, so the failure carries its last lines.
            var tail = string.Join('\n', File.ReadLines(logPath).TakeLast(30));
            throw new InvalidOperationException($"{ex.Message}. Last lines of the app's output:\n{tail}", ex);
        }

        app.Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(30) };
        app.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        return app;
    }

    /// <summary>Reads a memory field of the app's <c>/proc/PID/status</c>, such as VmHWM (peak resident set) or VmRSS, in bytes.</summary>
    public long ReadMemoryBytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                var kilobytes = line[(field.Length + 1)..].Trim().Split(' ')[0];
                return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
            }
        }

        throw new InvalidOperationException($"/proc/{_process.Id}/status has no field {field}");
    }

    /// <summary>Stops the app with SIGTERM so it shuts down cleanly, and kills it if it is still running after 30 seconds.</summary>
    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (!_process.HasExited)
        {
            _ = Kill(_process.Id, SigTerm);
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Console.Error.WriteLine($"The app (PID {_process.Id}) did not stop within 30 s of SIGTERM, so it is killed.");
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        lock (_log)
        {
            _log.Dispose();
        }
    }

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            _listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    // Finds the app's build output next to the solution, in the configuration this harness was built in,
    // because "dotnet run -c Release" builds the referenced app in Release too.
    private static string FindAppDll()
    {
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nuqta.Dashboard.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new InvalidOperationException($"Nuqta.Dashboard.sln was not found above {AppContext.BaseDirectory}. Run the harness from its build output inside the repository.");
        }

        var dll = Path.Combine(directory.FullName, "src", "Nuqta.Dashboard", "bin", configuration, "net10.0", "Nuqta.Dashboard.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"the app is not built in {configuration}. Run 'dotnet build -c {configuration} src/Nuqta.Dashboard'.", dll);
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
