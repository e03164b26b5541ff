using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Statistics;

public class VerdictRulesTests
{
    private static readonly VerdictInput Template = new()
    {
        Difference = 0.0,
        Lower = -0.01,
        Upper = 0.01,
        QValue = 0.5,
        Alpha = 0.05,
        Tolerance = 0.02,
        Direction = MetricDirection.HigherIsBetter,
        CandidateCount = 300,
        BaselineCount = 300,
        MinimumExamples = 30,
    };

    [Fact]
    public void Verdict_RegressionWhenHigherIsBetterDrops()
    {
        VerdictInput input = Template with { Difference = -0.05, Lower = -0.07, Upper = -0.03, QValue = 0.001 };

        Assert.Equal(Verdict.Regression, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_ImprovementWhenHigherIsBetterRises()
    {
        VerdictInput input = Template with { Difference = 0.05, Lower = 0.03, Upper = 0.07, QValue = 0.001 };

        Assert.Equal(Verdict.Improvement, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_RegressionWhenLowerIsBetterRises()
    {
        VerdictInput input = Template with
        {
            Difference = 0.05, Lower = 0.03, Upper = 0.07, QValue = 0.001, Direction = MetricDirection.LowerIsBetter,
        };

        Assert.Equal(Verdict.Regression, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_ImprovementWhenLowerIsBetterDrops()
    {
        VerdictInput input = Template with
        {
            Difference = -0.05, Lower = -0.07, Upper = -0.03, QValue = 0.001, Direction = MetricDirection.LowerIsBetter,
        };

        Assert.Equal(Verdict.Improvement, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_EquivalentInsideTolerance()
    {
        Assert.Equal(Verdict.Equivalent, VerdictRules.Classify(Template));
    }

    [Fact]
    public void Verdict_EquivalentWhenIntervalTouchesTolerance()
    {
        VerdictInput input = Template with { Lower = -0.02, Upper = 0.02 };

        Assert.Equal(Verdict.Equivalent, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_EquivalentEvenWhenSignificant()
    {
        // A tiny but significant shift inside the tolerance is no change for the product.
        VerdictInput input = Template with { Difference = -0.01, Lower = -0.015, Upper = -0.005, QValue = 0.0001 };

        Assert.Equal(Verdict.Equivalent, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_InconclusiveWhenIntervalStraddlesTolerance()
    {
        VerdictInput input = Template with { Difference = -0.02, Lower = -0.04, Upper = 0.0, QValue = 0.04 };

        Assert.Equal(Verdict.Inconclusive, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_UpperAtToleranceIsNotRegression()
    {
        // "Beyond the tolerance" is strict: an interval ending exactly at −tolerance is not a regression.
        VerdictInput input = Template with { Difference = -0.04, Lower = -0.06, Upper = -0.02, QValue = 0.001 };

        Assert.Equal(Verdict.Inconclusive, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_InconclusiveWhenQEqualsAlpha()
    {
        VerdictInput input = Template with { Difference = -0.05, Lower = -0.07, Upper = -0.03, QValue = 0.05 };

        Assert.Equal(Verdict.Inconclusive, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_InconclusiveWhenQIsNaN()
    {
        VerdictInput input = Template with { Difference = -0.05, Lower = -0.07, Upper = -0.03, QValue = double.NaN };

        Assert.Equal(Verdict.Inconclusive, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_InconclusiveWhenIntervalIsNaN()
    {
        VerdictInput input = Template with { Lower = double.NaN, Upper = double.NaN };

        Assert.Equal(Verdict.Inconclusive, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_RegressionWithUnboundedLowerEnd()
    {
        // An order-statistic interval can be unbounded on one side, and then the bounded side decides.
        VerdictInput input = Template with { Lower = double.NegativeInfinity, Upper = -0.03, QValue = 0.001 };

        Assert.Equal(Verdict.Regression, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_InconclusiveForUnboundedInterval()
    {
        VerdictInput input = Template with { Lower = double.NegativeInfinity, Upper = double.PositiveInfinity, QValue = 0.001 };

        Assert.Equal(Verdict.Inconclusive, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_InsufficientCandidateData()
    {
        VerdictInput input = Template with { CandidateCount = 29, Lower = -0.07, Upper = -0.03, QValue = 0.001 };

        Assert.Equal(Verdict.InsufficientData, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_InsufficientBaselineData()
    {
        VerdictInput input = Template with { BaselineCount = 0 };

        Assert.Equal(Verdict.InsufficientData, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_MinimumExamplesIsEnough()
    {
        VerdictInput input = Template with { CandidateCount = 30, BaselineCount = 30 };

        Assert.Equal(Verdict.Equivalent, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_UnknownDirectionGivesDifferentBelow()
    {
        VerdictInput input = Template with
        {
            Difference = -0.05, Lower = -0.07, Upper = -0.03, QValue = 0.001, Direction = MetricDirection.Unknown,
        };

        Assert.Equal(Verdict.Different, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_UnknownDirectionGivesDifferentAbove()
    {
        VerdictInput input = Template with
        {
            Difference = 0.05, Lower = 0.03, Upper = 0.07, QValue = 0.001, Direction = MetricDirection.Unknown,
        };

        Assert.Equal(Verdict.Different, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_UnknownDirectionCanBeEquivalent()
    {
        VerdictInput input = Template with { Direction = MetricDirection.Unknown };

        Assert.Equal(Verdict.Equivalent, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_UnknownDirectionWithoutSignificance()
    {
        VerdictInput input = Template with
        {
            Difference = 0.05, Lower = 0.03, Upper = 0.07, QValue = 0.2, Direction = MetricDirection.Unknown,
        };

        Assert.Equal(Verdict.Inconclusive, VerdictRules.Classify(input));
    }

    [Fact]
    public void Verdict_ZeroToleranceEquivalentOnlyForPointAtZero()
    {
        VerdictInput point = Template with { Lower = 0.0, Upper = 0.0, Tolerance = 0.0 };
        VerdictInput narrow = Template with { Lower = -1e-9, Upper = 1e-9, Tolerance = 0.0 };

        Assert.Equal(Verdict.Equivalent, VerdictRules.Classify(point));
        Assert.Equal(Verdict.Inconclusive, VerdictRules.Classify(narrow));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Verdict_RejectsAlphaOutsideUnitInterval(double alpha)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VerdictRules.Classify(Template with { Alpha = alpha }));
    }

    [Fact]
    public void Verdict_RejectsNegativeTolerance()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VerdictRules.Classify(Template with { Tolerance = -0.01 }));
    }

    [Fact]
    public void Verdict_RejectsReversedInterval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => VerdictRules.Classify(Template with { Lower = 0.1, Upper = -0.1 }));
    }
}
