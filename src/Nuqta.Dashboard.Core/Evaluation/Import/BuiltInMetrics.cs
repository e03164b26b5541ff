using System.Text;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>How a scorecard summarises a metric over the rows of a run.</summary>
public enum MetricAggregate
{
    Mean,

    /// <summary>95th percentile, for latency-like metrics where the slow tail matters.</summary>
    P95,

    /// <summary>Share of rows whose value is good (1 for pass/fail metrics).</summary>
    GoodRate,
}

/// <summary>The comparison that marks a single value as bad.</summary>
public enum BadWhen
{
    LessThan,
    GreaterThan,
    EqualTo,
}

/// <summary>
/// A metric that the app defines by key: its direction, scale, unit, scorecard aggregate and the
/// threshold at which one row's value counts as bad. <see cref="ScaleMax"/> is
/// <see cref="double.PositiveInfinity"/> when the scale has no upper end.
/// </summary>
public sealed record BuiltInMetric(
    string Key,
    MetricDirection Direction,
    double ScaleMin,
    double ScaleMax,
    string Unit,
    MetricAggregate Aggregate,
    BadWhen BadWhen,
    double BadThreshold)
{
    /// <summary>Returns true when the value lies on the metric's scale.</summary>
    /// <remarks>
    /// A tolerance of 1e-9 admits floating-point noise such as 1.0000000000000002, which evaluation
    /// libraries produce when they average scores. The value itself is kept as parsed.
    /// </remarks>
    public bool IsOnScale(double value) => value >= ScaleMin - ScaleTolerance && value <= ScaleMax + ScaleTolerance;

    /// <summary>Returns true when one row's value counts as bad.</summary>
    public bool IsBad(double value) => BadWhen switch
    {
        BadWhen.LessThan => value < BadThreshold,
        BadWhen.GreaterThan => value > BadThreshold,
        _ => value == BadThreshold,
    };

    /// <summary>Formats the scale for messages, for example "0-1" or "0 or more ms".</summary>
    public string DescribeScale() => double.IsPositiveInfinity(ScaleMax)
        ? $"{ScaleMin} or more {Unit}"
        : $"{ScaleMin}-{ScaleMax}";

    internal const double ScaleTolerance = 1e-9;
}

/// <summary>
/// The built-in metric catalog and the rules that map metric names written by evaluation tools
/// onto it. A foreign name maps onto a built-in key only when it means the same thing on the same
/// scale, so names that carry a version or a different scale (<c>answer_correctness/v1/score</c>)
/// stay custom metrics.
/// </summary>
public static class BuiltInMetrics
{
    public static readonly BuiltInMetric Faithfulness = ZeroToOne("faithfulness");
    public static readonly BuiltInMetric AnswerRelevancy = ZeroToOne("answer_relevancy");
    public static readonly BuiltInMetric ContextPrecision = ZeroToOne("context_precision");
    public static readonly BuiltInMetric ContextRecall = ZeroToOne("context_recall");
    public static readonly BuiltInMetric AnswerCorrectness = ZeroToOne("answer_correctness");

    public static readonly BuiltInMetric LatencyMs = new(
        "latency_ms", MetricDirection.LowerIsBetter, 0, double.PositiveInfinity, "ms", MetricAggregate.P95, BadWhen.GreaterThan, 2500);

    public static readonly BuiltInMetric CitedSupport = new(
        "cited_support", MetricDirection.HigherIsBetter, 0, 1, "0/1", MetricAggregate.GoodRate, BadWhen.EqualTo, 0);

    public static readonly BuiltInMetric Toxicity = new(
        "toxicity", MetricDirection.LowerIsBetter, 0, 1, "score", MetricAggregate.GoodRate, BadWhen.GreaterThan, 0.5);

    /// <summary>Every built-in metric, in catalog order.</summary>
    public static readonly IReadOnlyList<BuiltInMetric> All =
        [Faithfulness, AnswerRelevancy, ContextPrecision, ContextRecall, AnswerCorrectness, LatencyMs, CitedSupport, Toxicity];

