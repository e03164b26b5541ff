using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Evaluation;

public sealed class EvaluationImportServiceTests
{
    private const string SplitResults =
        "id,model,faithfulness\n" +
        "q1,alpha,0.9\n" +
        "q1,beta,0.4\n" +
        "q2,alpha,0.8\n" +
        "q2,beta,0.3\n";

    private static readonly Dictionary<string, string> AlphaV1BetaV2 = new() { ["alpha"] = "v1", ["beta"] = "v2" };

    [Fact]
    public async Task Join_ById()
    {
        await using var host = await ImportScenario.StartAsync();

        var outcome = await ImportScenario.ImportAsync(host, "id,faithfulness\nq2,0.9\nq5,0.7\n");

        var run = Assert.Single(outcome.Runs);
        Assert.Equal(2, run.MatchedRows);
        var values = await ImportScenario.LoadValuesAsync(host, run.Id, "faithfulness");
        Assert.Equal(0.9, values[1]);
        Assert.Equal(0.7, values[4]);
        Assert.True(double.IsNaN(values[0]));
    }

    [Fact]
    public async Task Join_ByInputIgnoresWhitespaceAndForm()
    {
        await using var host = await ImportScenario.StartAsync();

        // The first question has doubled and trailing spaces and writes alef with hamza above
        // (U+0623) as alef followed by a combining hamza (U+0627 U+0654), which NFC composes back.
        // The second has a double space and a tab. The file has no id column.
        var results = "question,faithfulness\n" +
            "\"  ما  هو \u0627\u0654جل الطعن بالنقض؟ \",0.8\n" +
            "Who  wrote\tHamlet?,0.6\n";
        var outcome = await ImportScenario.ImportAsync(host, results);

        var run = Assert.Single(outcome.Runs);
        Assert.Equal(2, run.MatchedRows);
        Assert.Equal(0, run.UnmatchedRows);
        var values = await ImportScenario.LoadValuesAsync(host, run.Id, "faithfulness");
        Assert.Equal(0.8, values[0]);
        Assert.Equal(0.6, values[4]);
    }

    [Fact]
    public async Task Join_ByInputOnHashKeyedDataset()
    {
        // Without an id field the dataset's keys are hashes of the normalised input text.
        await using var host = await ImportScenario.StartAsync("question\nWho wrote Hamlet?\nWhat is H2O?\n", idField: null);

        var outcome = await ImportScenario.ImportAsync(host, "question,faithfulness\n What is  H2O?,0.4\n");

        var run = Assert.Single(outcome.Runs);
        Assert.Equal(1, run.MatchedRows);
        var values = await ImportScenario.LoadValuesAsync(host, run.Id, "faithfulness");
        Assert.Equal(0.4, values[1]);
    }

    [Fact]
    public async Task UnmatchedRow_Recorded()
    {
        await using var host = await ImportScenario.StartAsync();

        var outcome = await ImportScenario.ImportAsync(host, "id,faithfulness\nq1,0.9\nq99,0.5\n");

        Assert.Equal(1, outcome.UnmatchedRows);
        var run = Assert.Single(outcome.Runs);
        Assert.Equal(1, run.MatchedRows);
        Assert.Equal(1, run.UnmatchedRows);
        await using var db = host.CreateContext();
        var unmatched = await db.UnmatchedRows.SingleAsync();
        Assert.Equal(outcome.ImportId, unmatched.ImportId);
        Assert.Equal(3, unmatched.Line);
        Assert.Equal("q99", unmatched.ExampleId);
    }

    [Fact]
    public async Task DuplicateExample_NamesBothLines()
    {
        await using var host = await ImportScenario.StartAsync();

        var act = () => ImportScenario.ImportAsync(host, "id,faithfulness\nq1,0.9\nq2,0.5\nq1,0.4\n");

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        var only = Assert.Single(error.Errors);
        Assert.Equal(4, only.Line);
        Assert.Contains("line 2", only.Message);
        Assert.Equal("id", only.Column);
        Assert.Equal("q1", only.Value);
    }

