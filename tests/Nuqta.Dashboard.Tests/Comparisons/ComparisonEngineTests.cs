using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Tests.Evaluation;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Comparisons;

public sealed class ComparisonEngineTests
{
    private const string FaithfulnessV1 = "id,faithfulness\nq1,0.9\nq2,0.8\nq3,0.7\nq4,0.9\nq5,0.8\nq6,0.7\n";
    private const string FaithfulnessV2 = "id,faithfulness\nq1,0.5\nq2,0.6\nq3,0.7\nq4,0.9\nq5,0.8\nq6,0.6\n";

    [Fact]
    public async Task Engine_AveragesTrialsOfVersion()
    {
        await using var host = await ImportScenario.StartAsync();
        await ImportScenario.ImportAsync(host, FaithfulnessV1, version: "v1");
        await ImportScenario.ImportAsync(host, FaithfulnessV2, "trial1.csv", version: "v2", trial: 1);
        await ImportScenario.ImportAsync(host, "id,faithfulness\nq1,0.7\nq2,0.6\nq3,0.7\nq4,0.9\nq5,0.8\nq6,0.6\n", "trial2.csv", version: "v2", trial: 2);

        var result = await host.Get<ComparisonEngine>().CompareAsync(new ComparisonRequest(ByVersion("v2"), ByVersion("v1"), Resamples: 200));

        Assert.Equal(2, result.Candidate.RunIds.Count);
        var summary = Assert.Single(result.Metrics);
        Assert.Equal(2, summary.CandidateTrials);
        Assert.Equal(6, summary.PairCount);

        // Only q1 differs between the trials (0.5 and 0.7, SD √0.02); the other five examples have SD 0.
        Assert.Equal(Math.Sqrt(0.02) / 6, summary.CandidateTrialSpread!.Value, 1e-12);
        Assert.Null(summary.BaselineTrialSpread);
        var arabic = result.Cells.Single(c => c.Segment == "ar" && c.Statistic == "mean");
        Assert.Equal((0.6 + 0.6 + 0.7) / 3, arabic.Candidate!.Value, 1e-12);
        Assert.Equal(["lang"], result.Dimensions);
    }

    [Fact]
    public async Task Engine_RejectsRunsOfDifferentModels()
    {
        await using var host = await ImportScenario.StartAsync();
        var first = await ImportScenario.ImportAsync(host, FaithfulnessV1, version: "v1");
        await host.Get<ModelRegistry>().RegisterModelAsync(Actors.Engineer, new RegisterModelRequest("other-rag", "support", null));
        await host.Get<ModelRegistry>().RegisterVersionAsync(Actors.Engineer, "other-rag", new RegisterModelVersionRequest("v1", null, null, null, null, null));
        var other = await ImportOtherModelAsync(host);
        var baseline = await ImportScenario.ImportAsync(host, FaithfulnessV2, "b.csv", version: "v2");

        var error = await Assert.ThrowsAsync<InputValidationException>(() => host.Get<ComparisonEngine>().CompareAsync(
            new ComparisonRequest(new ComparisonSide([first.Runs[0].Id, other]), new ComparisonSide([baseline.Runs[0].Id]))));

        Assert.Contains("candidate runs belong to different models", error.Message);
    }

    [Fact]
    public async Task Engine_RejectsRunsOfDifferentVersions()
    {
        await using var host = await ImportScenario.StartAsync();
        var v1 = await ImportScenario.ImportAsync(host, FaithfulnessV1, version: "v1");
        var v2 = await ImportScenario.ImportAsync(host, FaithfulnessV2, "b.csv", version: "v2");
        var v3 = await ImportScenario.ImportAsync(host, FaithfulnessV2, "c.csv", version: "v3");

        var error = await Assert.ThrowsAsync<InputValidationException>(() => host.Get<ComparisonEngine>().CompareAsync(
            new ComparisonRequest(new ComparisonSide([v2.Runs[0].Id, v3.Runs[0].Id]), new ComparisonSide([v1.Runs[0].Id]))));

        Assert.Contains("different versions of support-rag (v2, v3)", error.Message);
    }

    [Fact]
    public async Task Engine_RejectsDifferentDatasetVersions()
    {
        await using var host = await ImportScenario.StartAsync();
        var v1 = await ImportScenario.ImportAsync(host, FaithfulnessV1, version: "v1");
        await host.Get<DatasetVersionCreator>().CreateAsync(Actors.Engineer, ImportScenario.Dataset, SecondDatasetVersion(host));
        var otherDataset = await ImportOnDatasetV2Async(host);

        var error = await Assert.ThrowsAsync<InputValidationException>(() => host.Get<ComparisonEngine>().CompareAsync(
            new ComparisonRequest(new ComparisonSide([otherDataset]), new ComparisonSide([v1.Runs[0].Id]))));

        Assert.Contains("candidate runs are on dataset version support-qa/v2 but the baseline runs are on support-qa/v1", error.Message);
    }

