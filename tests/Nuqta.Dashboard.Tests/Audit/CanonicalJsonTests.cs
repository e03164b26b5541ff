using Nuqta.Dashboard.Core.Audit;

namespace Nuqta.Dashboard.Tests.Audit;

/// <summary>
/// Cases of RFC 8785 (JSON Canonicalization Scheme) with expected outputs worked out from its
/// rules: members sorted by UTF-16 code units, ECMAScript number formatting, minimal escapes.
/// </summary>
public sealed class CanonicalJsonTests
{
    [Fact]
    public void Keys_SortedByUtf16CodeUnits()
    {
        // U+1F600 is the surrogate pair D83D DE00, so it sorts before U+FB33 in UTF-16 order
        // although its code point is larger.
        var input = "{\"b\":1,\"\ufb33\":5,\"a\":2,\"\ud83d\ude00\":4,\"\u00e9\":3}";

        var canonical = CanonicalJson.Canonicalize(input);

        Assert.Equal("{\"a\":2,\"b\":1,\"\u00e9\":3,\"\ud83d\ude00\":4,\"\ufb33\":5}", canonical);
    }

    [Fact]
    public void Whitespace_Removed()
    {
        var input = "{ \"z\" : [ 1 , true , null ] ,\n \"a\" : { \"d\" : false , \"c\" : \"x\" } }";

        var canonical = CanonicalJson.Canonicalize(input);

        Assert.Equal("{\"a\":{\"c\":\"x\",\"d\":false},\"z\":[1,true,null]}", canonical);
    }

    [Theory]
    [InlineData(1e21, "1e+21")]
    [InlineData(1e20, "100000000000000000000")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(0.000001, "0.000001")]
    [InlineData(4.50, "4.5")]
    [InlineData(-0.0, "0")]
    [InlineData(100.0, "100")]
    [InlineData(1.23, "1.23")]
    [InlineData(-1.5e-9, "-1.5e-9")]
    [InlineData(123456789012.5, "123456789012.5")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(1.7976931348623157e308, "1.7976931348623157e+308")]
    public void FormatNumber_EcmaScriptForm(double value, string expected)
    {
        var text = CanonicalJson.FormatNumber(value);

        Assert.Equal(expected, text);
    }

    [Fact]
    public void Numbers_ParsedAndReformatted()
    {
        var input = "[4.50, -0.0, 1E21, 1E-7, 0.000001, 10.0]";

        var canonical = CanonicalJson.Canonicalize(input);

        Assert.Equal("[4.5,0,1e+21,1e-7,0.000001,10]", canonical);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void FormatNumber_NonFiniteThrows(double value)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CanonicalJson.FormatNumber(value));
    }

    [Fact]
    public void Strings_MinimalEscapes()
    {
        // Quote, backslash and control characters are escaped, but '/' and non-ASCII text are not.
        var input = "[\"q\\\"b\\\\n\\n\\u001f/\\u00e9\\u0627\"]";

        var canonical = CanonicalJson.Canonicalize(input);

        Assert.Equal("[\"q\\\"b\\\\n\\n\\u001f/\u00e9\u0627\"]", canonical);
    }

    [Fact]
    public void SerializeObject_CamelCaseSorted()
    {
        var canonical = CanonicalJson.SerializeObject(new { Version = "v1", Rows = 3, Alias = (string?)null });

        Assert.Equal("{\"alias\":null,\"rows\":3,\"version\":\"v1\"}", canonical);
    }
}
