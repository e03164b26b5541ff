using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Evaluation;

/// <summary>Start-up removal of the pending rows that an import killed before its commit leaves behind.</summary>
public sealed class AbandonedRunTests
{
    [Fact]
    public async Task PendingRun_RemovedAtStartup()
    {
        await using var host = await ImportScenario.StartAsync();
        var runId = await InsertPendingRunAsync(host);

        await host.Get<DatabaseInitializer>().InitializeAsync();

        await using var db = host.CreateContext();
        Assert.Equal(0, await db.EvaluationRuns.CountAsync());
        Assert.Equal(0, await db.RunMetricValues.CountAsync());
        Assert.Equal(0, await db.RunAggregates.CountAsync());
        Assert.Equal(0, await db.UnmatchedRows.CountAsync());
        var abandoned = await db.AuditEvents.SingleAsync(e => e.Action == "evaluation-run.abandoned");
        Assert.Equal(runId.ToString(System.Globalization.CultureInfo.InvariantCulture), abandoned.SubjectId);
    }

    [Fact]
    public async Task CommittedRun_KeptAtStartup()
    {
        await using var host = await ImportScenario.StartAsync();
        var outcome = await ImportScenario.ImportAsync(host, "id,faithfulness\nq1,0.9\n");
        await InsertPendingRunAsync(host);

        await host.Get<DatabaseInitializer>().InitializeAsync();

        await using var db = host.CreateContext();
        var remaining = await db.EvaluationRuns.SingleAsync();
        Assert.Equal(Assert.Single(outcome.Runs).Id, remaining.Id);
        Assert.Equal(1, await db.RunMetricValues.CountAsync(v => v.RunId == remaining.Id));
    }

    // Writes what an import that died after writing values leaves: a pending run with one
    // metric array, its overall aggregate and one unmatched row.
    private static async Task<int> InsertPendingRunAsync(CoreHost host)
    {
        await using var db = host.CreateContext();
        var versionId = await db.ModelVersions.Where(v => v.Label == "v2").Select(v => v.Id).SingleAsync();
        var datasetVersionId = await db.DatasetVersions.Select(v => v.Id).SingleAsync();
        var metricId = await db.Metrics.Where(m => m.Key == "faithfulness").Select(m => m.Id).SingleAsync();
        var importId = Guid.NewGuid();
        var run = new EvaluationRun
        {
            ModelVersionId = versionId,
            DatasetVersionId = datasetVersionId,
            State = StoreState.Pending,
            ImportId = importId,
            EvaluatedAtUtc = host.Time.GetUtcNow().UtcDateTime,
            FileName = "interrupted.csv",
            FileSha256 = new string('0', 64),
            ImportedBy = "engineer@example.com",
            ImportedAtUtc = host.Time.GetUtcNow().UtcDateTime,
        };
        db.EvaluationRuns.Add(run);
        await db.SaveChangesAsync();

        db.RunMetricValues.Add(new RunMetricValues { RunId = run.Id, MetricId = metricId, Values = new byte[6 * 8] });
        db.RunAggregates.Add(new RunAggregate { RunId = run.Id, MetricId = metricId, Count = 6 });
        db.UnmatchedRows.Add(new UnmatchedRow { ImportId = importId, Line = 2, ExampleId = "q99" });
        await db.SaveChangesAsync();
        return run.Id;
    }
}
