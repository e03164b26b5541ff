using Nuqta.Dashboard.Core.Common.Tabular;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>
/// Suggests a <see cref="ColumnMapping"/> from a file's column names and its first rows. Usual
/// names decide the id, input, output, contexts, reference, split and judge columns. For the
/// other columns the sampled values decide: numeric or true/false columns become metrics, and
/// short text with few distinct values becomes a segment. Anything else is ignored. A person
/// reviews the suggestion before the import.
/// </summary>
public static class ColumnMappingSuggester
{
    /// <summary>Longest sampled value, in characters, for a text column to count as a segment.</summary>
    public const int MaxSegmentValueLength = 40;

    /// <summary>Most distinct sampled values for a text column to count as a segment.</summary>
    public const int MaxSegmentDistinctValues = 20;

    private static readonly string[] IdNames =
        ["id", "example_id", "sample_id", "item_id", "question_id", "case_id", "test_id", "record_id", "doc_id", "qid", "uid", "uuid"];

    // In order of preference: the first name present takes the role.
    private static readonly string[] InputNames = ["user_input", "question", "input", "query", "prompt"];
    private static readonly string[] OutputNames = ["response", "answer", "output", "actual_output", "generated_answer"];
    private static readonly string[] ContextsNames = ["retrieved_contexts", "contexts", "retrieval_context"];
    private static readonly string[] ReferenceNames = ["reference", "ground_truth", "ground_truths", "expected_output", "reference_answer"];
    private static readonly string[] SplitNames = ["model", "model_name", "provider", "retriever", "variant", "system"];

    /// <summary>Suggests a role for every column; <paramref name="sampleRows"/> are the first rows of the file.</summary>
    public static ColumnMapping Suggest(IReadOnlyList<string> columns, IReadOnlyList<TabularRow> sampleRows)
    {
        var normalized = columns.ToDictionary(column => column, column => BuiltInMetrics.NormalizeName(column) ?? "", StringComparer.Ordinal);
        var byName = new Dictionary<string, (ColumnRole Role, string Reason)>(StringComparer.Ordinal);

        AssignFirst(columns, normalized, IdNames, ColumnRole.Id, byName);
        AssignFirst(columns, normalized, InputNames, ColumnRole.Input, byName);
        AssignFirst(columns, normalized, OutputNames, ColumnRole.Output, byName);
        AssignFirst(columns, normalized, ContextsNames, ColumnRole.Contexts, byName);
        AssignFirst(columns, normalized, ReferenceNames, ColumnRole.Reference, byName);
        AssignFirst(columns, normalized, SplitNames, ColumnRole.Split, byName);

        var assignments = new List<ColumnAssignment>(columns.Count);
        foreach (var column in columns)
        {
            if (byName.TryGetValue(column, out var named))
            {
                assignments.Add(new ColumnAssignment(column, named.Role, named.Reason));
                continue;
            }

            var (role, reason) = SuggestFromName(normalized[column]) ?? SuggestFromValues(column, sampleRows);
            assignments.Add(new ColumnAssignment(column, role, reason));
        }

        return new ColumnMapping(assignments);
    }

    private static void AssignFirst(
        IReadOnlyList<string> columns,
        Dictionary<string, string> normalized,
        string[] names,
        ColumnRole role,
        Dictionary<string, (ColumnRole, string)> byName)
    {
        foreach (var name in names)
        {
            var column = columns.FirstOrDefault(candidate => normalized[candidate] == name && !byName.ContainsKey(candidate));
            if (column is not null)
            {
                byName[column] = (role, $"the name '{column}' is a usual {ColumnMapping.Describe(role)} column name");
                return;
            }
        }
    }

    private static (ColumnRole, string)? SuggestFromName(string normalized)
    {
        if (normalized == "segment" || normalized.StartsWith("segment_", StringComparison.Ordinal))
        {
            return (ColumnRole.Segment, "the name starts with 'segment'");
        }

        if (normalized.EndsWith("reason", StringComparison.Ordinal) || normalized.EndsWith("reasons", StringComparison.Ordinal)
            || normalized.EndsWith("explanation", StringComparison.Ordinal))
        {
            return (ColumnRole.Judge, "the name marks a grader's explanation");
        }

        return null;
    }

    private static (ColumnRole, string) SuggestFromValues(string column, IReadOnlyList<TabularRow> sampleRows)
    {
        var values = sampleRows.Select(row => row[column]).ToList();
        var present = values.Where(value => MetricValueParser.Parse(value).Kind != MetricCellKind.Missing).ToList();
        if (present.Count == 0)
        {
            return BuiltInMetrics.Match(column, out _) is not null
                ? (ColumnRole.Metric, "the name is a built-in metric; the sampled values are all missing")
                : (ColumnRole.Ignore, "the sampled values are all empty");
        }

        var kinds = present.Select(value => MetricValueParser.Parse(value).Kind).ToList();
        if (kinds.All(kind => kind == MetricCellKind.Number))
        {
            return (ColumnRole.Metric, "the sampled values are numbers");
        }

        if (kinds.All(kind => kind is MetricCellKind.Boolean))
        {
            return (ColumnRole.Metric, "the sampled values are true/false, so the metric is a good-rate");
        }

        // A column that is at least half numbers is a metric with some bad cells, which the
        // import then reports by line, rather than a text column to drop silently.
        var numeric = kinds.Count(kind => kind is MetricCellKind.Number or MetricCellKind.Boolean or MetricCellKind.NonFinite);
        if (numeric * 2 >= kinds.Count || BuiltInMetrics.Match(column, out _) is not null)
        {
            return (ColumnRole.Metric, "the sampled values are mostly numbers; the import reports the others");
        }

        var distinct = present.Distinct(StringComparer.Ordinal).Count();
        var shortText = present.All(value => value!.Length <= MaxSegmentValueLength && !value.Contains('\n'));
        if (shortText && distinct <= MaxSegmentDistinctValues && distinct <= Math.Max(1, (present.Count + 1) / 2))
        {
            return (ColumnRole.Segment, $"short text with {distinct} distinct values in {present.Count} sampled rows");
        }

        return (ColumnRole.Ignore, "free text that is not a known column");
    }
}
