using System.Text.Json;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Common.Tabular;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>The format of a result file and the reason it was chosen, for display next to the upload.</summary>
public sealed record ResultFormatDetection(ResultFormat Format, string Reason);

/// <summary>
/// Decides the format of a result file from its first 64 KiB. A JSON object whose
/// <c>results</c> member contains <c>version</c> or a <c>results</c> array is promptfoo output.
/// Any other file is tabular, and its column names decide between Ragas and canonical. An
/// explicit format wins, except that a tabular format cannot read promptfoo output and the
/// other way round.
/// </summary>
public static class ResultFormatDetector
{
    private const int HeadBytes = 64 * 1024;

    // Column names that Ragas result tables use and other tools rarely do. The older Ragas names
    // (question with answer, contexts or ground_truth) count only when they appear together.
    private static readonly string[] RagasOnlyColumns = ["user_input", "retrieved_contexts"];
    private static readonly string[] RagasLegacyCompanions = ["answer", "contexts", "ground_truth", "ground_truths"];

    // Metric columns that Ragas writes under these names.
    private static readonly string[] RagasMetricColumns =
    [
        "faithfulness", "answer_relevancy", "context_precision", "context_recall", "answer_correctness",
        "answer_similarity", "semantic_similarity", "context_entity_recall", "factual_correctness",
        "noise_sensitivity", "response_relevancy", "llm_context_precision_with_reference",
        "llm_context_precision_without_reference", "non_llm_context_recall",
    ];

    /// <summary>Returns the format of the file and why; throws <see cref="InputValidationException"/> for an unreadable file.</summary>
    public static ResultFormatDetection Detect(string path, string? fileName, ResultFormat? requested = null)
    {
        var head = ReadHead(path);
        var promptfoo = LooksLikePromptfoo(head);
        if (promptfoo is null && head.Length == HeadBytes && IsSingleJsonObject(head))
        {
            // A large value (such as config) may come before results, beyond the first 64 KiB.
            promptfoo = ProbePromptfoo(path);
        }

        if (promptfoo is not null)
        {
            if (requested is { } format && format != ResultFormat.Promptfoo)
            {
                throw new InputValidationException(
                    $"the format '{format.ToString().ToLowerInvariant()}' was requested but the file is promptfoo output ({promptfoo}); choose promptfoo or automatic detection",
                    "format",
                    format.ToString());
            }

            var extension = System.IO.Path.GetExtension(fileName ?? "").ToLowerInvariant();
            if (requested is null && extension is ".csv" or ".tsv" or ".tab" or ".jsonl" or ".ndjson")
            {
                throw new InputValidationException(
                    $"the file name ends in '{extension}' but its content is promptfoo JSON output; rename the file to .json or choose the format explicitly",
                    "file",
                    fileName);
            }

            return new ResultFormatDetection(ResultFormat.Promptfoo, promptfoo);
        }

        if (IsSingleJsonObject(head))
        {
            var message = ForeignFormat(TopLevelNames(head)) is { } foreign
                ? ForeignMessage(foreign)
                : "the file is a single JSON object without results.version or results.results, so it is not promptfoo output; upload promptfoo eval -o JSON, a Ragas CSV or JSON array, or a CSV, TSV or JSON Lines table";
            throw new InputValidationException([new InputError(message, Line: 1)]);
        }

        // TabularFile rejects empty, binary and non-UTF-8 files.
        var sniff = TabularFile.Sniff(path, fileName);
        if (requested == ResultFormat.Promptfoo)
        {
            throw new InputValidationException(
                $"the format 'promptfoo' was requested but the file is {sniff.Format.ToString().ToUpperInvariant()}, not the JSON object that promptfoo eval -o writes",
                "format",
                "promptfoo");
        }

        var (columns, _) = TabularFile.Preview(path, sniff, maxRows: 20);

        // A JSON object on one line reads as a JSON Lines table whose columns are its members.
        if (ForeignFormat(columns.ToHashSet(StringComparer.Ordinal)) is { } foreignTable)
        {
            throw new InputValidationException([new InputError(ForeignMessage(foreignTable), Line: 1)]);
        }

        if (columns.Contains("doc_id") && (columns.Contains("resps") || columns.Contains("filtered_resps")))
        {
            throw new InputValidationException(
            [
                new InputError(
                    "the file looks like an lm-evaluation-harness samples file (doc_id, doc, resps), which Nuqta does not import; export the per-example results as a table with an id or input column and one column per metric, then upload that",
                    Line: 1),
            ]);
        }

        var ragasReason = RagasReason(columns);
        if (requested is { } chosen)
        {
            return new ResultFormatDetection(chosen, $"the {chosen.ToString().ToLowerInvariant()} format was chosen explicitly");
        }

        return ragasReason is not null
            ? new ResultFormatDetection(ResultFormat.Ragas, ragasReason)
            : new ResultFormatDetection(ResultFormat.Canonical, $"a {sniff.Format.ToString().ToUpperInvariant()} table without Ragas column names");
    }

