using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Tests.Comparisons;

/// <summary>Metrics with the catalogue's built-in settings, for comparisons that need no database.</summary>
internal static class ComparisonFixtures
{
    /// <summary>A 0-1 higher-is-better mean metric, bad below 0.5, tolerance 0.02, alpha 0.05, 20 examples minimum.</summary>
    public static Metric Faithfulness(int minExamples = 20) => new()
    {
        Id = 1,
        Key = "faithfulness",
        Direction = MetricDirection.HigherIsBetter,
        Aggregate = "mean",
        BadWhen = "lt",
        BadThreshold = 0.5,
        Tolerance = 0.02,
        Alpha = 0.05,
        MinExamples = minExamples,
    };

    /// <summary>Latency in ms: p95, lower is better, bad above 2,500 ms, tolerance 5 % of the baseline p95.</summary>
    public static Metric Latency() => new()
    {
        Id = 6,
        Key = "latency_ms",
        Direction = MetricDirection.LowerIsBetter,
        Aggregate = "p95",
        BadWhen = "gt",
        BadThreshold = 2500,
        Tolerance = 0.05,
        ToleranceIsRelative = true,
        Alpha = 0.05,
        MinExamples = 20,
    };

    /// <summary>Toxicity: lower is better, compared by the good (non-toxic) rate, bad above 0.5.</summary>
    public static Metric Toxicity() => new()
    {
        Id = 8,
        Key = "toxicity",
        Direction = MetricDirection.LowerIsBetter,
        Aggregate = "good-rate",
        BadWhen = "gt",
        BadThreshold = 0.5,
        Tolerance = 0.005,
        Alpha = 0.05,
        MinExamples = 20,
    };

    /// <summary>Returns codes that put the first <paramref name="sizes"/>[0] examples in segment 0, the next in segment 1, and so on.</summary>
    public static int[] Blocks(params int[] sizes)
    {
        var codes = new List<int>();
        for (int code = 0; code < sizes.Length; code++)
        {
            codes.AddRange(Enumerable.Repeat(code, sizes[code]));
        }

        return codes.ToArray();
    }
}
