namespace Nuqta.Dashboard.Core.Registry;

public sealed record RegisterDatasetRequest(string Name, string? Purpose, string? Team, string? Description);

public sealed record UpdateDatasetRequest(string? Team, string? Description);

/// <summary>A dataset version to create from an examples file that is already on disk (staged or uploaded).</summary>
/// <param name="FilePath">Path of the file's bytes.</param>
/// <param name="FileName">Name the user gave the file; its extension is checked against the content.</param>
/// <param name="Format">csv, tsv, json, jsonl, or null to detect from the content.</param>
/// <param name="ParentVersions">Labels of this dataset, or <c>dataset/label</c> for another dataset's version.</param>
/// <param name="TakeRepeatedExamplesOnce">
/// For a results file that holds each example once per model version: a repeated key becomes one
/// example, provided its reference and segment values agree. Otherwise a repeated key is an error.
/// </param>
public sealed record CreateDatasetVersionRequest(
    string Version,
    string FilePath,
    string FileName,
    string? Format,
    string? IdField,
    string InputField,
    string? ReferenceField,
    IReadOnlyList<string> SegmentFields,
    IReadOnlyList<string> ParentVersions,
    string? Description = null,
    bool TakeRepeatedExamplesOnce = false);

public sealed record DatasetSummary(int Id, string Name, string Purpose, string Team, string Description, int VersionCount, string? LatestVersion, DateTime CreatedAtUtc);

public sealed record SegmentValueCount(string Value, int Count);

public sealed record SegmentDimensionView(string Name, IReadOnlyList<SegmentValueCount> Values);

public sealed record DatasetVersionRef(string Dataset, string Version);

public sealed record DatasetVersionView(
    int Id,
    string Dataset,
    string Version,
    string ContentSha256,
    int RowCount,
    string SourceFileName,
    string SourceFormat,
    string? IdField,
    string InputField,
    string? ReferenceField,
    string Description,
    IReadOnlyList<SegmentDimensionView> Segments,
    IReadOnlyList<DatasetVersionRef> Parents,
    IReadOnlyList<DatasetVersionRef> Children,
    DateTime CreatedAtUtc,
    string CreatedBy,
    IReadOnlyList<string> SameContentAs);

public sealed record DatasetDetail(
    int Id,
    string Name,
    string Purpose,
    string Team,
    string Description,
    DateTime CreatedAtUtc,
    string CreatedBy,
    IReadOnlyList<DatasetVersionView> Versions);

public sealed record ExampleView(int Index, string Key, string Input, string? Reference, IReadOnlyDictionary<string, string> Segments);

/// <summary>Names the API and the UI use for dataset purposes.</summary>
public static class DatasetPurposes
{
    public static string ToName(DatasetPurpose purpose) => purpose switch
    {
        DatasetPurpose.Golden => "golden",
        DatasetPurpose.RedTeam => "red-team",
        DatasetPurpose.Regression => "regression",
        DatasetPurpose.ProductionSample => "production-sample",
        _ => "other",
    };

    public static IReadOnlyList<string> All { get; } = Enum.GetValues<DatasetPurpose>().Select(ToName).ToList();

    public static DatasetPurpose? Parse(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        "golden" => DatasetPurpose.Golden,
        "red-team" or "redteam" => DatasetPurpose.RedTeam,
        "regression" => DatasetPurpose.Regression,
        "production-sample" or "productionsample" => DatasetPurpose.ProductionSample,
        "other" => DatasetPurpose.Other,
        _ => null,
    };
}
