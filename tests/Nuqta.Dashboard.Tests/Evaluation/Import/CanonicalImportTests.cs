using System.Globalization;
using Nuqta.Dashboard.Core.Evaluation.Import;
using Nuqta.Dashboard.Core.Statistics;
using static Nuqta.Dashboard.Tests.Evaluation.Import.ImportTestFiles;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

public class CanonicalImportTests
{
    [Fact]
    public void Csv_RowsCarryJoinValuesAndMetrics()
    {
        var (importer, rows) = ImportFile(Fixture("canonical-metrics.csv"));

        Assert.Equal(ResultFormat.Canonical, importer.Format);
        Assert.Equal([2L, 3L, 4L, 5L], rows.Select(row => row.Line));
        Assert.Equal("ex-1", rows[0].ExampleId);
        Assert.Equal("What is the capital of France?", rows[0].InputText);
        Assert.Equal("geography", rows[0].Vars["segment"]);
        Assert.Equal("Paris", rows[0].Output);
        Assert.Equal("Grounded in the context.", rows[0].JudgeReasons);
        Assert.Null(rows[1].JudgeReasons);
    }

    [Fact]
    public void Csv_NearHalfValue_KeptExactly()
    {
        var (_, rows) = ImportFile(Fixture("canonical-metrics.csv"));

        Assert.Equal(double.Parse("0.49999999995", CultureInfo.InvariantCulture), rows[1].Metrics["faithfulness"]);
    }

    [Fact]
    public void Csv_EmptyAndNaN_AreMissing()
    {
        var (importer, rows) = ImportFile(Fixture("canonical-metrics.csv"));

        Assert.True(double.IsNaN(rows[2].Metrics["faithfulness"]));
        Assert.True(double.IsNaN(rows[3].Metrics["faithfulness"]));
        Assert.Equal(2, importer.Metric("faithfulness").MissingCount);
        Assert.Equal(2, importer.Metric("faithfulness").ValueCount);
    }

    [Fact]
    public void Csv_SlashAndCommaNames_Survive()
    {
        var (importer, rows) = ImportFile(Fixture("canonical-metrics.csv"));

        var exactMatch = importer.Metric("exact_match,none");
        var correctness = importer.Metric("answer_correctness/v1/score");
        Assert.False(exactMatch.MapsToBuiltIn);
        Assert.False(correctness.MapsToBuiltIn);
        Assert.Equal(0, rows[2].Metrics["exact_match,none"]);
        Assert.Equal(5, rows[0].Metrics["answer_correctness/v1/score"]);
    }

    [Fact]
    public void Csv_OneToFiveColumn_KeepsOwnScale()
    {
        var (importer, _) = ImportFile(Fixture("canonical-metrics.csv"));

        var correctness = importer.Metric("answer_correctness/v1/score");
        Assert.Equal(1.0, correctness.ScaleMin);
        Assert.Equal(5.0, correctness.ScaleMax);
        Assert.Equal(1.0, correctness.ObservedMin);
        Assert.Equal(5.0, correctness.ObservedMax);
        Assert.Equal(MetricDirection.Unknown, correctness.SuggestedDirection);
        Assert.Equal(1, correctness.MissingCount);

        var exactMatch = importer.Metric("exact_match,none");
        Assert.Equal(0.0, exactMatch.ScaleMin);
        Assert.Equal(1.0, exactMatch.ScaleMax);
    }

    [Fact]
    public void Csv_LatencySeconds_ConvertedToMilliseconds()
    {
        var (importer, rows) = ImportFile(Fixture("canonical-metrics.csv"));

        var latency = importer.Metric("latency_ms");
        Assert.Same(BuiltInMetrics.LatencyMs, latency.BuiltIn);
        Assert.Equal("latency_s", latency.SourceColumn);
        Assert.NotNull(latency.UnitConversion);
        Assert.Equal(MetricDirection.LowerIsBetter, latency.SuggestedDirection);
        Assert.Equal(MetricAggregate.P95, latency.Aggregate);
        Assert.Equal(1250, rows[0].Metrics["latency_ms"]);
        Assert.Equal(300, rows[3].Metrics["latency_ms"]);
    }

