using System.Globalization;
using Nuqta.Dashboard.Core.Evaluation.Import;
using static Nuqta.Dashboard.Tests.Evaluation.Import.ImportTestFiles;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

public class RagasImportTests
{
    private const string ArabicQuestion = "ما هو أجل الطعن بالنقض؟";

    [Fact]
    public void Csv_BomCrlfAndQuotedNewlines()
    {
        var (importer, rows) = ImportFile(Fixture("ragas-bom-crlf.csv"));

        Assert.Equal(ResultFormat.Ragas, importer.Format);
        Assert.Equal([2L, 5L, 6L, 7L], rows.Select(row => row.Line));
        Assert.Equal(ArabicQuestion, rows[0].InputText);
        Assert.Equal("**Two months**\n- from the notification\n- see article 354", rows[0].Output);
        Assert.Equal("شهران", rows[0].Reference);
        Assert.Null(rows[0].ExampleId);
    }

    [Fact]
    public void Csv_PythonListContexts()
    {
        var (_, rows) = ImportFile(Fixture("ragas-bom-crlf.csv"));

        Assert.Equal(["المادة 354: يرفع الطعن خلال شهرين، من تاريخ التبليغ", "It's the court's rule, with commas, too"], rows[0].Contexts);
        Assert.Equal(["both 'single' and \"double\" quotes", "a tab\there and a newline\nthere", "unicode é and \\ backslash"], rows[2].Contexts);
        Assert.Empty(rows[3].Contexts);
    }

    [Fact]
    public void Csv_TrueFalseColumn_IsGoodRate()
    {
        var (importer, rows) = ImportFile(Fixture("ragas-bom-crlf.csv"));

        var found = importer.Metric("found");
        Assert.True(found.IsBoolean);
        Assert.False(found.MapsToBuiltIn);
        Assert.Equal(MetricAggregate.GoodRate, found.Aggregate);
        Assert.Equal([1.0, 0.0, 1.0, 0.0], rows.Select(row => row.Metrics["found"]));
    }

    [Fact]
    public void Csv_MissingCountsPerMetric()
    {
        var (importer, rows) = ImportFile(Fixture("ragas-bom-crlf.csv"));

        Assert.Equal(1, importer.Metric("faithfulness").MissingCount);
        Assert.Equal(2, importer.Metric("answer_relevancy").MissingCount);
        Assert.Equal(1, importer.Metric("context_precision").MissingCount);
        Assert.Equal(0, importer.Metric("found").MissingCount);
        Assert.Equal(double.Parse("0.49999999995", CultureInfo.InvariantCulture), rows[0].Metrics["faithfulness"]);
    }

    [Fact]
    public void Csv_ModelColumn_SplitsRuns()
    {
        var (importer, rows) = ImportFile(Fixture("ragas-bom-crlf.csv"));

        Assert.Equal(["alpha", "alpha", "beta", "beta"], rows.Select(row => row.SplitValue));
        Assert.Equal(2, importer.RowCountsBySplit["alpha"]);
        Assert.Equal(2, importer.RowCountsBySplit["beta"]);
    }

    [Fact]
    public void Csv_SplitColumnOption_OverridesSuggestion()
    {
        var (importer, rows) = ImportFile(Fixture("ragas-bom-crlf.csv"), new ResultImportOptions { SplitColumn = "found" });

        Assert.Equal("True", rows[0].SplitValue);
        Assert.DoesNotContain(importer.Metrics, metric => metric.Name == "found");
    }

    [Fact]
    public void Json_RecordsWithNaNLiteralAndJsonLists()
    {
        var (importer, rows) = ImportFile(Fixture("ragas-records.json"));

        Assert.Equal(ResultFormat.Ragas, importer.Format);
        Assert.Equal([2L, 12L, 22L], rows.Select(row => row.Line));
        Assert.Equal("ما هو أكبر محيط على الأرض؟", rows[1].InputText);
        Assert.Equal(["Mars looks red because of iron oxide on its surface.", "Venus is the hottest planet."], rows[0].Contexts);
        Assert.Equal("Mars", rows[0].Reference);
        Assert.True(double.IsNaN(rows[0].Metrics["context_recall"]));
        Assert.Equal(1, importer.Metric("context_recall").MissingCount);
        Assert.Equal(1, importer.Metric("faithfulness").MissingCount);
    }

    [Fact]
    public void Json_OneToFiveCustomAndBooleanMetrics()
    {
        var (importer, rows) = ImportFile(Fixture("ragas-records.json"));

        var helpfulness = importer.Metric("helpfulness/v1/score");
        Assert.Equal(1.0, helpfulness.ScaleMin);
        Assert.Equal(5.0, helpfulness.ScaleMax);
        Assert.Equal(1, helpfulness.MissingCount);

        var grounded = importer.Metric("is_grounded");
        Assert.True(grounded.IsBoolean);
        Assert.Equal([1.0, 0.0, 1.0], rows.Select(row => row.Metrics["is_grounded"]));
    }
}
