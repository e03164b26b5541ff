using System.Text.Json;
using System.Text.Json.Nodes;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Evaluation.Import;
using Nuqta.Dashboard.Core.Statistics;
using static Nuqta.Dashboard.Tests.Evaluation.Import.ImportTestFiles;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

public class PromptfooImportTests
{
    [Fact]
    public void Import_OneRowPerResultWithLines()
    {
        var (importer, rows) = ImportFile(Fixture("promptfoo-v3.json"));

        Assert.Equal(ResultFormat.Promptfoo, importer.Format);
        Assert.Equal([15L, 31L, 48L, 63L], rows.Select(row => row.Line));
        Assert.Equal("eval-fixture-0001", ((PromptfooResultImporter)importer).EvalId);
    }

    [Fact]
    public void Import_VarsJoinByQuestion()
    {
        var (_, rows) = ImportFile(Fixture("promptfoo-v3.json"));

        Assert.Equal("ما هي عاصمة مصر؟", rows[0].InputText);
        Assert.Equal("geography", rows[0].Vars["topic"]);
        Assert.Equal("What is 7 times 8?", rows[3].InputText);
        Assert.Equal("math", rows[3].Vars["topic"]);
        Assert.Equal("القاهرة", rows[0].Output);
    }

    [Fact]
    public void Import_ProviderIdIsSplitValue()
    {
        var (importer, rows) = ImportFile(Fixture("promptfoo-v3.json"));

        Assert.Equal("openai:gpt-4o-mini", rows[0].SplitValue);
        Assert.Equal("anthropic:messages:claude-3-haiku", rows[2].SplitValue);
        Assert.Equal(2, importer.RowCountsBySplit["openai:gpt-4o-mini"]);
        Assert.Equal(2, importer.RowCountsBySplit["anthropic:messages:claude-3-haiku"]);
    }

    [Fact]
    public void Import_ErrorRow_HasFlagAndNoScores()
    {
        var (importer, rows) = ImportFile(Fixture("promptfoo-v3.json"));

        Assert.True(rows[2].IsError);
        Assert.Equal("API error: 529 overloaded", rows[2].ErrorMessage);
        Assert.Empty(rows[2].Metrics);
        Assert.Equal(1, importer.ErrorRowCount);
    }

    [Fact]
    public void Import_FailedAssertion_IsScoredRow()
    {
        var (_, rows) = ImportFile(Fixture("promptfoo-v3.json"));

        var failed = rows[1];
        Assert.False(failed.IsError);
        Assert.Equal(0, failed.Metrics["success"]);
        Assert.Equal(0, failed.Metrics["score"]);
        Assert.Equal("Expected output to contain \"56\"", failed.JudgeReasons);
    }

    [Fact]
    public void Import_MetricsAndMissingCounts()
    {
        var (importer, rows) = ImportFile(Fixture("promptfoo-v3.json"));

        Assert.Equal(["score", "success", "latency_ms", "cost", "accuracy", "tone/formal"], importer.Metrics.Select(metric => metric.Name));
        Assert.True(importer.Metric("success").IsBoolean);
        Assert.Equal(MetricAggregate.GoodRate, importer.Metric("success").Aggregate);
        Assert.Equal(MetricDirection.HigherIsBetter, importer.Metric("score").SuggestedDirection);
        Assert.Equal(MetricDirection.LowerIsBetter, importer.Metric("cost").SuggestedDirection);
        Assert.Equal("latencyMs", importer.Metric("latency_ms").SourceColumn);
        Assert.Equal(850, rows[0].Metrics["latency_ms"]);
        Assert.Equal(1, importer.Metric("cost").MissingCount);
        Assert.Equal(1, importer.Metric("tone/formal").MissingCount);
        Assert.Equal(0, importer.Metric("accuracy").MissingCount);
        Assert.Equal(0.5, rows[0].Metrics["tone/formal"]);
    }

    [Fact]
    public void Import_WithoutFailureReason_UsesGradingResult()
    {
        var node = JsonNode.Parse(File.ReadAllText(Fixture("promptfoo-v3.json")))!;
        var results = node["results"]!["results"]!.AsArray();
        foreach (var result in results)
        {
            result!.AsObject().Remove("failureReason");
        }

        results[3]!["gradingResult"] = null;
        results[3]!["success"] = false;
        var path = WriteTemp(node.ToJsonString(), ".json");

        var (importer, rows) = ImportFile(path);

        Assert.False(rows[1].IsError);
        Assert.True(rows[2].IsError);
        Assert.True(rows[3].IsError);
        Assert.Equal("the result has no grading result and did not succeed", rows[3].ErrorMessage);
        Assert.Equal(2, importer.ErrorRowCount);
    }

