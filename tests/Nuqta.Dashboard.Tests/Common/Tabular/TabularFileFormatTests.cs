using System.Text;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Common.Tabular;
using Nuqta.Dashboard.Tests.Evaluation.Import;

namespace Nuqta.Dashboard.Tests.Common.Tabular;

public class TabularFileFormatTests
{
    [Fact]
    public void Sniff_BomAndSplitCharacter_IsUtf8()
    {
        // The header, the BOM and "r10," put an Arabic letter (two bytes in UTF-8) across byte 65,536,
        // where the sniffer stops reading.
        var text = "id,input,faithfulness\nr10," + new string('ب', 40_000) + ",0.5\n";
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text)).ToArray();
        Assert.True((bytes[65_535] & 0xC0) == 0xC0, "the fixture must split a character at the sample end");
        var path = ImportTestFiles.WriteTemp(bytes, ".csv");

        var sniff = TabularFile.Sniff(path, "results.csv");
        var rows = TabularFile.ReadRows(path, sniff).ToList();

        Assert.Equal(TabularFormat.Csv, sniff.Format);
        Assert.Single(rows);
        Assert.Equal(40_000, rows[0]["input"]!.Length);
    }

    [Fact]
    public void ReadRows_LongRow_NamesExtraField()
    {
        var path = ImportTestFiles.Fixture("wrong-width.csv");
        var sniff = TabularFile.Sniff(path, "wrong-width.csv");

        var error = Assert.Throws<InputValidationException>(() => TabularFile.ReadRows(path, sniff).ToList());

        var only = Assert.Single(error.Errors);
        Assert.Equal(3, only.Line);
        Assert.Equal("faithfulness", only.Column);
        Assert.Equal("extra", only.Value);
    }

    [Fact]
    public void ReadRows_ShortRow_NamesFirstMissingColumn()
    {
        var path = ImportTestFiles.WriteTemp("id,input,faithfulness\na,first,0.5\nb,second\n", ".csv");
        var sniff = TabularFile.Sniff(path, "short.csv");

        var error = Assert.Throws<InputValidationException>(() => TabularFile.ReadRows(path, sniff).ToList());

        var only = Assert.Single(error.Errors);
        Assert.Equal(3, only.Line);
        Assert.Equal("faithfulness", only.Column);
    }

    [Fact]
    public void ReadRows_TruncatedArray_NamesItemLine()
    {
        var path = ImportTestFiles.Fixture("truncated-ragas.json");
        var sniff = TabularFile.Sniff(path, "truncated-ragas.json");

        var error = Assert.Throws<InputValidationException>(() => TabularFile.ReadRows(path, sniff).ToList());

        var only = Assert.Single(error.Errors);
        Assert.Equal(2, only.Line);
        Assert.Contains("truncated", only.Message);
    }

    [Fact]
    public void ReadRows_TextAfterJsonArray_IsRejected()
    {
        var path = ImportTestFiles.WriteTemp("[{\"id\": \"a\"}]\n{\"id\": \"b\"}\n", ".json");
        var sniff = TabularFile.Sniff(path, "extra.json");

        var error = Assert.Throws<InputValidationException>(() => TabularFile.ReadRows(path, sniff).ToList());

        Assert.Equal(2, Assert.Single(error.Errors).Line);
    }
}
