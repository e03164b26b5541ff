namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>An evaluation result file to import into one or more runs.</summary>
/// <param name="Version">The model version of every row; or null when <paramref name="SplitBy"/> is given.</param>
/// <param name="SplitBy">A column whose values select the run of each row, mapped to versions by <paramref name="VersionMap"/>.</param>
/// <param name="Mapping">Column name to role (id, input, segment, metric, output, contexts, reference, ignore); columns left out take the suggested role.</param>
/// <param name="JoinField">For promptfoo files, the test variable that holds the input text.</param>
/// <param name="EvaluatedAtUtc">When the evaluation ran; defaults to the import time.</param>
public sealed record ImportRunsRequest(
    string Model,
    string Dataset,
    string DatasetVersion,
    string? Version,
    string? SplitBy,
    IReadOnlyDictionary<string, string>? VersionMap,
    string? Format,
    IReadOnlyDictionary<string, string>? Mapping,
    string? JoinField,
    DateTime? EvaluatedAtUtc,
    string? Kind,
    string? Evaluator,
    string? EvaluatorVersion,
    int Trial,
    string? Source,
    string? Commit,
    string FilePath,
    string FileName);

/// <summary>One run created (or found again) by an import.</summary>
public sealed record ImportedRunView(int Id, string Model, string Version, string? SplitValue, int Rows, int MatchedRows, int UnmatchedRows, int ErrorRows);

/// <summary>What an import produced.</summary>
/// <param name="AlreadyImported">True when the same file was imported before for the same versions and trial; the existing runs are returned.</param>
public sealed record ImportOutcome(Guid ImportId, bool AlreadyImported, string Format, IReadOnlyList<ImportedRunView> Runs, int UnmatchedRows);

/// <summary>Progress of an import, reported as rows are read and values are written.</summary>
public sealed record ImportProgress(string Stage, long RowsRead, int Percent);

/// <summary>Names the API and the UI use for run kinds.</summary>
public static class RunKinds
{
    public static string ToName(RunKind kind) => kind == RunKind.ProductionSample ? "production-sample" : "regression";

    public static RunKind? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "regression" => RunKind.Regression,
        "production-sample" or "productionsample" => RunKind.ProductionSample,
        _ => null,
    };
}
