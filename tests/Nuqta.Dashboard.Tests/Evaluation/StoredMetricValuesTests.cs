using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Evaluation;

namespace Nuqta.Dashboard.Tests.Evaluation;

/// <summary>Stored metric arrays read through SQLite's blob I/O, on a real database file.</summary>
public sealed class StoredMetricValuesTests
{
    private const string Results =
        "id,faithfulness,latency_ms\n" +
        "q1,0.2,900\n" +
        "q2,,1200\n" +
        "q3,NaN,\n" +
        "q4,0.6,700\n" +
        "q5,1.0,2600\n" +
        "q6,0.49999999995,15\n";

    [Fact]
    public async Task ReadAsync_MatchesStoredBytes()
    {
        await using var host = await ImportScenario.StartAsync();
        var outcome = await ImportScenario.ImportAsync(host, Results);
        var runId = outcome.Runs.Single().Id;
        await using var db = host.CreateContext();
        var metricIds = await db.Metrics.Where(m => m.Key == "faithfulness" || m.Key == "latency_ms").ToDictionaryAsync(m => m.Key, m => m.Id);

        var read = await StoredMetricValues.ReadAsync(db, [runId], null, CancellationToken.None);

        Assert.Equal(2, read.Count);
        Assert.Equal(await ImportScenario.LoadValuesAsync(host, runId, "faithfulness"), read[(runId, metricIds["faithfulness"])]);
        Assert.Equal(await ImportScenario.LoadValuesAsync(host, runId, "latency_ms"), read[(runId, metricIds["latency_ms"])]);
        Assert.Equal(0.49999999995, read[(runId, metricIds["faithfulness"])][5]);
        Assert.True(double.IsNaN(read[(runId, metricIds["latency_ms"])][2]));
    }

    [Fact]
    public async Task ReadAsync_FiltersByMetric()
    {
        await using var host = await ImportScenario.StartAsync();
        var outcome = await ImportScenario.ImportAsync(host, Results);
        var runId = outcome.Runs.Single().Id;
        await using var db = host.CreateContext();
        var latencyId = await db.Metrics.Where(m => m.Key == "latency_ms").Select(m => m.Id).SingleAsync();

        var read = await StoredMetricValues.ReadAsync(db, [runId, runId + 100], [latencyId], CancellationToken.None);

        Assert.Equal([(runId, latencyId)], read.Keys);
        Assert.Equal(6, read[(runId, latencyId)].Length);
    }
}
