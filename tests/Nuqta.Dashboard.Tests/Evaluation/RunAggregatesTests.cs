using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Evaluation;

/// <summary>
/// Stored aggregates of one imported run, checked against values worked out by hand. The run has
/// faithfulness 0.2, 0.5, NaN, 0.6, 1.0 and an empty cell for q1 to q6, so q3 and q6 are missing.
/// </summary>
public sealed class RunAggregatesTests
{
    private const double Tolerance = 1e-9;

    private const string Results =
        "id,faithfulness\n" +
        "q1,0.2\n" +
        "q2,0.5\n" +
        "q3,NaN\n" +
        "q4,0.6\n" +
        "q5,1.0\n" +
        "q6,\n";

    [Fact]
    public async Task Overall_MissingNotCountedAsZero()
    {
        await using var host = await ImportScenario.StartAsync();
        var runId = await ImportResultsAsync(host);

        var overall = await LoadOverallAsync(host, runId);

        // Present values 0.2, 0.5, 0.6, 1.0: mean = 2.3 / 4 = 0.575. Counting the two missing
        // values as 0 would give 2.3 / 6 = 0.3833.
        Assert.Equal(4, overall.Count);
        Assert.Equal(2, overall.Missing);
        Assert.Equal(0.575, overall.Mean!.Value, Tolerance);
    }

    [Fact]
    public async Task Overall_VarianceAndTInterval()
    {
        await using var host = await ImportScenario.StartAsync();
        var runId = await ImportResultsAsync(host);

        var overall = await LoadOverallAsync(host, runId);

        // Deviations from 0.575 are -0.375, -0.075, 0.025 and 0.425. Their squares sum to 0.3275,
        // so the sample variance is 0.3275 / 3 = 0.109166…. The standard error is
        // sqrt(0.109166… / 4) = 0.165202 and t(0.975, 3 df) = 3.182446, so the half-width is
        // 0.525746 and the interval runs from 0.049254 to 1.100746, cut at the 0-1 scale to 1.
        Assert.Equal(0.3275 / 3, overall.Variance!.Value, Tolerance);
        Assert.Equal(0.049253834284807674, overall.MeanLower!.Value, 1e-6);
        Assert.Equal(1.0, overall.MeanUpper!.Value, 1e-6);
    }

    [Fact]
    public async Task Overall_BadCountBelowThreshold()
    {
        await using var host = await ImportScenario.StartAsync();
        var runId = await ImportResultsAsync(host);

        var overall = await LoadOverallAsync(host, runId);

        // The built-in faithfulness threshold is "bad when < 0.5": only 0.2 counts. 0.5 is on the
        // boundary and is not bad, and the missing values are not bad either.
        Assert.Equal(1, overall.BadCount);
    }

    [Fact]
    public async Task Overall_QuantilesInterpolated()
    {
        await using var host = await ImportScenario.StartAsync();
        var runId = await ImportResultsAsync(host);

        var overall = await LoadOverallAsync(host, runId);

        // Sorted 0.2, 0.5, 0.6, 1.0 at positions 0 to 3. p50 sits at 0.5 * 3 = 1.5:
        // 0.5 + 0.5 * (0.6 - 0.5) = 0.55. p95 sits at 0.95 * 3 = 2.85: 0.6 + 0.85 * (1.0 - 0.6) = 0.94.
        Assert.Equal(0.55, overall.P50!.Value, Tolerance);
        Assert.Equal(0.94, overall.P95!.Value, Tolerance);
    }

    [Fact]
    public async Task Segments_AggregatedPerValue()
    {
        await using var host = await ImportScenario.StartAsync();
        var runId = await ImportResultsAsync(host);

        var segments = await host.Get<EvaluationRunQueries>().GetSegmentAggregatesAsync(runId, "lang");

        Assert.Equal(["ar", "en"], segments.Select(s => s.Segment).Order());

        // lang=ar is q1 to q3: 0.2, 0.5 and a missing value. Mean 0.35, one bad value (0.2),
        // p50 at position 0.5: 0.35, p95 at position 0.95: 0.2 + 0.95 * 0.3 = 0.485.
        var arabic = segments.Single(s => s.Segment == "ar");
        Assert.Equal(2, arabic.Count);
        Assert.Equal(1, arabic.Missing);
        Assert.Equal(1, arabic.BadCount);
        Assert.Equal(0.35, arabic.Mean!.Value, Tolerance);
        Assert.Equal(0.35, arabic.P50!.Value, Tolerance);
        Assert.Equal(0.485, arabic.P95!.Value, Tolerance);

        // lang=en is q4 to q6: 0.6, 1.0 and a missing value. Mean 0.8, no bad value,
        // p95 = 0.6 + 0.95 * 0.4 = 0.98. With two values and 1 df, t(0.975) = 12.706205 and the
        // standard error is sqrt(0.08 / 2) = 0.2, so the interval is 0.8 ± 2.541241, cut at the
        // 0-1 scale of faithfulness to [0, 1].
        var english = segments.Single(s => s.Segment == "en");
        Assert.Equal(2, english.Count);
        Assert.Equal(1, english.Missing);
        Assert.Equal(0, english.BadCount);
        Assert.Equal(0.8, english.Mean!.Value, Tolerance);
        Assert.Equal(0.98, english.P95!.Value, Tolerance);
        Assert.Equal(0.0, english.MeanLower!.Value, 1e-6);
    }

    [Fact]
    public async Task Values_StoredInExampleOrder()
    {
        await using var host = await ImportScenario.StartAsync();
        var runId = await ImportResultsAsync(host);

        var values = await ImportScenario.LoadValuesAsync(host, runId, "faithfulness");

        Assert.Equal([0.2, 0.5], values[..2]);
        Assert.True(double.IsNaN(values[2]));
        Assert.Equal([0.6, 1.0], values[3..5]);
        Assert.True(double.IsNaN(values[5]));
    }

    private static async Task<int> ImportResultsAsync(CoreHost host)
    {
        var outcome = await ImportScenario.ImportAsync(host, Results);
        return Assert.Single(outcome.Runs).Id;
    }

    private static async Task<RunAggregate> LoadOverallAsync(CoreHost host, int runId)
    {
        await using var db = host.CreateContext();
        return await db.RunAggregates.AsNoTracking()
            .Where(a => a.RunId == runId && a.Dimension == null)
            .Join(db.Metrics.Where(m => m.Key == "faithfulness"), a => a.MetricId, m => m.Id, (a, _) => a)
            .SingleAsync();
    }
}