    [Fact]
    public async Task Split_OneRunPerMappedValue()
    {
        await using var host = await ImportScenario.StartAsync();

        var outcome = await ImportScenario.ImportAsync(host, SplitResults, splitBy: "model", versionMap: AlphaV1BetaV2);

        Assert.Equal(2, outcome.Runs.Count);
        var alpha = outcome.Runs.Single(r => r.SplitValue == "alpha");
        var beta = outcome.Runs.Single(r => r.SplitValue == "beta");
        Assert.Equal("v1", alpha.Version);
        Assert.Equal("v2", beta.Version);
        Assert.Equal(2, alpha.MatchedRows);
        Assert.Equal(2, beta.MatchedRows);
        var betaValues = await ImportScenario.LoadValuesAsync(host, beta.Id, "faithfulness");
        Assert.Equal([0.4, 0.3], betaValues[..2]);
    }

    [Fact]
    public async Task Split_UnmappedValueNamesLine()
    {
        await using var host = await ImportScenario.StartAsync();

        var act = () => ImportScenario.ImportAsync(host, SplitResults + "q3,gamma,0.5\n", splitBy: "model", versionMap: AlphaV1BetaV2);

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        var only = Assert.Single(error.Errors);
        Assert.Equal(6, only.Line);
        Assert.Equal("model", only.Column);
        Assert.Equal("gamma", only.Value);
        Assert.Contains("'gamma'", only.Message);
    }

    [Fact]
    public async Task Retry_ReturnsExistingRuns()
    {
        await using var host = await ImportScenario.StartAsync();
        var first = await ImportScenario.ImportAsync(host, SplitResults, splitBy: "model", versionMap: AlphaV1BetaV2);
        var before = await CountRowsAsync(host);

        var retry = await ImportScenario.ImportAsync(host, SplitResults, splitBy: "model", versionMap: AlphaV1BetaV2);

        Assert.True(retry.AlreadyImported);
        Assert.Equal(first.ImportId, retry.ImportId);
        Assert.Equal(first.Runs.Select(r => r.Id).Order(), retry.Runs.Select(r => r.Id).Order());
        Assert.Equal(before, await CountRowsAsync(host));
        Assert.Equal(2, (await ImportScenario.LoadActionsAsync(host)).Count(a => a == "evaluation-run.imported"));
    }

    [Fact]
    public async Task Retry_OtherTrialCreatesRuns()
    {
        await using var host = await ImportScenario.StartAsync();
        var first = await ImportScenario.ImportAsync(host, SplitResults, splitBy: "model", versionMap: AlphaV1BetaV2);

        var second = await ImportScenario.ImportAsync(host, SplitResults, splitBy: "model", versionMap: AlphaV1BetaV2, trial: 2);

        Assert.False(second.AlreadyImported);
        Assert.Empty(second.Runs.Select(r => r.Id).Intersect(first.Runs.Select(r => r.Id)));
        await using var db = host.CreateContext();
        Assert.Equal(4, await db.EvaluationRuns.CountAsync());
        Assert.Equal(2, await db.EvaluationRuns.CountAsync(r => r.Trial == 2));
    }

    [Fact]
    public async Task Retry_ChangedVersionMapImports()
    {
        await using var host = await ImportScenario.StartAsync();
        await ImportScenario.ImportAsync(host, SplitResults, splitBy: "model", versionMap: AlphaV1BetaV2);

        // The same file again, but beta now means v3: the earlier import holds no v3 run, so it
        // is not a retry of that import.
        var changed = new Dictionary<string, string> { ["alpha"] = "v1", ["beta"] = "v3" };
        var outcome = await ImportScenario.ImportAsync(host, SplitResults, splitBy: "model", versionMap: changed);

        Assert.False(outcome.AlreadyImported);
        Assert.Equal(["v1", "v3"], outcome.Runs.Select(r => r.Version).Order());
    }