    // Normalized foreign names that mean a built-in metric on the same scale, besides the keys.
    // Ragas's ResponseRelevancy class documents the same 0-1 answer relevancy score.
    private static readonly Dictionary<string, BuiltInMetric> Aliases = new(StringComparer.Ordinal)
    {
        ["response_relevancy"] = AnswerRelevancy,
        ["latency_millis"] = LatencyMs,
        ["latency_milliseconds"] = LatencyMs,
        ["latency_in_ms"] = LatencyMs,
    };

    // Normalized names of latency columns measured in seconds; their values are multiplied by 1000.
    private static readonly HashSet<string> LatencySecondsNames = new(StringComparer.Ordinal)
    {
        "latency_s", "latency_sec", "latency_secs", "latency_seconds", "latency_in_seconds",
    };

    private static readonly Dictionary<string, BuiltInMetric> ByKey = All.ToDictionary(metric => metric.Key, StringComparer.Ordinal);

    /// <summary>Finds a built-in metric by its exact key.</summary>
    public static BuiltInMetric? FindByKey(string key) => ByKey.GetValueOrDefault(key);

    /// <summary>
    /// Maps a metric name written by an evaluation tool onto a built-in metric. Returns null when
    /// the name is not a built-in metric. <paramref name="scaleFactor"/> is the factor that converts
    /// the tool's unit to the built-in unit (1000 for latency in seconds, otherwise 1).
    /// </summary>
    public static BuiltInMetric? Match(string foreignName, out double scaleFactor)
    {
        scaleFactor = 1;
        var normalized = NormalizeName(foreignName);
        if (normalized is null)
        {
            return null;
        }

        if (ByKey.TryGetValue(normalized, out var metric) || Aliases.TryGetValue(normalized, out metric))
        {
            return metric;
        }

        if (LatencySecondsNames.Contains(normalized))
        {
            scaleFactor = 1000;
            return LatencyMs;
        }

        return null;
    }

    /// <summary>
    /// Converts a metric name to snake_case for matching: <c>Answer Relevancy</c>,
    /// <c>AnswerRelevancy</c> and <c>answer-relevancy</c> all become <c>answer_relevancy</c>, and
    /// <c>latency (s)</c> becomes <c>latency_s</c>. Returns null when the name contains any
    /// character other than letters, digits, spaces, '_', '-', '.', '(' and ')', because such
    /// names (<c>exact_match,none</c>, <c>answer_correctness/v1/score</c>) are never built-in
    /// metrics.
    /// </summary>
    public static string? NormalizeName(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        var trimmed = name.Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsLetterOrDigit(c))
            {
                if (char.IsUpper(c) && i > 0 && StartsNewWord(trimmed, i))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else if (c is ' ' or '_' or '-' or '.' or '(' or ')')
            {
                builder.Append('_');
            }
            else
            {
                return null;
            }
        }

        var words = builder.ToString().Split('_', StringSplitOptions.RemoveEmptyEntries);
        return words.Length == 0 ? null : string.Join('_', words);
    }

    /// <summary>
    /// Returns the direction that a custom metric starts with: lower-is-better when its name
    /// contains latency, cost, toxic or error, otherwise unknown until a person sets it.
    /// </summary>
    public static MetricDirection SuggestCustomDirection(string name)
    {
        string[] lowerIsBetterWords = ["latency", "cost", "toxic", "error"];
        return lowerIsBetterWords.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase))
            ? MetricDirection.LowerIsBetter
            : MetricDirection.Unknown;
    }

    // An upper-case letter starts a word after a lower-case letter or digit ("answerRelevancy"),
    // or ends an acronym when a lower-case letter follows ("HTTPStatus" -> "http_status").
    private static bool StartsNewWord(string text, int i)
    {
        var previous = text[i - 1];
        if (char.IsLower(previous) || char.IsDigit(previous))
        {
            return true;
        }

        return char.IsUpper(previous) && i + 1 < text.Length && char.IsLower(text[i + 1]);
    }

    private static BuiltInMetric ZeroToOne(string key) =>
        new(key, MetricDirection.HigherIsBetter, 0, 1, "score", MetricAggregate.Mean, BadWhen.LessThan, 0.5);
}
