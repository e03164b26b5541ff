using System.Globalization;

namespace Nuqta.Dashboard.Benchmarks;

/// <summary>
/// Writes the benchmark's input files: a dataset with an id, a question and three segment
/// columns, and a canonical result file for it with an id and eight built-in metric columns.
/// The same seed and size always give the same bytes.
/// </summary>
internal static class DataGenerator
{
    public const int Seed = 20261201;

    /// <summary>The segment columns of the generated dataset.</summary>
    public static readonly string[] SegmentColumns = ["language", "tier", "intent"];

    /// <summary>The metric columns of the generated result file, all built-in metric keys.</summary>
    public static readonly string[] MetricColumns =
    [
        "faithfulness", "answer_relevancy", "context_precision", "context_recall",
        "answer_correctness", "latency_ms", "cited_support", "toxicity",
    ];

    /// <summary>Share of metric cells left empty, as evaluators leave them when a judge call fails.</summary>
    public const double EmptyCellShare = 0.01;

    private static readonly string[] Languages = ["ar", "ar", "en", "en", "en", "fr"];
    private static readonly string[] Tiers = ["free", "free", "free", "pro", "pro", "enterprise"];
    private static readonly string[] Intents = ["billing", "shipping", "returns", "account", "technical", "other"];
    private static readonly string[] Actions = ["track", "cancel", "return", "change the address of", "pay for", "split"];

    /// <summary>Name of the one segment column of the comparison benchmark's dataset.</summary>
    public const string ComparisonSegmentColumn = "segment";

    /// <summary>Writes <c>id,question,language,tier,intent</c> with ids <c>ex-0</c> to <c>ex-(N-1)</c>.</summary>
    public static void WriteDataset(string path, int examples)
    {
        var random = new Random(Seed);
        using var writer = new StreamWriter(path, append: false, System.Text.Encoding.UTF8, bufferSize: 1 << 16);
        writer.Write("id,question,");
        writer.Write(string.Join(',', SegmentColumns));
        writer.Write('\n');
        for (var i = 0; i < examples; i++)
        {
            var order = random.Next(100_000, 999_999);
            writer.Write($"ex-{i},Where is order {order} and can I {Pick(random, Actions)} it? (case {i}),");
            writer.Write($"{Pick(random, Languages)},{Pick(random, Tiers)},{Pick(random, Intents)}\n");
        }
    }

    /// <summary>
    /// Writes <c>id,question,segment</c> with ids <c>ex-0</c> to <c>ex-(N-1)</c> and segment values
    /// <c>s00</c> to <c>s(K-1)</c> drawn uniformly, so each value has about N/K examples.
    /// </summary>
    public static void WriteSegmentedDataset(string path, int examples, int segmentValues)
    {
        var random = new Random(Seed);
        using var writer = new StreamWriter(path, append: false, System.Text.Encoding.UTF8, bufferSize: 1 << 16);
        writer.Write($"id,question,{ComparisonSegmentColumn}\n");
        for (var i = 0; i < examples; i++)
        {
            var order = random.Next(100_000, 999_999);
            writer.Write($"ex-{i},Where is order {order} and can I {Pick(random, Actions)} it? (case {i}),s{random.Next(segmentValues):00}\n");
        }
    }

    /// <summary>
    /// Writes the header <c>id</c> plus <see cref="MetricColumns"/> and one row per example, in
    /// dataset order or, with <paramref name="shuffled"/>, in a seeded random order, with scores on
    /// the metrics' own scales and about 1 % empty cells. A different <paramref name="variant"/>
    /// draws other values for the same examples, as a second model version would score.
    /// </summary>
    public static void WriteResults(string path, int examples, int variant = 0, bool shuffled = false)
    {
        var random = new Random(Seed + 1 + variant);
        var order = Enumerable.Range(0, examples).ToArray();
        if (shuffled)
        {
            new Random(Seed + 100 + variant).Shuffle(order);
        }

        using var writer = new StreamWriter(path, append: false, System.Text.Encoding.UTF8, bufferSize: 1 << 16);
        writer.Write("id,");
        writer.Write(string.Join(',', MetricColumns));
        writer.Write('\n');
        foreach (var i in order)
        {
            writer.Write("ex-");
            writer.Write(i.ToString(CultureInfo.InvariantCulture));
            WriteCell(writer, random, Score(random, 0.82, 0.12));
            WriteCell(writer, random, Score(random, 0.85, 0.10));
            WriteCell(writer, random, Score(random, 0.74, 0.16));
            WriteCell(writer, random, Score(random, 0.78, 0.15));
            WriteCell(writer, random, Score(random, 0.70, 0.18));

            // Latency is log-normal around 900 ms with a long slow tail, in whole milliseconds.
            WriteCell(writer, random, Math.Round(Math.Exp(Normal(random, Math.Log(900), 0.5))).ToString(CultureInfo.InvariantCulture));
            WriteCell(writer, random, random.NextDouble() < 0.88 ? "1" : "0");

            // Toxicity is near zero for almost every output, and rarely above the 0.5 threshold.
            WriteCell(writer, random, Math.Min(1, Math.Exp(Normal(random, Math.Log(0.02), 1.2))).ToString("0.0000", CultureInfo.InvariantCulture));
            writer.Write('\n');
        }
    }

    private static void WriteCell(StreamWriter writer, Random random, string value)
    {
        writer.Write(',');
        if (random.NextDouble() >= EmptyCellShare)
        {
            writer.Write(value);
        }
    }

    // A 0-1 judge score: normal around the mean, clipped to the scale, four decimals.
    private static string Score(Random random, double mean, double deviation) =>
        Math.Clamp(Normal(random, mean, deviation), 0, 1).ToString("0.0000", CultureInfo.InvariantCulture);

    // Box-Muller transform. 1 - NextDouble() is in (0, 1], so the logarithm is finite.
    private static double Normal(Random random, double mean, double deviation) =>
        mean + (deviation * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
