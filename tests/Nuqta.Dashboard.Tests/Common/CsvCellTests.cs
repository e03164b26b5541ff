using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Tests.Common;

public sealed class CsvCellTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-1", "'-1")]
    [InlineData("@A1", "'@A1")]
    [InlineData("\tx", "'\tx")]
    [InlineData("\rx", "\"'\rx\"")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("line\nbreak", "\"line\nbreak\"")]
    [InlineData("plain", "plain")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Escape_NeutralisesAndQuotes(string? value, string expected)
    {
        Assert.Equal(expected, CsvCell.Escape(value));
    }
}
