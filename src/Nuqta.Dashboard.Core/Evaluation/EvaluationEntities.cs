using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>
/// A catalogued metric. Built-in metrics are seeded with the defaults the product defines;
/// metrics first seen in an import join as custom metrics with their observed scale.
/// </summary>
public sealed class Metric
{
    public int Id { get; set; }

    /// <summary>Key as stored with values, for example <c>faithfulness</c> or <c>exact_match,none</c>.</summary>
    public string Key { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public MetricDirection Direction { get; set; }

    /// <summary>Lower end of the scale, or null when unknown.</summary>
    public double? ScaleMin { get; set; }

    /// <summary>Upper end of the scale, or null when the scale is open above (milliseconds) or unknown.</summary>
    public double? ScaleMax { get; set; }

    public string Unit { get; set; } = "";

    /// <summary>Scorecard aggregate: <c>mean</c>, <c>good-rate</c> or a quantile such as <c>p95</c>.</summary>
    public string Aggregate { get; set; } = "mean";

    /// <summary>How one value counts as bad: <c>lt</c>, <c>gt</c> or <c>eq</c> the threshold; null when no threshold is set.</summary>
    public string? BadWhen { get; set; }

    public double? BadThreshold { get; set; }

    /// <summary>Smallest difference that matters; a fraction of the baseline when <see cref="ToleranceIsRelative"/>.</summary>
    public double Tolerance { get; set; }

    public bool ToleranceIsRelative { get; set; }

    public double Alpha { get; set; }

    public int MinExamples { get; set; }

    public bool IsBuiltIn { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Returns true when the value counts as bad; false when no threshold is set.</summary>
    public bool IsBad(double value) => BadWhen switch
    {
        "lt" => value < BadThreshold,
        "gt" => value > BadThreshold,
        "eq" => value == BadThreshold,
        _ => false,
    };

    /// <summary>
    /// Counts the bad values of a span sorted ascending without NaN: the same count as testing each
    /// value with <see cref="IsBad"/>, found by binary search.
    /// </summary>
    public int CountBadInSorted(ReadOnlySpan<double> sorted) => (BadWhen, BadThreshold) switch
    {
        ("lt", { } threshold) => FirstNotBelow(sorted, threshold),
        ("gt", { } threshold) => sorted.Length - FirstAbove(sorted, threshold),
        ("eq", { } threshold) => FirstAbove(sorted, threshold) - FirstNotBelow(sorted, threshold),
        _ => 0,
    };

    // Index of the first value that is not below the threshold, or the length when none is.
    private static int FirstNotBelow(ReadOnlySpan<double> sorted, double threshold)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] < threshold)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    // Index of the first value above the threshold, or the length when none is.
    private static int FirstAbove(ReadOnlySpan<double> sorted, double threshold)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (sorted[middle] <= threshold)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}

/// <summary>What an evaluation run measured.</summary>
public enum RunKind
{
    /// <summary>A fixed set, evaluated again for each candidate.</summary>
    Regression,

    /// <summary>Sampled live traffic.</summary>
    ProductionSample,
}

/// <summary>One evaluation of one model version on one dataset version.</summary>
public sealed class EvaluationRun
{
    public int Id { get; set; }

    public int ModelVersionId { get; set; }

    public ModelVersion? ModelVersion { get; set; }

    public int DatasetVersionId { get; set; }

    public DatasetVersion? DatasetVersion { get; set; }

    public StoreState State { get; set; }

    /// <summary>Groups the runs created from one uploaded file (a file split by a column gives several).</summary>
    public Guid ImportId { get; set; }

    public DateTime EvaluatedAtUtc { get; set; }

    public RunKind Kind { get; set; }

    public string Evaluator { get; set; } = "";

    public string EvaluatorVersion { get; set; } = "";

    public int Trial { get; set; } = 1;

    /// <summary>Where the run came from, for example a CI run's URL.</summary>
    public string Source { get; set; } = "";

    public string Commit { get; set; } = "";

    public string ImportFormat { get; set; } = "";

    public string FileName { get; set; } = "";

    /// <summary>Lowercase hex SHA-256 of the uploaded file; with the versions and trial it makes a retried upload harmless.</summary>
    public string FileSha256 { get; set; } = "";

    /// <summary>Value of the split column that selected this run's rows, or null.</summary>
    public string? SplitValue { get; set; }

    /// <summary>Rows of the file that belong to this run.</summary>
    public int RowCount { get; set; }

    public int MatchedRows { get; set; }

    public int UnmatchedRows { get; set; }

    public int ErrorRows { get; set; }

    public string ImportedBy { get; set; } = "";

    public DateTime ImportedAtUtc { get; set; }
}

/// <summary>
/// The values of one metric in one run: little-endian float64 in the dataset version's example
/// order, NaN where the example has no value. Statistics read these arrays, not rows.
/// </summary>
public sealed class RunMetricValues
{
    public int RunId { get; set; }

    public int MetricId { get; set; }

    public byte[] Values { get; set; } = [];
}

/// <summary>Drill-down text of one example in one run.</summary>
public sealed class RunExampleDetail
{
    public int RunId { get; set; }

    public int ExampleIndex { get; set; }

    public bool IsError { get; set; }

    public string? ErrorMessage { get; set; }

    public string? Output { get; set; }

    /// <summary>JSON array of the retrieved context passages.</summary>
    public string? ContextsJson { get; set; }

    public string? JudgeReasons { get; set; }
}

/// <summary>
/// Aggregates of one metric in one run, overall (no dimension) or for one segment value. Figures
/// are null where they are undefined (no values, or one value for a variance), because SQLite
/// stores NaN as NULL.
/// </summary>
public sealed class RunAggregate
{
    public long Id { get; set; }

    public int RunId { get; set; }

    public int MetricId { get; set; }

    /// <summary>Segment dimension, or null for the whole run.</summary>
    public string? Dimension { get; set; }

    public string? SegmentValue { get; set; }

    public int Count { get; set; }

    public int Missing { get; set; }

    public int BadCount { get; set; }

    public double? Mean { get; set; }

    public double? Variance { get; set; }

    public double? MeanLower { get; set; }

    public double? MeanUpper { get; set; }

    public double? P50 { get; set; }

    public double? P95 { get; set; }
}

/// <summary>A row of an uploaded file that matched no example of the dataset version.</summary>
public sealed class UnmatchedRow
{
    public long Id { get; set; }

    public Guid ImportId { get; set; }

    public long Line { get; set; }

    public string? SplitValue { get; set; }

    public string? ExampleId { get; set; }

    public string? Input { get; set; }
}
