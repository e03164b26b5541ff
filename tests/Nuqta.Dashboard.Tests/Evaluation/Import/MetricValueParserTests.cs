using System.Globalization;
using Nuqta.Dashboard.Core.Evaluation.Import;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

public class MetricValueParserTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("None")]
    [InlineData("null")]
    [InlineData("N/A")]
    public void Parse_MissingSpellings_AreMissing(string? text)
    {
        var cell = MetricValueParser.Parse(text);

        Assert.Equal(MetricCellKind.Missing, cell.Kind);
        Assert.True(double.IsNaN(cell.Value));
    }

    [Theory]
    [InlineData("True", 1)]
    [InlineData("False", 0)]
    [InlineData("true", 1)]
    [InlineData("false", 0)]
    [InlineData("pass", 1)]
    [InlineData("FAIL", 0)]
    public void Parse_Booleans_AreOneOrZero(string text, double expected)
    {
        var cell = MetricValueParser.Parse(text);

        Assert.Equal(MetricCellKind.Boolean, cell.Kind);
        Assert.Equal(expected, cell.Value);
    }

    [Theory]
    [InlineData("inf")]
    [InlineData("-inf")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("1e309")]
    [InlineData("-1e309")]
    public void Parse_NonFinite_IsReported(string text)
    {
        Assert.Equal(MetricCellKind.NonFinite, MetricValueParser.Parse(text).Kind);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("0,5")]
    [InlineData("1,000")]
    [InlineData("high")]
    public void Parse_Text_IsReported(string text)
    {
        Assert.Equal(MetricCellKind.Text, MetricValueParser.Parse(text).Kind);
    }

    [Fact]
    public void Parse_NearHalf_KeepsParsedValue()
    {
        var cell = MetricValueParser.Parse("0.49999999995");

        Assert.Equal(MetricCellKind.Number, cell.Kind);
        Assert.Equal(double.Parse("0.49999999995", CultureInfo.InvariantCulture), cell.Value);
        Assert.True(cell.Value < 0.5);
    }

    [Fact]
    public void Parse_UnderCommaDecimalCulture_UsesInvariantCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");

            Assert.Equal(0.75, MetricValueParser.Parse("0.75").Value);
            Assert.Equal(MetricCellKind.Text, MetricValueParser.Parse("0,75").Kind);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Theory]
    [InlineData("7.05e-06", 7.05e-06)]
    [InlineData(" 42 ", 42)]
    [InlineData("-0.5", -0.5)]
    [InlineData("1E3", 1000)]
    public void Parse_Numbers_AreInvariant(string text, double expected)
    {
        var cell = MetricValueParser.Parse(text);

        Assert.Equal(MetricCellKind.Number, cell.Kind);
        Assert.Equal(expected, cell.Value);
    }
}