    [Fact]
    public async Task Engine_RejectsNoCommonMetric()
    {
        await using var host = await ImportScenario.StartAsync();
        var v1 = await ImportScenario.ImportAsync(host, FaithfulnessV1, version: "v1");
        var v2 = await ImportScenario.ImportAsync(host, "id,context_recall\nq1,0.5\nq2,0.6\nq3,0.7\nq4,0.9\nq5,0.8\nq6,0.6\n", "b.csv", version: "v2");

        var error = await Assert.ThrowsAsync<InputValidationException>(() => host.Get<ComparisonEngine>().CompareAsync(
            new ComparisonRequest(new ComparisonSide([v2.Runs[0].Id]), new ComparisonSide([v1.Runs[0].Id]))));

        Assert.Contains("no metric in common: the candidate has context_recall and the baseline has faithfulness", error.Message);
    }

    [Fact]
    public async Task Engine_RejectsRunOnBothSides()
    {
        await using var host = await ImportScenario.StartAsync();
        var v1 = await ImportScenario.ImportAsync(host, FaithfulnessV1, version: "v1");

        var error = await Assert.ThrowsAsync<InputValidationException>(() => host.Get<ComparisonEngine>().CompareAsync(
            new ComparisonRequest(new ComparisonSide([v1.Runs[0].Id]), new ComparisonSide([v1.Runs[0].Id]))));

        Assert.Contains("is on both sides", error.Message);
    }

    [Theory]
    [InlineData("unknown-run")]
    [InlineData("unknown-dimension")]
    [InlineData("no-runs")]
    [InlineData("both-forms")]
    [InlineData("resamples")]
    public async Task Engine_RejectsBadRequest(string name)
    {
        await using var host = await ImportScenario.StartAsync();
        var v1 = await ImportScenario.ImportAsync(host, FaithfulnessV1, version: "v1");
        var v2 = await ImportScenario.ImportAsync(host, FaithfulnessV2, "b.csv", version: "v2");
        var candidate = new ComparisonSide([v2.Runs[0].Id]);
        var baseline = new ComparisonSide([v1.Runs[0].Id]);
        var (request, expected) = name switch
        {
            "unknown-run" => (new ComparisonRequest(new ComparisonSide([999]), baseline), "candidate run 999 not found"),
            "unknown-dimension" => (new ComparisonRequest(candidate, baseline, ["dialect"]), "has no segment dimension dialect; its dimensions are: lang"),
            "no-runs" => (new ComparisonRequest(ByVersion("v3"), baseline), "model version support-rag/v3 has no committed runs on support-qa/v1"),
            "both-forms" => (new ComparisonRequest(candidate with { Model = "support-rag" }, baseline), "either as run ids or as model"),
            _ => (new ComparisonRequest(candidate, baseline, Resamples: 5), "resamples must lie between 100 and 100000"),
        };

        var error = await Assert.ThrowsAsync<InputValidationException>(() => host.Get<ComparisonEngine>().CompareAsync(request));

        Assert.Contains(expected, error.Message);
    }

    private static ComparisonSide ByVersion(string version) => new(null, ImportScenario.Model, version, ImportScenario.Dataset, "v1");

    private static async Task<int> ImportOtherModelAsync(CoreHost host)
    {
        var path = Path.Combine(host.Directory, "other.csv");
        await File.WriteAllTextAsync(path, FaithfulnessV2);
        var request = new Core.Evaluation.ImportRunsRequest("other-rag", ImportScenario.Dataset, "v1", "v1", null, null, null, null, null, null, null, "ragas", "0.2", 1, null, null, path, "other.csv");
        var outcome = await host.Get<Core.Evaluation.EvaluationImportService>().ImportAsync(Actors.Engineer, request);
        return outcome.Runs[0].Id;
    }

    private static CreateDatasetVersionRequest SecondDatasetVersion(CoreHost host)
    {
        var path = Path.Combine(host.Directory, "examples-v2.csv");
        File.WriteAllText(path, ImportScenario.DefaultExamples + "q7,Where is Petra?,en\n");
        return new CreateDatasetVersionRequest("v2", path, "examples-v2.csv", null, "id", "question", null, ["lang"], []);
    }

    private static async Task<int> ImportOnDatasetV2Async(CoreHost host)
    {
        var path = Path.Combine(host.Directory, "on-v2.csv");
        await File.WriteAllTextAsync(path, FaithfulnessV2 + "q7,0.8\n");
        var request = new Core.Evaluation.ImportRunsRequest(ImportScenario.Model, ImportScenario.Dataset, "v2", "v2", null, null, null, null, null, null, null, "ragas", "0.2", 1, null, null, path, "on-v2.csv");
        var outcome = await host.Get<Core.Evaluation.EvaluationImportService>().ImportAsync(Actors.Engineer, request);
        return outcome.Runs[0].Id;
    }
}