    [Fact]
    public async Task Rejected_LeavesNothing()
    {
        await using var host = await ImportScenario.StartAsync();
        var metricsBefore = await CountMetricsAsync(host);

        // helpfulness is a custom metric that the import would add, and line 3 has text in faithfulness.
        var act = () => ImportScenario.ImportAsync(host, "id,faithfulness,helpfulness\nq1,0.9,4\nq2,abc,3\n");

        await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Equal(new RowCounts(0, 0, 0, 0, 0), await CountRowsAsync(host));
        Assert.Equal(metricsBefore, await CountMetricsAsync(host));
        Assert.Equal("evaluation-run.rejected", (await ImportScenario.LoadActionsAsync(host))[^1]);
    }

    [Fact]
    public async Task Cancelled_MidWriteLeavesNothing()
    {
        await using var host = await ImportScenario.StartAsync();
        var metricsBefore = await CountMetricsAsync(host);
        using var cancellation = new CancellationTokenSource();

        // Cancel once the first of the two runs has its values written, so that pending runs,
        // values, aggregates, drill-down rows, an unmatched row and a new custom metric exist.
        var progress = new CallbackProgress(p =>
        {
            if (p.Stage == "writing values" && p.Percent > 60)
            {
                cancellation.Cancel();
            }
        });
        var results = "id,model,faithfulness,helpfulness,response\n" +
            "q1,alpha,0.9,4,two months\n" +
            "q1,beta,0.4,3,sixty days\n" +
            "q99,beta,0.5,2,unknown\n";
        var act = () => ImportScenario.ImportAsync(host, results, splitBy: "model", versionMap: AlphaV1BetaV2, progress: progress, cancellationToken: cancellation.Token);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(act);
        Assert.Equal(new RowCounts(0, 0, 0, 0, 0), await CountRowsAsync(host));
        Assert.Equal(metricsBefore, await CountMetricsAsync(host));
        Assert.Equal("evaluation-run.rejected", (await ImportScenario.LoadActionsAsync(host))[^1]);
    }

    [Fact]
    public async Task Committed_WritesAuditPerRun()
    {
        await using var host = await ImportScenario.StartAsync();

        var outcome = await ImportScenario.ImportAsync(host, SplitResults, splitBy: "model", versionMap: AlphaV1BetaV2);

        await using var db = host.CreateContext();
        var subjects = await db.AuditEvents.Where(e => e.Action == "evaluation-run.imported").Select(e => e.SubjectId).ToListAsync();
        Assert.Equal(outcome.Runs.Select(r => r.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(), subjects.Order());
    }

    [Fact]
    public async Task Viewer_Denied()
    {
        await using var host = await ImportScenario.StartAsync();
        var request = new ImportRunsRequest(ImportScenario.Model, ImportScenario.Dataset, "v1", "v1", null, null, null, null, null, null, null, null, null, 1, null, null, "unused.csv", "unused.csv");

        var act = () => host.Get<EvaluationImportService>().ImportAsync(Actors.Viewer, request);

        await Assert.ThrowsAsync<AccessDeniedException>(act);
    }

    private sealed record RowCounts(int Runs, int Values, int Details, int Aggregates, int Unmatched);

    private static async Task<RowCounts> CountRowsAsync(CoreHost host)
    {
        await using var db = host.CreateContext();
        return new RowCounts(
            await db.EvaluationRuns.CountAsync(),
            await db.RunMetricValues.CountAsync(),
            await db.RunExampleDetails.CountAsync(),
            await db.RunAggregates.CountAsync(),
            await db.UnmatchedRows.CountAsync());
    }

    private static async Task<int> CountMetricsAsync(CoreHost host)
    {
        await using var db = host.CreateContext();
        return await db.Metrics.CountAsync();
    }

    /// <summary>
    /// Progress sink that calls back on the reporting thread. <see cref="Progress{T}"/> posts to the
    /// thread pool instead, so its callback could cancel after the import has moved on.
    /// </summary>
    private sealed class CallbackProgress(Action<ImportProgress> onReport) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => onReport(value);
    }
}
