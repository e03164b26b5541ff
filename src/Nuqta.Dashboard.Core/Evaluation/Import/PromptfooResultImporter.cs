using System.Text.Json;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Common.Tabular;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>
/// Imports the JSON that <c>promptfoo eval -o FILE.json</c> writes (results version 3): one row
/// per item of <c>results.results</c>, that is per test case and provider. Metrics are
/// <c>score</c>, <c>success</c> (a good-rate), <c>latencyMs</c> (stored as the built-in
/// latency_ms), <c>cost</c> and every <c>namedScores</c> entry. The provider id is the split
/// value, and the test variables are the row's <see cref="ResultRow.Vars"/>.
/// </summary>
/// <remarks>
/// promptfoo sets <c>error</c> both when an assertion fails and when the provider or grader
/// fails, and distinguishes the two with <c>failureReason</c> (0 none, 1 assertion, 2 error; see
/// <c>ResultFailureReason</c> in promptfoo's src/types/index.ts). A failed assertion is a scored
/// row with success 0 and its message as the judge reason. An error row is one with
/// failureReason 2, a <c>response.error</c>, no response output, or no grading result while the
/// test did not succeed. The last two rules also cover files without failureReason.
/// </remarks>
public sealed class PromptfooResultImporter : ResultImporter
{
    /// <summary>The results version this importer reads.</summary>
    public const int SupportedVersion = 3;

    // Test variables that hold the input text, in order of preference, when no join variable is set.
    private static readonly string[] InputVarNames = ["question", "user_input", "input", "query", "prompt"];

    private const int FailureReasonError = 2;

    public PromptfooResultImporter(string path, string? fileName = null, ResultImportOptions? options = null)
        : base(path, fileName, options)
    {
    }

    public override ResultFormat Format => ResultFormat.Promptfoo;

    /// <summary>The evalId of the file, once <see cref="ResultImporter.ReadRows"/> has read it.</summary>
    public string? EvalId { get; private set; }

    private protected override IEnumerable<ResultRow> ReadRowsCore(MetricAccumulator metrics, InputErrorCollector errors)
    {
        using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new PromptfooJsonReader(file, Options.MaxJsonValueBytes);
        while (reader.ReadItem() is { } item)
        {
            using (item)
            {
                if (reader.Version is { } version && version != SupportedVersion)
                {
                    throw UnsupportedVersion(version);
                }

                yield return ToResultRow(item.RootElement, reader.ItemLine, metrics, errors);
            }
        }

        EvalId = reader.EvalId;
        if (!reader.SawResultItems)
        {
            throw new InputValidationException([new InputError("the file has no results.results array, so it is not promptfoo eval output", Line: 1)]);
        }

        if (reader.Version != SupportedVersion)
        {
            throw reader.Version is { } version
                ? UnsupportedVersion(version)
                : new InputValidationException([new InputError("the file has no results.version; expected promptfoo output with version 3", Line: 1)]);
        }
    }

