using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Comparisons;

public sealed class GateEvaluatorTests
{
    private static readonly GateRules FaithfulnessOnly = new(["faithfulness"], null);

    [Fact]
    public void Gate_PassesWhenCriticalCellsAreDecided()
    {
        ComparisonCell[] cells =
        [
            Cell("faithfulness", null, null, Verdict.Equivalent),
            Cell("faithfulness", "lang", "ar", Verdict.Improvement),
            Cell("toxicity", null, null, Verdict.Regression),
        ];

        var outcome = GateEvaluator.Evaluate(cells, FaithfulnessOnly);

        Assert.Equal(GateVerdict.Pass, outcome.Verdict);
        Assert.Single(outcome.Reasons);
    }

    [Fact]
    public void Gate_FailsOnSegmentRegression()
    {
        ComparisonCell[] cells =
        [
            Cell("faithfulness", null, null, Verdict.Equivalent),
            Cell("faithfulness", "lang", "ar", Verdict.Regression),
            Cell("faithfulness", "lang", "en", Verdict.Inconclusive),
        ];

        var outcome = GateEvaluator.Evaluate(cells, FaithfulnessOnly);

        Assert.Equal(GateVerdict.Fail, outcome.Verdict);
        Assert.Contains("faithfulness mean in lang=ar regressed", outcome.Reasons[0]);
        Assert.Contains(outcome.Reasons, r => r.Contains("lang=en is inconclusive"));
    }

    [Fact]
    public void Gate_FailsOnBadRateRegression()
    {
        ComparisonCell[] cells =
        [
            Cell("faithfulness", null, null, Verdict.Equivalent),
            Cell("faithfulness", null, null, Verdict.Regression, "bad-rate"),
        ];

        var outcome = GateEvaluator.Evaluate(cells, FaithfulnessOnly);

        Assert.Equal(GateVerdict.Fail, outcome.Verdict);
        Assert.Contains("faithfulness bad-rate overall regressed", outcome.Reasons[0]);
    }

    [Fact]
    public void Gate_IgnoresUncountedDimension()
    {
        ComparisonCell[] cells =
        [
            Cell("faithfulness", null, null, Verdict.Equivalent),
            Cell("faithfulness", "intent", "billing", Verdict.Regression),
            Cell("faithfulness", "lang", "ar", Verdict.Equivalent),
        ];

        var outcome = GateEvaluator.Evaluate(cells, new GateRules(["faithfulness"], ["lang"]));

        Assert.Equal(GateVerdict.Pass, outcome.Verdict);
    }

    [Theory]
    [InlineData(Verdict.Inconclusive)]
    [InlineData(Verdict.InsufficientData)]
    public void Gate_InconclusiveCriticalCell(Verdict verdict)
    {
        ComparisonCell[] cells =
        [
            Cell("faithfulness", null, null, Verdict.Equivalent),
            Cell("faithfulness", "lang", "ar", verdict),
        ];

        var outcome = GateEvaluator.Evaluate(cells, FaithfulnessOnly);

        Assert.Equal(GateVerdict.Inconclusive, outcome.Verdict);
        Assert.Contains("lang=ar", Assert.Single(outcome.Reasons));
    }

    [Fact]
    public void Gate_InconclusiveWhenCriticalMetricMissing()
    {
        ComparisonCell[] cells = [Cell("faithfulness", null, null, Verdict.Equivalent)];

        var outcome = GateEvaluator.Evaluate(cells, GateRules.Default);

        Assert.Equal(GateVerdict.Inconclusive, outcome.Verdict);
        Assert.Equal(4, outcome.Reasons.Count);
        Assert.Contains("answer_relevancy was not compared", outcome.Reasons[0]);
    }

    [Fact]
    public void Gate_FailsOnMissedSloTarget()
    {
        ComparisonCell[] cells = [Cell("faithfulness", null, null, Verdict.Equivalent)];
        SloTargetMiss[] misses = [new(3, "p95 latency", null, "p95 latency_ms is 2,810, above the target of 2,500.")];

        var outcome = GateEvaluator.Evaluate(cells, FaithfulnessOnly, misses);

        Assert.Equal(GateVerdict.Fail, outcome.Verdict);
        Assert.Equal("SLO p95 latency missed: p95 latency_ms is 2,810, above the target of 2,500.", Assert.Single(outcome.Reasons));
    }

    [Fact]
    public void Gate_NamesSegmentOfMissedSlo()
    {
        ComparisonCell[] cells = [Cell("faithfulness", null, null, Verdict.Inconclusive)];
        SloTargetMiss[] misses = [new(4, "cited support", "maghrebi", "good-rate 0.82 is below 0.90.")];

        var outcome = GateEvaluator.Evaluate(cells, FaithfulnessOnly, misses);

        Assert.Equal(GateVerdict.Fail, outcome.Verdict);
        Assert.Equal(2, outcome.Reasons.Count);
        Assert.Equal("SLO cited support in segment maghrebi missed: good-rate 0.82 is below 0.90.", outcome.Reasons[0]);
        Assert.Contains("is inconclusive", outcome.Reasons[1]);
    }

    [Fact]
    public void Gate_PassSaysSloTargetsWereMet()
    {
        ComparisonCell[] cells = [Cell("faithfulness", null, null, Verdict.Equivalent)];

        var outcome = GateEvaluator.Evaluate(cells, FaithfulnessOnly, []);

        Assert.Equal(GateVerdict.Pass, outcome.Verdict);
        Assert.Contains("met every SLO target", Assert.Single(outcome.Reasons));
    }

    [Fact]
    public void GateWithoutBaseline_FailsOnMissedTarget()
    {
        SloTargetMiss[] misses = [new(1, "non-toxic", null, "good-rate 0.990 is below 0.995.")];

        var outcome = GateEvaluator.EvaluateWithoutBaseline("No production version.", misses);

        Assert.Equal(GateVerdict.Fail, outcome.Verdict);
        Assert.Equal(["No production version.", "SLO non-toxic missed: good-rate 0.990 is below 0.995."], outcome.Reasons);
    }

    [Fact]
    public void GateWithoutBaseline_PassesWhenTargetsMet()
    {
        var outcome = GateEvaluator.EvaluateWithoutBaseline("No production version.", []);

        Assert.Equal(GateVerdict.Pass, outcome.Verdict);
        Assert.Equal("No production version.", outcome.Reasons[0]);
        Assert.Contains("absolute SLO targets alone", outcome.Reasons[1]);
    }

    [Fact]
    public void GateWithoutBaseline_InconclusiveWithoutCheck()
    {
        var outcome = GateEvaluator.EvaluateWithoutBaseline("No production version.", null);

        Assert.Equal(GateVerdict.Inconclusive, outcome.Verdict);
        Assert.Equal(["No production version.", GateEvaluator.NoSloCheckReason], outcome.Reasons);
    }

    private static ComparisonCell Cell(string metric, string? dimension, string? segment, Verdict verdict, string statistic = "mean") =>
        new(metric, statistic, dimension, segment, "paired", 300, 300, 300, 0.70, 0.75, -0.05, -0.065, -0.035, "PercentileBootstrap", 0.0001, 0.0004, 0.02, verdict, 0.1);
}
