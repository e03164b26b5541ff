using Nuqta.Dashboard.Core.Evaluation.Import;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

public class BuiltInMetricsTests
{
    [Theory]
    [InlineData("Answer Relevancy", "answer_relevancy")]
    [InlineData("answer_relevancy", "answer_relevancy")]
    [InlineData("AnswerRelevancy", "answer_relevancy")]
    [InlineData("answer-relevancy", "answer_relevancy")]
    [InlineData("response_relevancy", "answer_relevancy")]
    [InlineData("Faithfulness", "faithfulness")]
    [InlineData("contextPrecision", "context_precision")]
    [InlineData("latencyMs", "latency_ms")]
    [InlineData("LatencyMs", "latency_ms")]
    [InlineData("cited_support", "cited_support")]
    [InlineData("Toxicity", "toxicity")]
    public void Match_ForeignSpelling_MapsToKey(string name, string key)
    {
        var metric = BuiltInMetrics.Match(name, out var factor);

        Assert.Equal(key, metric?.Key);
        Assert.Equal(1, factor);
    }

    [Theory]
    [InlineData("latency_s")]
    [InlineData("latency (s)")]
    [InlineData("latencySeconds")]
    public void Match_LatencyInSeconds_ConvertsToMilliseconds(string name)
    {
        var metric = BuiltInMetrics.Match(name, out var factor);

        Assert.Same(BuiltInMetrics.LatencyMs, metric);
        Assert.Equal(1000, factor);
    }

    [Theory]
    [InlineData("answer_correctness/v1/score")]
    [InlineData("exact_match,none")]
    [InlineData("answer_similarity")]
    [InlineData("latency")]
    [InlineData("accuracy")]
    public void Match_OtherNames_StayCustom(string name)
    {
        Assert.Null(BuiltInMetrics.Match(name, out _));
    }

    [Theory]
    [InlineData("latency", MetricDirection.LowerIsBetter)]
    [InlineData("total_cost_usd", MetricDirection.LowerIsBetter)]
    [InlineData("is_toxic", MetricDirection.LowerIsBetter)]
    [InlineData("parse_error_rate", MetricDirection.LowerIsBetter)]
    [InlineData("article_recall", MetricDirection.Unknown)]
    [InlineData("found", MetricDirection.Unknown)]
    public void SuggestCustomDirection_ByName(string name, MetricDirection expected)
    {
        Assert.Equal(expected, BuiltInMetrics.SuggestCustomDirection(name));
    }

    [Fact]
    public void Catalog_MatchesProductRules()
    {
        foreach (var key in new[] { "faithfulness", "answer_relevancy", "context_precision", "context_recall", "answer_correctness" })
        {
            var metric = BuiltInMetrics.FindByKey(key)!;
            Assert.Equal(MetricDirection.HigherIsBetter, metric.Direction);
            Assert.Equal(MetricAggregate.Mean, metric.Aggregate);
            Assert.True(metric.IsBad(0.49));
            Assert.False(metric.IsBad(0.5));
        }

        Assert.Equal(MetricAggregate.P95, BuiltInMetrics.LatencyMs.Aggregate);
        Assert.True(BuiltInMetrics.LatencyMs.IsBad(2501));
        Assert.False(BuiltInMetrics.LatencyMs.IsBad(2500));
        Assert.True(BuiltInMetrics.CitedSupport.IsBad(0));
        Assert.Equal(MetricAggregate.GoodRate, BuiltInMetrics.CitedSupport.Aggregate);
        Assert.True(BuiltInMetrics.Toxicity.IsBad(0.51));
        Assert.Equal(MetricDirection.LowerIsBetter, BuiltInMetrics.Toxicity.Direction);
    }
}
