using Nuqta.Dashboard.Core.Evaluation.Import;
using static Nuqta.Dashboard.Tests.Evaluation.Import.ImportTestFiles;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

public class MetricScaleTests
{
    [Theory]
    [InlineData("0.2\n0.9", 0, 1)]
    [InlineData("0.96\n1.0000000000000002", 0, 1)]
    [InlineData("1\n3\n5", 1, 5)]
    [InlineData("0\n4", 0, 5)]
    [InlineData("2\n7", 1, 10)]
    [InlineData("12\n85", 0, 100)]
    [InlineData("-3\n250", -3, 250)]
    public void CustomMetric_InfersCommonScale(string values, double expectedMin, double expectedMax)
    {
        var lines = values.Split('\n').Select((value, i) => $"e{i},{value}");
        var path = WriteTemp("id,similarity\n" + string.Join("\n", lines) + "\n", ".csv");

        var (importer, _) = ImportFile(path);

        var metric = importer.Metric("similarity");
        Assert.Equal(expectedMin, metric.ScaleMin);
        Assert.Equal(expectedMax, metric.ScaleMax);
    }

    [Fact]
    public void BuiltInMetric_AdmitsFloatingPointNoise()
    {
        var path = WriteTemp("id,faithfulness\na,1.0000000000000002\n", ".csv");

        var (_, rows) = ImportFile(path);

        Assert.Equal(1.0000000000000002, rows[0].Metrics["faithfulness"]);
    }

    [Fact]
    public void LatencyBelowZero_IsError()
    {
        var path = WriteTemp("id,latency_ms\na,-5\n", ".csv");

        var error = Assert.Throws<Nuqta.Dashboard.Core.Common.InputValidationException>(() => ImportFile(path));

        Assert.Equal("-5", Assert.Single(error.Errors).Value);
    }
}
