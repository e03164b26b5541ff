using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>
/// One evaluated example as read from a result file, in the same shape for every supported
/// format. The row carries the raw join values (<see cref="ExampleId"/>, <see cref="InputText"/>)
/// and the app computes the example key from them when it joins the row to a dataset version.
/// </summary>
public sealed record ResultRow
{
    /// <summary>1-based line of the file on which the record starts.</summary>
    public required long Line { get; init; }

    /// <summary>The example id from the file, or null when the file has none.</summary>
    public string? ExampleId { get; init; }

    /// <summary>The raw input text (question or prompt variable), used to join when there is no id.</summary>
    public string? InputText { get; init; }

    /// <summary>
    /// Join and segment values of the row: promptfoo test variables, or the columns mapped to the
    /// segment role, keyed by their name in the file. Values are text; JSON numbers and objects
    /// keep their JSON text.
    /// </summary>
    public IReadOnlyDictionary<string, string?> Vars { get; init; } = EmptyVars;

    /// <summary>
    /// Metric values keyed by the metric name as stored (<see cref="ImportedMetric.Name"/>).
    /// <see cref="double.NaN"/> is a missing value. A metric that appears in other rows but not
    /// in this one is missing too.
    /// </summary>
    public IReadOnlyDictionary<string, double> Metrics { get; init; } = EmptyMetrics;

    /// <summary>True when the evaluation of this example failed (a provider or grader error), so it has no scores.</summary>
    public bool IsError { get; init; }

    /// <summary>The tool's error text when <see cref="IsError"/> is true.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>The model output that was scored.</summary>
    public string? Output { get; init; }

    /// <summary>Retrieved context passages, in the order the file lists them.</summary>
    public IReadOnlyList<string> Contexts { get; init; } = [];

    /// <summary>The reference (ground-truth) answer.</summary>
    public string? Reference { get; init; }

    /// <summary>The grader's explanation of its scores, when the file has one.</summary>
    public string? JudgeReasons { get; init; }

    /// <summary>
    /// The raw value of the split column (a model or retriever name, or the promptfoo provider id).
    /// Rows with different split values belong to different runs.
    /// </summary>
    public string? SplitValue { get; init; }

    internal static readonly IReadOnlyDictionary<string, string?> EmptyVars = new Dictionary<string, string?>();

    private static readonly IReadOnlyDictionary<string, double> EmptyMetrics = new Dictionary<string, double>();
}

/// <summary>
/// A metric found in a result file: the name it is stored under, where it came from, the scale
/// observed and the direction suggested for it. Counts cover rows that are not error rows.
/// </summary>
public sealed record ImportedMetric
{
    /// <summary>The name the metric is stored under: a built-in key, or the file's name kept verbatim.</summary>
    public required string Name { get; init; }

    /// <summary>The column or JSON field the values came from.</summary>
    public required string SourceColumn { get; init; }

    /// <summary>The built-in metric the name maps to, or null for a custom metric.</summary>
    public BuiltInMetric? BuiltIn { get; init; }

    public bool MapsToBuiltIn => BuiltIn is not null;

    /// <summary>True when the values were booleans (stored as 1 and 0), so the scorecard shows a good-rate.</summary>
    public bool IsBoolean { get; init; }

    public MetricAggregate Aggregate { get; init; }

    public MetricDirection SuggestedDirection { get; init; }

    /// <summary>Smallest value seen, after unit conversion; NaN when every value was missing.</summary>
    public double ObservedMin { get; init; } = double.NaN;

    /// <summary>Largest value seen, after unit conversion; NaN when every value was missing.</summary>
    public double ObservedMax { get; init; } = double.NaN;

    /// <summary>
    /// The scale the values are on: the built-in scale, or for a custom metric the smallest
    /// common scale (0-1, 1-5, 0-5, 0-10, 1-10, 0-100) that contains every observed value, else the
    /// observed range.
    /// </summary>
    public double ScaleMin { get; init; } = double.NaN;

    /// <inheritdoc cref="ScaleMin"/>
    public double ScaleMax { get; init; } = double.NaN;

    /// <summary>The unit conversion applied to every value, such as "seconds to milliseconds (x1000)", or null.</summary>
    public string? UnitConversion { get; init; }

    /// <summary>Number of rows with a value.</summary>
    public int ValueCount { get; init; }

    /// <summary>Number of rows where the value was missing (empty, NaN, None, null or absent).</summary>
    public int MissingCount { get; init; }
}
