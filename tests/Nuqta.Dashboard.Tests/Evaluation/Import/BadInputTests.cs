using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Evaluation.Import;
using static Nuqta.Dashboard.Tests.Evaluation.Import.ImportTestFiles;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

public class BadInputTests
{
    private static InputValidationException ImportFails(string path, ResultImportOptions? options = null) =>
        Assert.Throws<InputValidationException>(() => ImportFile(path, options));

    [Fact]
    public void TruncatedJsonArray_NamesLine()
    {
        var error = ImportFails(Fixture("truncated-ragas.json"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(2, only.Line);
        Assert.Contains("truncated", only.Message);
    }

    [Fact]
    public void WrongWidthRow_NamesExtraField()
    {
        var error = ImportFails(Fixture("wrong-width.csv"));

        var only = Assert.Single(error.Errors);
        Assert.Equal(3, only.Line);
        Assert.Equal("faithfulness", only.Column);
        Assert.Equal("extra", only.Value);
    }

    [Fact]
    public void TextInMetricColumns_ReportsEveryCell()
    {
        var error = ImportFails(Fixture("text-in-metric.csv"));

        Assert.Equal(2, error.Errors.Count);
        AssertInputError(error.Errors[0], 3, "faithfulness", "abc");
        AssertInputError(error.Errors[1], 4, "accuracy", "high");
        Assert.Contains("is not a number", error.Errors[0].Message);
    }

    [Fact]
    public void ScoreOffBuiltInScale_IsError()
    {
        var error = ImportFails(Fixture("out-of-scale.csv"));

        var only = Assert.Single(error.Errors);
        AssertInputError(only, 3, "faithfulness", "1.3");
        Assert.Contains("0-1 scale", only.Message);
    }

    [Fact]
    public void NonFiniteNumbers_AreErrors()
    {
        var error = ImportFails(Fixture("non-finite.csv"));

        Assert.Equal(["inf", "Infinity", "1e309", "-inf"], error.Errors.Select(e => e.Value));
        Assert.Equal([2L, 3L, 4L, 5L], error.Errors.Select(e => e.Line!.Value));
        Assert.All(error.Errors, e => Assert.Equal("accuracy", e.Column));
    }

    [Fact]
    public void ErrorLimit_CountsTheRest()
    {
        var error = ImportFails(Fixture("non-finite.csv"), new ResultImportOptions { MaxErrors = 2 });

        Assert.Equal(2, error.Errors.Count);
        Assert.True(error.Truncated);
    }

    [Fact]
    public void EmptyFile_IsError()
    {
        var error = ImportFails(Fixture("empty.csv"));

        Assert.Equal(1, Assert.Single(error.Errors).Line);
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void BinaryFile_IsError()
    {
        // The first bytes of a ZIP archive, as an .xlsx workbook starts.
        byte[] content = [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00];
        var path = WriteTemp(content, ".csv");

        var error = ImportFails(path);

        Assert.Equal(1, Assert.Single(error.Errors).Line);
        Assert.Contains("binary", error.Message);
    }

    [Fact]
    public void InvalidUtf8_IsError()
    {
        byte[] content = [.. "id,input,faithfulness\na,caf"u8, 0xE9, .. ",0.5\n"u8];
        var path = WriteTemp(content, ".csv");

        var error = ImportFails(path);

        Assert.Contains("UTF-8", error.Message);
    }

    [Fact]
    public void MalformedContextsList_NamesCell()
    {
        var path = WriteTemp("user_input,retrieved_contexts,faithfulness\nq,\"['unclosed\",0.5\n", ".csv");

        var error = ImportFails(path);

        var only = Assert.Single(error.Errors);
        AssertInputError(only, 2, "retrieved_contexts", "['unclosed");
    }

    [Fact]
    public void BooleanAfterNumbers_IsError()
    {
        var path = WriteTemp("id,accuracy\na,0.5\nb,True\n", ".csv");

        var error = ImportFails(path);

        var only = Assert.Single(error.Errors);
        AssertInputError(only, 3, "accuracy", "True");
    }

    [Fact]
    public void RowsAfterFirstError_AreNotReturned()
    {
        var importer = ResultImporter.Open(Fixture("text-in-metric.csv"));
        var returned = new List<ResultRow>();

        Assert.Throws<InputValidationException>(() =>
        {
            foreach (var row in importer.ReadRows())
            {
                returned.Add(row);
            }
        });

        Assert.Single(returned);
        Assert.Equal(3, importer.RowCount);
    }
}
