using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Scorecards;

public class SloRulesTests
{
    [Theory]
    [InlineData(SloComparator.AtMost, 2500, 2500, SloStatus.Met)]
    [InlineData(SloComparator.AtMost, 2500, 2500.5, SloStatus.Breached)]
    [InlineData(SloComparator.AtLeast, 0.9, 0.9, SloStatus.Met)]
    [InlineData(SloComparator.AtLeast, 0.9, 0.89, SloStatus.Breached)]
    public void Judge_ComparesWithTarget(SloComparator comparator, double target, double figure, SloStatus expected)
    {
        Assert.Equal(expected, SloRules.Judge(comparator, target, figure, examples: 100, minExamples: 20));
    }

    [Fact]
    public void Judge_FewExamples_InsufficientData()
    {
        Assert.Equal(SloStatus.InsufficientData, SloRules.Judge(SloComparator.AtLeast, 0.9, 0.5, examples: 19, minExamples: 20));
        Assert.Equal(SloStatus.InsufficientData, SloRules.Judge(SloComparator.AtLeast, 0.9, double.NaN, examples: 50, minExamples: 20));
        Assert.Equal(SloStatus.InsufficientData, SloRules.Judge(SloComparator.AtLeast, 0.9, 1.0, examples: 0, minExamples: 0));
    }

    [Fact]
    public void Budget_Arithmetic()
    {
        // Target 0.90 over 400 examples allows 40 bad; 33 were bad, so 7 are left (17.5 %).
        var budget = SloRules.Budget(0.90, weekExamples: 100, weekBad: 18, windowExamples: 400, windowBad: 33, SloStatus.Breached);

        Assert.Equal(40, budget.Allowed, 9);
        Assert.Equal(7, budget.Left, 9);
        Assert.Equal(0.175, budget.LeftFraction!.Value, 9);
        Assert.Equal(1.8, budget.WeekBurnRate!.Value, 9);
        Assert.Equal(0.825, budget.WindowBurnRate!.Value, 9);
    }

    [Fact]
    public void Budget_Overspent_LeftIsNegative()
    {
        var budget = SloRules.Budget(0.995, weekExamples: 200, weekBad: 3, windowExamples: 800, windowBad: 6, SloStatus.Breached);

        Assert.Equal(4, budget.Allowed, 9);
        Assert.Equal(-2, budget.Left, 9);
        Assert.Equal(-0.5, budget.LeftFraction!.Value, 9);
    }

    [Fact]
    public void FastBurn_AtTwiceTheAllowedRate()
    {
        var below = SloRules.Budget(0.90, weekExamples: 100, weekBad: 19, windowExamples: 400, windowBad: 19, SloStatus.Breached);
        var at = SloRules.Budget(0.90, weekExamples: 100, weekBad: 20, windowExamples: 400, windowBad: 20, SloStatus.Breached);

        Assert.False(below.FastBurn);
        Assert.True(at.FastBurn);
    }

    [Fact]
    public void SlowBurn_OnlyWhileWeekIsMet()
    {
        // The window burns at exactly 1x: 40 bad of 400 at target 0.90.
        var met = SloRules.Budget(0.90, weekExamples: 100, weekBad: 5, windowExamples: 400, windowBad: 40, SloStatus.Met);
        var breached = SloRules.Budget(0.90, weekExamples: 100, weekBad: 15, windowExamples: 400, windowBad: 40, SloStatus.Breached);
        var underRate = SloRules.Budget(0.90, weekExamples: 100, weekBad: 5, windowExamples: 400, windowBad: 39, SloStatus.Met);

        Assert.True(met.SlowBurn);
        Assert.False(breached.SlowBurn);
        Assert.False(underRate.SlowBurn);
    }

    [Fact]
    public void Budget_TargetOne_AnyBadBurnsFast()
    {
        var budget = SloRules.Budget(1.0, weekExamples: 100, weekBad: 1, windowExamples: 100, windowBad: 1, SloStatus.Breached);

        Assert.Equal(0, budget.Allowed);
        Assert.Null(budget.LeftFraction);
        Assert.Null(budget.WeekBurnRate);
        Assert.True(budget.FastBurn);
    }

    [Fact]
    public void Budget_NoExamples_NoBurn()
    {
        var budget = SloRules.Budget(0.9, 0, 0, 0, 0, SloStatus.InsufficientData);

        Assert.Null(budget.WeekBurnRate);
        Assert.False(budget.FastBurn);
        Assert.False(budget.SlowBurn);
    }

    [Theory]
    [InlineData(RunKind.ProductionSample, DatasetPurpose.ProductionSample, true)]
    [InlineData(RunKind.Regression, DatasetPurpose.Golden, true)]
    [InlineData(RunKind.Regression, DatasetPurpose.RedTeam, false)]
    [InlineData(RunKind.Regression, DatasetPurpose.Regression, false)]
    public void InScope_DefaultJudgesSamplesAndGoldenSets(RunKind kind, DatasetPurpose purpose, bool expected)
    {
        var slo = new SloDefinition();

        Assert.Equal(expected, SloRules.InScope(slo, kind, "any", purpose));
    }

    [Fact]
    public void InScope_NamedDatasetOrKind()
    {
        var slo = new SloDefinition { RunKindsJson = "[\"regression\"]", DatasetNamesJson = "[\"red-team-ar\"]" };

        Assert.True(SloRules.InScope(slo, RunKind.Regression, "legal-golden", DatasetPurpose.Golden));
        Assert.True(SloRules.InScope(slo, RunKind.ProductionSample, "Red-Team-AR", DatasetPurpose.RedTeam));
        Assert.False(SloRules.InScope(slo, RunKind.ProductionSample, "support-traffic", DatasetPurpose.ProductionSample));
    }

    [Fact]
    public void InScope_MalformedListJudgesNothing()
    {
        var slo = new SloDefinition { RunKindsJson = "not json" };

        Assert.False(SloRules.InScope(slo, RunKind.ProductionSample, "support-traffic", DatasetPurpose.ProductionSample));
    }
}