    private ResultRow ToResultRow(JsonElement result, long line, MetricAccumulator metrics, InputErrorCollector errors)
    {
        var vars = ReadVars(result);
        var inputVar = Options.JoinVar ?? InputVarNames.FirstOrDefault(vars.ContainsKey);
        var input = inputVar is null ? null : vars.GetValueOrDefault(inputVar);
        var exampleId = Options.IdVar is null ? null : vars.GetValueOrDefault(Options.IdVar);
        RequireVar(Options.JoinVar, input, line, errors);
        RequireVar(Options.IdVar, exampleId, line, errors);

        var response = Property(result, "response");
        var output = response is { } r ? TabularFile.ToText(Property(r, "output") ?? default) : null;
        var grading = Property(result, "gradingResult");
        var errorText = NonEmptyString(Property(result, "error"));
        var responseError = response is { } rr ? NonEmptyString(Property(rr, "error")) : null;
        var success = Property(result, "success") is { ValueKind: JsonValueKind.True };
        var failureReason = Property(result, "failureReason") is { ValueKind: JsonValueKind.Number } reason && reason.TryGetInt32(out var code) ? code : (int?)null;

        var isError = failureReason == FailureReasonError
            || responseError is not null
            || output is null
            || (grading is null && !success);

        var row = new ResultRow
        {
            Line = line,
            ExampleId = exampleId,
            InputText = input,
            Vars = vars,
            Output = output,
            SplitValue = ReadProviderId(result),
            IsError = isError,
            ErrorMessage = isError ? responseError ?? errorText ?? DescribeMissingPart(output) : null,
        };

        if (isError)
        {
            return row;
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        RecordField(result, "score", MetricDirection.HigherIsBetter, line, metrics, values, errors);
        RecordField(result, "success", MetricDirection.HigherIsBetter, line, metrics, values, errors);
        RecordField(result, "latencyMs", null, line, metrics, values, errors);
        RecordField(result, "cost", null, line, metrics, values, errors);

        var namedScores = Property(result, "namedScores") ?? (grading is { } g ? Property(g, "namedScores") : null);
        if (namedScores is { ValueKind: JsonValueKind.Object } scores)
        {
            foreach (var score in scores.EnumerateObject())
            {
                var metric = metrics.Declare($"namedScores.{score.Name}", score.Name, direction: null, errors, line);
                if (metric is not null)
                {
                    metrics.Record(metric, TabularFile.ToText(score.Value), line, values, errors);
                }
            }
        }

        metrics.CountScoredRow();
        var judgeReason = grading is { } graded ? NonEmptyString(Property(graded, "reason")) : null;
        return row with { Metrics = values, JudgeReasons = judgeReason ?? errorText };
    }

    private static void RecordField(
        JsonElement result,
        string field,
        MetricDirection? direction,
        long line,
        MetricAccumulator metrics,
        Dictionary<string, double> values,
        InputErrorCollector errors)
    {
        var value = Property(result, field);
        var metric = metrics.Find(field) ?? (value is null ? null : metrics.Declare(field, field, direction, errors, line));
        if (metric is not null)
        {
            metrics.Record(metric, value is { } v ? TabularFile.ToText(v) : null, line, values, errors);
        }
    }

    private static Dictionary<string, string?> ReadVars(JsonElement result)
    {
        var vars = new Dictionary<string, string?>(StringComparer.Ordinal);
        var source = Property(result, "vars")
            ?? (Property(result, "testCase") is { } testCase ? Property(testCase, "vars") : null);
        if (source is { ValueKind: JsonValueKind.Object } objectVars)
        {
            foreach (var variable in objectVars.EnumerateObject())
            {
                vars[variable.Name] = TabularFile.ToText(variable.Value);
            }
        }

        return vars;
    }

    private static string? ReadProviderId(JsonElement result) => Property(result, "provider") switch
    {
        { ValueKind: JsonValueKind.String } name => name.GetString(),
        { ValueKind: JsonValueKind.Object } provider => NonEmptyString(Property(provider, "id")) ?? NonEmptyString(Property(provider, "label")),
        _ => null,
    };

    private static string DescribeMissingPart(string? output) =>
        output is null ? "the result has no response output" : "the result has no grading result and did not succeed";

    private static void RequireVar(string? name, string? value, long line, InputErrorCollector errors)
    {
        if (name is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new InputError(
                $"the result has no value for the test variable '{name}', which the import uses to join results to the dataset",
                Line: line,
                Column: $"vars.{name}",
                Value: value));
        }
    }

    // Returns the property's value, or null when it is absent or JSON null.
    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    private static string? NonEmptyString(JsonElement? element) =>
        element is { ValueKind: JsonValueKind.String } text && !string.IsNullOrWhiteSpace(text.GetString()) ? text.GetString() : null;

    private static InputValidationException UnsupportedVersion(int version) =>
        new([new InputError(
            $"promptfoo results version {version} is not supported; export the evaluation with a promptfoo release that writes version {SupportedVersion}",
            Line: 1,
            Column: "results.version",
            Value: version.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
}
