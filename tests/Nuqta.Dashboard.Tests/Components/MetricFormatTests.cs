using System.Globalization;
using Nuqta.Dashboard.Components.Pages.Runs;
using Nuqta.Dashboard.Core.Evaluation;

namespace Nuqta.Dashboard.Tests.Components;

public sealed class MetricFormatTests
{
    [Theory]
    [InlineData("score", new[] { 0.5, 0.95 }, 3)]
    [InlineData(null, new[] { -0.4, 1.0 }, 3)]
    [InlineData("", new[] { 4.2, 7.9 }, 2)]
    [InlineData("", new[] { 512.0, 980.0 }, 1)]
    [InlineData("tokens", new[] { 15_000.0 }, 0)]
    [InlineData("ms", new[] { 0.4 }, 0)]
    [InlineData("MS", new[] { 2342.025 }, 0)]
    public void DecimalsFor_FollowsUnitAndRange(string? unit, double[] values, int expected)
    {
        Assert.Equal(expected, MetricFormat.DecimalsFor(unit, values.Select(v => (double?)v)));
    }

    [Fact]
    public void DecimalsFor_IgnoresNullAndNaN()
    {
        Assert.Equal(3, MetricFormat.DecimalsFor(null, [null, double.NaN, double.PositiveInfinity, 0.7]));
    }

    [Fact]
    public void Format_UsesInvariantCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("fr-FR");

            Assert.Equal("0.544", MetricFormat.Format(0.54413, 3));
            Assert.Equal("[0.520, 0.568]", MetricFormat.Interval(0.52024, 0.56802, 3));
            Assert.Equal("47 (37.0 %)", MetricFormat.CountWithShare(47, 127));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Format_MissingValuesShowDash()
    {
        Assert.Equal(MetricFormat.None, MetricFormat.Format(null, 3));
        Assert.Equal(MetricFormat.None, MetricFormat.Format(double.NaN, 3));
        Assert.Equal("", MetricFormat.Interval(0.1, null, 3));
        Assert.Equal("0", MetricFormat.CountWithShare(0, 0));
    }

    [Fact]
    public void Columns_TakeCatalogueLabelsAndDecimals()
    {
        MetricAggregateView[] overall =
        [
            new("faithfulness", null, 127, 0, 47, 0.544, 0.520, 0.568, 0.537, 0.756),
            new("latency_ms", null, 40, 0, 17, 2342.025, 2013.1, 2670.9, 2319.5, 3951.2),
            new("article_recall", null, 127, 0, 0, 0.473, 0.435, 0.512, 0.4, 0.8),
        ];
        MetricView[] catalogue =
        [
            new(1, "faithfulness", "Faithfulness", "higher is better", "0-1", "score", "mean", "< 0.5", "0.02", 0.05, 20, true),
            new(6, "latency_ms", "Latency (ms)", "lower is better", "0 or more", "ms", "p95", "> 2500", "5 % of baseline", 0.05, 20, true),
            new(9, "article_recall", "article_recall", "unknown", "0-1", "", "mean", MetricCatalogue.BadWhenNotSet, "0.02", 0.05, 20, false),
        ];

        var columns = MetricColumn.From(overall, catalogue);

        Assert.Equal(["faithfulness", "latency_ms", "article_recall"], columns.Select(c => c.Key));
        Assert.Equal("Faithfulness", columns[0].DisplayName);
        Assert.Equal("↑", columns[0].DirectionArrow);
        Assert.Equal("0.544", columns[0].Format(0.54413));
        Assert.Equal("↓", columns[1].DirectionArrow);
        Assert.Equal("2342", columns[1].Format(2342.025));
        Assert.Equal("47 (37.0 %)", columns[0].BadCount(47, 127));
        Assert.Equal(MetricFormat.None, columns[2].BadCount(0, 127));
    }

    [Fact]
    public void Columns_UncataloguedMetricUsesKey()
    {
        var columns = MetricColumn.From([new("bleu", null, 5, 0, 0, 31.5, 28.0, 35.0, 30.0, 40.0)], []);

        Assert.Equal("bleu", columns[0].DisplayName);
        Assert.Equal("", columns[0].DirectionArrow);
        Assert.Equal("31.50", columns[0].Format(31.5));
        Assert.False(columns[0].HasBadThreshold);
    }

    [Theory]
    [InlineData(82.0, 0, "+82")]
    [InlineData(-0.0981, 3, "-0.098")]
    [InlineData(0.0, 3, "0.000")]
    [InlineData(null, 3, MetricFormat.None)]
    public void FormatSigned_GainHasPlus(double? value, int decimals, string expected)
    {
        Assert.Equal(expected, MetricFormat.FormatSigned(value, decimals));
    }
}
