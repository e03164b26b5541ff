using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Evaluation.Import;
using static Nuqta.Dashboard.Tests.Evaluation.Import.ImportTestFiles;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

public class ResultFormatDetectorTests
{
    [Theory]
    [InlineData("canonical-metrics.csv", ResultFormat.Canonical)]
    [InlineData("canonical-arabic.tsv", ResultFormat.Canonical)]
    [InlineData("canonical.jsonl", ResultFormat.Canonical)]
    [InlineData("ragas-bom-crlf.csv", ResultFormat.Ragas)]
    [InlineData("ragas-records.json", ResultFormat.Ragas)]
    [InlineData("promptfoo-v3.json", ResultFormat.Promptfoo)]
    public void Detect_FromContent(string fixture, ResultFormat expected)
    {
        var detection = ResultFormatDetector.Detect(Fixture(fixture), fixture);

        Assert.Equal(expected, detection.Format);
        Assert.False(string.IsNullOrWhiteSpace(detection.Reason));
    }

    [Fact]
    public void Detect_PromptfooReason_NamesVersion()
    {
        var detection = ResultFormatDetector.Detect(Fixture("promptfoo-v3.json"), "out.json");

        Assert.Contains("version 3", detection.Reason);
    }

    [Fact]
    public void Detect_ExplicitTabularFormat_Wins()
    {
        var detection = ResultFormatDetector.Detect(Fixture("canonical-metrics.csv"), "x.csv", ResultFormat.Ragas);

        Assert.Equal(ResultFormat.Ragas, detection.Format);
    }

    [Fact]
    public void Detect_TabularRequestForPromptfoo_IsRejected()
    {
        var error = Assert.Throws<InputValidationException>(() => ResultFormatDetector.Detect(Fixture("promptfoo-v3.json"), "out.json", ResultFormat.Canonical));

        Assert.Contains("promptfoo", error.Message);
    }

    [Fact]
    public void Detect_PromptfooRequestForCsv_IsRejected()
    {
        Assert.Throws<InputValidationException>(() => ResultFormatDetector.Detect(Fixture("canonical-metrics.csv"), "x.csv", ResultFormat.Promptfoo));
    }

    [Fact]
    public void Detect_PromptfooNamedCsv_IsRejected()
    {
        var error = Assert.Throws<InputValidationException>(() => ResultFormatDetector.Detect(Fixture("promptfoo-v3.json"), "results.csv"));

        Assert.Equal("results.csv", error.Errors[0].Value);
    }

    [Fact]
    public void Detect_OtherJsonObject_IsRejected()
    {
        var path = WriteTemp("{\n  \"summary\": {\"passed\": 3}\n}\n", ".json");

        var error = Assert.Throws<InputValidationException>(() => ResultFormatDetector.Detect(path, "run.json"));

        Assert.Contains("not promptfoo output", error.Message);
        Assert.Equal(1, error.Errors[0].Line);
    }

    [Theory]
    [InlineData("{\"testRunData\": {\"testCases\": []}}", "DeepEval")]
    [InlineData("{\n  \"testRunData\": {\"testCases\": []}\n}\n", "DeepEval")]
    [InlineData("{\n  \"columns\": [\"inputs\", \"score\"],\n  \"data\": [[\"q\", 1]]\n}\n", "MLflow")]
    [InlineData("{\n  \"results\": {\"math\": {\"exact_match,none\": 0.4}},\n  \"configs\": {},\n  \"versions\": {}\n}\n", "lm-evaluation-harness")]
    public void Detect_OtherToolsOutput_NamesTheTool(string json, string tool)
    {
        var path = WriteTemp(json, ".json");

        var error = Assert.Throws<InputValidationException>(() => ResultFormatDetector.Detect(path, "results.json"));

        Assert.Contains(tool, error.Message);
        Assert.Contains("does not import", error.Message);
    }

    [Fact]
    public void Detect_LmEvalSamples_NamesTheTool()
    {
        var path = WriteTemp("{\"doc_id\": 0, \"doc\": {\"problem\": \"1+1\"}, \"target\": \"2\", \"resps\": [[\"2\"]], \"exact_match\": 1.0}\n", ".jsonl");

        var error = Assert.Throws<InputValidationException>(() => ResultFormatDetector.Detect(path, "samples.jsonl"));

        Assert.Contains("lm-evaluation-harness samples", error.Message);
    }
}
