using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Nuqta.Dashboard.Core.Scorecards;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>
/// Times a signed-in GET of the scorecard page (the full prerendered response) over generated
/// weekly runs of many models, after the app's start-up has computed their weekly figures.
/// </summary>
internal static partial class ScorecardBenchmark
{
    /// <summary>Target for the 95th percentile of the page's response time.</summary>
    public const double TargetP95Milliseconds = 150;

    private const int WarmUpRequests = 5;
    private const string DemoUser = "admin@demo.nuqta";
    private const string DemoPassword = "Demo-password-2026";

    public static async Task<int> RunAsync(int models, int weeks, int requests)
    {
        var loadAtStart = File.ReadAllText("/proc/loadavg").Trim();
        using var work = new WorkDirectory();
        var dataDirectory = Path.Combine(work.Path, "data");

        // The first start creates the database and the demo users; the generated runs go in while the app is stopped.
        await using (var app = await AppProcess.StartAsync(dataDirectory, WorkDirectory.ApiKey, Path.Combine(work.Path, "app-seed.log")))
        {
            Console.WriteLine($"Demo database created in {dataDirectory}");
        }

        var currentWeek = IsoWeek.Containing(DateOnly.FromDateTime(DateTime.UtcNow));
        var mondays = Enumerable.Range(0, weeks)
            .Select(i => currentWeek.AddWeeks(i - weeks + 1).Monday.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc))
            .ToList();
        var watch = Stopwatch.StartNew();
        var runs = new ScorecardDataWriter(Path.Combine(dataDirectory, "nuqta-demo.db")).Write(models, mondays);
        Console.WriteLine($"Wrote {models} models x {weeks} weeks = {runs:N0} runs of {ScorecardDataWriter.Examples} examples and 8 metrics in {watch.Elapsed.TotalSeconds:0.0} s");

        watch.Restart();
        await using var served = await AppProcess.StartAsync(dataDirectory, WorkDirectory.ApiKey, Path.Combine(work.Path, "app.log"), startTimeout: TimeSpan.FromMinutes(30));
        var startUp = watch.Elapsed;
        Console.WriteLine($"App started in {startUp.TotalSeconds:0.0} s, computing the missing weekly figures on the way");

        using var client = await SignInAsync(served.Client.BaseAddress!);
        var url = $"/scorecard?week={currentWeek}";
        var (status, bytes, body) = await GetAsync(client, url);
        if (status != HttpStatusCode.OK || !body.Contains("bench-model-00", StringComparison.Ordinal))
        {
            Console.Error.WriteLine($"GET {url} returned {(int)status} without the generated models; is the scorecard page built and the sign-in working?");
            return 1;
        }

        for (var i = 1; i < WarmUpRequests; i++)
        {
            await GetAsync(client, url);
        }

        var times = await TimeAsync(client, url, requests);

        // The JSON API runs the same scorecard query without rendering, which splits the page time into query and render.
        var apiUrl = $"/api/v1/scorecards/{currentWeek}";
        var (apiStatus, apiBytes, _) = await GetAsync(served.Client, apiUrl);
        if (apiStatus != HttpStatusCode.OK)
        {
            Console.Error.WriteLine($"GET {apiUrl} returned {(int)apiStatus}.");
            return 1;
        }

        var apiTimes = await TimeAsync(served.Client, apiUrl, requests);
        var p50 = Core.Statistics.Quantiles.QuantileOfSorted(times, 0.50);
        var p95 = Core.Statistics.Quantiles.QuantileOfSorted(times, 0.95);
        Console.WriteLine();
        Console.WriteLine($"Summary ({Environment.ProcessorCount} CPUs, load average at start {loadAtStart}, at end {File.ReadAllText("/proc/loadavg").Trim()}):");
        Console.WriteLine($"  data               {models} models x {weeks} weeks, {runs:N0} runs");
        Console.WriteLine($"  start-up           {startUp.TotalSeconds,8:0.0} s (weekly figures computed)");
        Console.WriteLine($"  page               GET {url}, {bytes / 1024.0:0} KiB, {requests} requests after {WarmUpRequests} warm-up");
        Console.WriteLine($"  p50                {p50,8:0.0} ms");
        Console.WriteLine($"  p95                {p95,8:0.0} ms target < {TargetP95Milliseconds} ms: {(p95 < TargetP95Milliseconds ? "met" : "MISSED")}");
        Console.WriteLine($"  max                {times[^1],8:0.0} ms");
        Console.WriteLine($"  JSON API           GET {apiUrl}, {apiBytes / 1024.0:0} KiB: p50 {Core.Statistics.Quantiles.QuantileOfSorted(apiTimes, 0.50):0.0} ms, p95 {Core.Statistics.Quantiles.QuantileOfSorted(apiTimes, 0.95):0.0} ms");
        return 0;
    }

    /// <summary>Times <paramref name="requests"/> sequential GETs and returns the durations in milliseconds, sorted ascending.</summary>
    private static async Task<double[]> TimeAsync(HttpClient client, string url, int requests)
    {
        var times = new double[requests];
        var watch = new Stopwatch();
        for (var i = 0; i < requests; i++)
        {
            watch.Restart();
            await GetAsync(client, url);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    /// <summary>Signs in through the static sign-in form, as a browser does, and returns a client that carries the cookie.</summary>
    private static async Task<HttpClient> SignInAsync(Uri baseAddress)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseAddress };
        var page = await client.GetStringAsync("/Account/Login");
        var fields = HiddenInput().Matches(page).ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        fields["Input.Email"] = DemoUser;
        fields["Input.Password"] = DemoPassword;
        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {DemoUser} returned {(int)response.StatusCode} instead of a redirect.");
        }

        return client;
    }

    private static async Task<(HttpStatusCode Status, long Bytes, string Body)> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, body.Length, body);
    }

    [GeneratedRegex("<input[^>]*type=\"hidden\"[^>]*name=\"(?<name>[^\"]+)\"[^>]*value=\"(?<value>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenInput();
}