    private static string ForeignMessage(string foreign) =>
        $"the file looks like {foreign}, which Nuqta does not import; export the per-example results as a CSV or JSON Lines table with an id or input column and one column per metric, then upload that";

    /// <summary>Names the evaluation tool whose output has these top-level members, or null when none is known.</summary>
    internal static string? ForeignFormat(IReadOnlySet<string> names)
    {
        if (names.Contains("testRunData") || (names.Contains("testCases") && names.Contains("metricsData")))
        {
            return "a DeepEval test run";
        }

        if (names.Contains("columns") && names.Contains("data"))
        {
            return "an MLflow evaluation table (columns and data)";
        }

        if (names.Contains("results") && (names.Contains("versions") || names.Contains("configs") || names.Contains("n-shot")))
        {
            return "lm-evaluation-harness aggregate results (results, configs, versions)";
        }

        return null;
    }

    // Reads the member names of the top-level JSON object in the head; the head may end mid-document.
    private static HashSet<string> TopLevelNames(byte[] head)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var span = head.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        var reader = new Utf8JsonReader(span, isFinalBlock: false, default);
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    names.Add(reader.GetString()!);
                }
            }
        }
        catch (JsonException)
        {
            // A malformed head still yields the names read before the error.
        }

        return names;
    }

    private static string? RagasReason(IReadOnlyList<string> columns)
    {
        var names = columns.Select(column => BuiltInMetrics.NormalizeName(column) ?? column).ToHashSet(StringComparer.Ordinal);
        var ragasOnly = RagasOnlyColumns.Where(names.Contains).ToList();
        if (ragasOnly.Count > 0)
        {
            return ragasOnly.Count == 1
                ? $"the column {ragasOnly[0]} is a Ragas column name"
                : $"the columns {string.Join(" and ", ragasOnly)} are Ragas column names";
        }

        if (!names.Contains("question"))
        {
            return null;
        }

        var companions = RagasLegacyCompanions.Concat(RagasMetricColumns).Where(names.Contains).ToList();
        return companions.Count > 0
            ? $"the column question appears with the Ragas columns {string.Join(", ", companions)}"
            : null;
    }

    // Returns the reason when the head of the file is a JSON object with a promptfoo results
    // member, or null. The head may end mid-document, so the scan stops quietly where it ends.
    private static string? LooksLikePromptfoo(byte[] head)
    {
        var span = head.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        var reader = new Utf8JsonReader(span, isFinalBlock: false, default);
        var inResults = false;
        int? version = null;
        var hasResultItems = false;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    inResults = reader.ValueTextEquals("results"u8);
                }
                else if (inResults && reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 2)
                {
                    if (reader.ValueTextEquals("version"u8) && reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
                    {
                        version = number;
                    }
                    else if (reader.ValueTextEquals("results"u8) && reader.Read())
                    {
                        hasResultItems = reader.TokenType == JsonTokenType.StartArray;
                        break;
                    }
                }
            }
        }
        catch (JsonException)
        {
            // Malformed JSON is reported by the importer that reads the file, with its line.
        }

        if (version is null && !hasResultItems)
        {
            return null;
        }

        return version is { } v
            ? $"a JSON object with results.version {v}, as promptfoo eval -o writes"
            : "a JSON object with a results.results array, as promptfoo eval -o writes";
    }

    // Streams the file up to its first result item, skipping values before it without building
    // them, and returns the reason when results.version or results.results appears on the way.
    private static string? ProbePromptfoo(string path)
    {
        using var file = File.OpenRead(path);
        using var reader = new PromptfooJsonReader(file, new ResultImportOptions().MaxJsonValueBytes);
        try
        {
            using var first = reader.ReadItem();
        }
        catch (InputValidationException)
        {
            // Malformed or oversized JSON: the file is not recognised, and the caller reports that.
        }

        return reader.Version is { } version ? $"a JSON object with results.version {version}, as promptfoo eval -o writes"
            : reader.SawResultItems ? "a JSON object with a results.results array, as promptfoo eval -o writes"
            : null;
    }

    // True when the content starts with '{' and its first line is not a whole JSON object, which
    // rules out JSON Lines.
    private static bool IsSingleJsonObject(byte[] head)
    {
        var span = head.AsSpan();
        if (span.StartsWith("\uFEFF"u8))
        {
            span = span[3..];
        }

        span = span.TrimStart(" \t\r\n"u8);
        if (span.IsEmpty || span[0] != (byte)'{')
        {
            return false;
        }

        var lineEnd = span.IndexOf((byte)'\n');
        var firstLine = lineEnd < 0 ? span : span[..lineEnd];
        var reader = new Utf8JsonReader(firstLine, isFinalBlock: true, default);
        try
        {
            reader.Read();
            reader.Skip();
            return reader.Read();
        }
        catch (JsonException)
        {
            return true;
        }
    }

    private static byte[] ReadHead(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[HeadBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = file.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }
}
