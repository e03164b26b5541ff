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
        var path = WriteTemp("{\n  \"testRunData\": {\"testCases\": []}\n}\n", ".json");

        var error = Assert.Throws<InputValidationException>(() => ResultFormatDetector.Detect(path, "run.json"));

        Assert.Contains("not promptfoo output", error.Message);
        Assert.Equal(1, error.Errors[0].Line);
    }
}
