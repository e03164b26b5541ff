using System.Text;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Common.Tabular;

namespace Nuqta.Dashboard.Tests.Common;

public sealed class TabularFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("nuqta-tabular-").FullName;

    [Fact]
    public void JsonArray_CompactItems()
    {
        var path = Write("[{\"q\":\"a\"},{\"q\":\"b\"}]");

        var rows = Read(path, "data.json");

        Assert.Equal(["a", "b"], rows.Select(r => r["q"]));
    }

    [Fact]
    public void JsonArray_ItemLines()
    {
        var path = Write("[\n  {\"q\": \"a\"},\n  {\n    \"q\": \"b\"\n  },\n  {\"q\": 3}\n]\n");

        var rows = Read(path, "data.json");

        Assert.Equal([2L, 3L, 6L], rows.Select(r => r.Line));
        Assert.Equal("3", rows[2]["q"]);
    }

    [Fact]
    public void JsonArray_NonObjectItemNamesLine()
    {
        var path = Write("[\n{\"q\": \"a\"},\n\"text\"\n]");

        var error = Assert.Throws<InputValidationException>(() => Read(path, "data.json"));

        Assert.Equal(3, error.Errors[0].Line);
        Assert.Contains("not an object", error.Errors[0].Message);
    }

    [Fact]
    public void Csv_RecordLinesCountPhysicalLines()
    {
        var path = Write("q,a\n\"two\nlines\",x\nnext,y\n");

        var rows = Read(path, "data.csv");

        Assert.Equal([2L, 4L], rows.Select(r => r.Line));
    }

    [Fact]
    public void Csv_EveryWrongWidthRowListed()
    {
        var path = Write("q,a,b\nx,1,2\nshort,1\nlong,1,2,3\nfine,1,2\nshort again\n");

        var error = Assert.Throws<InputValidationException>(() => Read(path, "data.csv"));

        Assert.Equal([3L, 4L, 6L], error.Errors.Select(e => e.Line));
        Assert.Equal(["b", "b", "a"], error.Errors.Select(e => e.Column));
        Assert.False(error.Truncated);
    }

    [Fact]
    public void Sniff_SemicolonDelimiter()
    {
        var path = Write("q;a\nx;y\n");

        var sniff = TabularFile.Sniff(path, "data.csv");

        Assert.Equal(TabularFormat.Csv, sniff.Format);
        Assert.Equal(';', sniff.Delimiter);
    }

    [Fact]
    public void Sniff_SingleObjectRejected()
    {
        var path = Write("{\n\"q\": \"a\"\n}");

        var error = Assert.Throws<InputValidationException>(() => TabularFile.Sniff(path, "data.json"));

        Assert.Contains("single JSON object", error.Message);
    }

    [Fact]
    public void Sniff_BinaryRejected()
    {
        var path = Path.Combine(_directory, "binary");
        File.WriteAllBytes(path, [0x50, 0x4B, 0x03, 0x04, 0x00, 0x00]);

        var error = Assert.Throws<InputValidationException>(() => TabularFile.Sniff(path, "data.csv"));

        Assert.Contains("NUL bytes", error.Message);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Write(string text)
    {
        var path = Path.Combine(_directory, Guid.NewGuid().ToString("n"));
        File.WriteAllText(path, text, new UTF8Encoding(false));
        return path;
    }

    private static List<TabularRow> Read(string path, string fileName) =>
        TabularFile.ReadRows(path, TabularFile.Sniff(path, fileName)).ToList();
}