    [Fact]
    public void Import_NamedScoreClash_ReportedOnce()
    {
        var text = File.ReadAllText(Fixture("promptfoo-v3.json")).Replace("\"accuracy\"", "\"latency_ms\"");
        var path = WriteTemp(text, ".json");

        var importer = ResultImporter.Open(path, "clash.json");
        var error = Assert.Throws<InputValidationException>(() => importer.ReadRows().ToList());

        var only = Assert.Single(error.Errors);
        Assert.Equal(15, only.Line);
        Assert.Equal("namedScores.latency_ms", only.Column);
    }

    [Fact]
    public void Import_JoinVarOption()
    {
        var (_, rows) = ImportFile(Fixture("promptfoo-v3.json"), new ResultImportOptions { JoinVar = "topic", IdVar = "topic" });

        Assert.Equal("geography", rows[0].InputText);
        Assert.Equal("geography", rows[0].ExampleId);
    }

    [Fact]
    public void Import_MissingJoinVar_NamesLineAndColumn()
    {
        var importer = ResultImporter.Open(Fixture("promptfoo-v3.json"), options: new ResultImportOptions { JoinVar = "case_id" });

        var error = Assert.Throws<InputValidationException>(() => importer.ReadRows().ToList());

        Assert.Equal(4, error.Errors.Count);
        Assert.Equal(15, error.Errors[0].Line);
        Assert.Equal("vars.case_id", error.Errors[0].Column);
    }

    [Fact]
    public void Import_SingleLineJson_IsDetectedAndRead()
    {
        var node = JsonNode.Parse(File.ReadAllText(Fixture("promptfoo-v3.json")))!;
        var path = WriteTemp(node.ToJsonString(new JsonSerializerOptions { WriteIndented = false }), ".json");

        var (importer, rows) = ImportFile(path);

        Assert.Equal(ResultFormat.Promptfoo, importer.Format);
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(1, row.Line));
    }

    [Fact]
    public void Import_Version2_IsRejected()
    {
        var text = File.ReadAllText(Fixture("promptfoo-v3.json")).Replace("\"version\": 3", "\"version\": 2");
        var path = WriteTemp(text, ".json");

        var importer = ResultImporter.Open(path, "old.json");
        var error = Assert.Throws<InputValidationException>(() => importer.ReadRows().ToList());

        var only = Assert.Single(error.Errors);
        Assert.Equal("results.version", only.Column);
        Assert.Equal("2", only.Value);
    }

    [Fact]
    public void Import_ValueOverSizeLimit_IsRejected()
    {
        var node = JsonNode.Parse(File.ReadAllText(Fixture("promptfoo-v3.json")))!;
        node["config"]!["description"] = new string('x', 300_000);
        var path = WriteTemp(node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), ".json");

        var importer = ResultImporter.Open(path, "big.json", options: new ResultImportOptions { MaxJsonValueBytes = 128 * 1024 });
        var error = Assert.Throws<InputValidationException>(() => importer.ReadRows().ToList());

        Assert.Contains("128 KiB", Assert.Single(error.Errors).Message);
    }

    [Fact]
    public void Import_Truncated_NamesLineOfUnfinishedResult()
    {
        var importer = ResultImporter.Open(Fixture("truncated-promptfoo.json"));

        var error = Assert.Throws<InputValidationException>(() => importer.ReadRows().ToList());

        var only = Assert.Single(error.Errors);
        Assert.Equal(31, only.Line);
        Assert.Contains("truncated", only.Message);
    }

    [Fact]
    public void Import_ScoreOffBuiltInScale_IsError()
    {
        var text = File.ReadAllText(Fixture("promptfoo-v3.json")).Replace("\"accuracy\": 1, \"tone/formal\": 1", "\"faithfulness\": 2");
        var path = WriteTemp(text, ".json");

        var importer = ResultImporter.Open(path, "scale.json");
        var error = Assert.Throws<InputValidationException>(() => importer.ReadRows().ToList());

        var only = Assert.Single(error.Errors);
        Assert.Equal(63, only.Line);
        Assert.Equal("namedScores.faithfulness", only.Column);
        Assert.Equal("2", only.Value);
    }
}
