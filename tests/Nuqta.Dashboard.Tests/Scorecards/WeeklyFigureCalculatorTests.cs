using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Scorecards;

public class WeeklyFigureCalculatorTests
{
    private static readonly Metric Faithfulness = new()
    {
        Id = 1, Key = "faithfulness", Direction = MetricDirection.HigherIsBetter, ScaleMin = 0, ScaleMax = 1, Aggregate = "mean", BadWhen = "lt", BadThreshold = 0.5,
    };

    private static readonly Metric Latency = new()
    {
        Id = 2, Key = "latency_ms", Direction = MetricDirection.LowerIsBetter, ScaleMin = 0, Aggregate = "p95", BadWhen = "gt", BadThreshold = 2500,
    };

    private static readonly Metric CitedSupport = new()
    {
        Id = 3, Key = "cited_support", Direction = MetricDirection.HigherIsBetter, ScaleMin = 0, ScaleMax = 1, Aggregate = "good-rate", BadWhen = "eq", BadThreshold = 0,
    };

    [Fact]
    public void Quantiles_MatchHandComputedValues()
    {
        // With h = (n - 1)p on 1..10: p95 gives h = 8.55, so 9 + 0.55 x (10 - 9) = 9.55 (NumPy 1.24 percentile agrees).
        double[] values = [7, 3, 10, 1, 5, 9, 2, 8, 4, 6];

        var figure = WeeklyFigureCalculator.Compute(Latency, values);

        Assert.Equal(5.5, figure.P50, 12);
        Assert.Equal(9.1, figure.P90, 12);
        Assert.Equal(9.55, figure.P95, 12);
        Assert.Equal(9.91, figure.P99, 12);
        Assert.Equal(9.55, figure.Value.Value, 12);
    }

    [Fact]
    public void P95_OfSkewedLatencies()
    {
        // Sorted: 80 95 110 120 140 300 2600; h = 6 x 0.95 = 5.7, so 300 + 0.7 x 2300 = 1910.
        double[] values = [120, 80, 300, 95, 2600, 110, 140];

        var figure = WeeklyFigureCalculator.Compute(Latency, values);

        Assert.Equal(1910, figure.P95, 9);
        Assert.Equal(1, figure.BadCount);
    }

    [Fact]
    public void Pooling_TrialsCountAsSeparateValues()
    {
        // Two trials of three examples: every present value counts once, missing ones are not zeros.
        double[] trialOne = [0.2, double.NaN, 0.8];
        double[] trialTwo = [0.4, 0.6, double.NaN];

        var figure = WeeklyFigureCalculator.Compute(Faithfulness, [.. trialOne, .. trialTwo]);

        Assert.Equal(4, figure.Count);
        Assert.Equal(2, figure.Missing);
        Assert.Equal(0.5, figure.Mean.Value, 12);
        Assert.Equal(2, figure.BadCount);
    }

    [Fact]
    public void Mean_HasStudentTInterval()
    {
        // scipy.stats.t.interval(0.95, 3, loc=0.5, scale=sem([0.2, 0.4, 0.6, 0.8])) = (0.0891479, 0.9108521).
        var figure = WeeklyFigureCalculator.Compute(Faithfulness, [0.2, 0.4, 0.6, 0.8]);

        Assert.Equal(0.0891479486, figure.Value.Lower, 8);
        Assert.Equal(0.9108520514, figure.Value.Upper, 8);
    }

    [Fact]
    public void Mean_IntervalCutAtScaleEnd()
    {
        var figure = WeeklyFigureCalculator.Compute(Faithfulness, [0.99, 1.0, 0.9, 1.0]);

        Assert.Equal(1.0, figure.Value.Upper);
        Assert.True(figure.Value.Lower < figure.Value.Value);
    }

    [Fact]
    public void GoodRate_HasWilsonInterval()
    {
        // statsmodels 0.13 proportion_confint(3, 4, method='wilson') = (0.300642, 0.954413).
        var figure = WeeklyFigureCalculator.Compute(CitedSupport, [1, 0, 1, 1, double.NaN]);

        Assert.Equal(0.75, figure.Value.Value, 12);
        Assert.Equal(0.3006418426, figure.Value.Lower, 8);
        Assert.Equal(0.9544127392, figure.Value.Upper, 8);
        Assert.Equal(1, figure.Missing);
        Assert.Equal(1, figure.BadCount);
    }

    [Fact]
    public void NoValues_GiveUndefinedFigure()
    {
        var figure = WeeklyFigureCalculator.Compute(Faithfulness, [double.NaN, double.NaN]);

        Assert.Equal(0, figure.Count);
        Assert.Equal(2, figure.Missing);
        Assert.True(double.IsNaN(figure.Value.Value));
        Assert.True(double.IsNaN(figure.P95));
    }

    [Fact]
    public void GoodRate_WithoutThreshold_IsUndefined()
    {
        var custom = new Metric { Id = 4, Key = "custom", Aggregate = "good-rate" };

        var figure = WeeklyFigureCalculator.Compute(custom, [1, 2, 3]);

        Assert.Null(figure.GoodRate);
        Assert.True(double.IsNaN(figure.Value.Value));
    }

    [Theory]
    [InlineData("p95", 0.95)]
    [InlineData("p50", 0.5)]
    [InlineData("p99.9", 0.999)]
    [InlineData("p0", 0.0)]
    public void QuantileLevel_ParsesPercent(string aggregate, double expected)
    {
        Assert.Equal(expected, ScorecardAggregates.QuantileLevel(aggregate)!.Value, 12);
    }

    [Theory]
    [InlineData("mean", true)]
    [InlineData("good-rate", true)]
    [InlineData("p101", false)]
    [InlineData("median", false)]
    [InlineData("p", false)]
    [InlineData("p-5", false)]
    public void IsValid_KnownAggregatesOnly(string aggregate, bool expected)
    {
        Assert.Equal(expected, ScorecardAggregates.IsValid(aggregate));
    }
}