    [Fact]
    public void Csv_UnderCommaDecimalCulture_ParsesInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");

            var (_, rows) = ImportFile(Fixture("canonical-metrics.csv"));

            Assert.Equal(0.9, rows[0].Metrics["faithfulness"]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Tsv_ArabicInputAndSegments()
    {
        var (importer, rows) = ImportFile(Fixture("canonical-arabic.tsv"));

        Assert.Equal(3, rows.Count);
        Assert.Equal("ما هي عاصمة الجزائر؟", rows[0].InputText);
        Assert.Equal("من كتب رواية \"اللص والكلاب\"؟", rows[1].InputText);
        Assert.Equal("جغرافيا", rows[2].Vars["segment"]);
        Assert.True(double.IsNaN(rows[2].Metrics["answer_relevancy"]));
        Assert.Equal(1, importer.Metric("answer_relevancy").MissingCount);
    }

    [Fact]
    public void Jsonl_BooleansAndNullsAndBlankLines()
    {
        var (importer, rows) = ImportFile(Fixture("canonical.jsonl"));

        Assert.Equal([1L, 2L, 4L], rows.Select(row => row.Line));
        Assert.Equal("Spell \"necessary\".", rows[1].InputText);
        Assert.True(double.IsNaN(rows[1].Metrics["faithfulness"]));
        Assert.True(double.IsNaN(rows[2].Metrics["faithfulness"]));
        Assert.Equal(0, rows[1].Metrics["cited_support"]);

        var cited = importer.Metric("cited_support");
        Assert.True(cited.MapsToBuiltIn);
        Assert.True(cited.IsBoolean);
        Assert.Equal(MetricAggregate.GoodRate, cited.Aggregate);
        Assert.Equal(2, importer.Metric("faithfulness").MissingCount);
    }

    [Fact]
    public void ExplicitMapping_OverridesSuggestion()
    {
        var mapping = ColumnMapping.From(new Dictionary<string, ColumnRole>
        {
            ["input"] = ColumnRole.Input,
            ["segment"] = ColumnRole.Split,
            ["faithfulness"] = ColumnRole.Metric,
        });

        var (importer, rows) = ImportFile(Fixture("canonical-metrics.csv"), new ResultImportOptions { Mapping = mapping });

        Assert.Null(rows[0].ExampleId);
        Assert.Equal("geography", rows[0].SplitValue);
        Assert.Empty(rows[0].Vars);
        Assert.Equal(["faithfulness"], importer.Metrics.Select(metric => metric.Name));
        Assert.Equal(4, importer.RowCountsBySplit.Count);
    }

    [Fact]
    public void ReadRows_Twice_GivesSameResult()
    {
        var importer = ResultImporter.Open(Fixture("canonical-metrics.csv"));

        var first = importer.ReadRows().ToList();
        var second = importer.ReadRows().ToList();

        Assert.Equal(first.Count, second.Count);
        Assert.Equal(4, importer.RowCount);
        Assert.Equal(2, importer.Metric("faithfulness").MissingCount);
    }

    [Fact]
    public void TwoColumnsForOneBuiltIn_IsError()
    {
        var path = WriteTemp("id,answer_relevancy,AnswerRelevancy\na,0.5,0.6\n", ".csv");

        var importer = ResultImporter.Open(path, "both.csv");
        var error = Assert.Throws<Nuqta.Dashboard.Core.Common.InputValidationException>(() => importer.ReadRows().ToList());

        Assert.Equal("AnswerRelevancy", Assert.Single(error.Errors).Column);
    }

    [Fact]
    public void RowWithoutIdOrInput_IsError()
    {
        var path = WriteTemp("id,input,faithfulness\na,first,0.5\n,,0.6\n", ".csv");

        var importer = ResultImporter.Open(path, "keys.csv");
        var error = Assert.Throws<Nuqta.Dashboard.Core.Common.InputValidationException>(() => importer.ReadRows().ToList());

        var only = Assert.Single(error.Errors);
        Assert.Equal(3, only.Line);
        Assert.Equal("id", only.Column);
    }
}
