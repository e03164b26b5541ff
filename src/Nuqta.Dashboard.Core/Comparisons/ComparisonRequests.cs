namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>
/// One side of a comparison: either explicit run ids, or a model version whose committed runs on one
/// dataset version are all taken.
/// </summary>
public sealed record ComparisonSide(
    IReadOnlyList<int>? RunIds = null,
    string? Model = null,
    string? Version = null,
    string? Dataset = null,
    string? DatasetVersion = null);

/// <summary>A request to compare a candidate with a baseline.</summary>
/// <param name="Dimensions">Segment dimensions to break the comparison down by; null for all of the dataset version.</param>
/// <param name="Seed">Bootstrap seed, at least 0; null for the default.</param>
/// <param name="Resamples">Bootstrap resamples; null for 2,000.</param>
public sealed record ComparisonRequest(
    ComparisonSide Candidate,
    ComparisonSide Baseline,
    IReadOnlyList<string>? Dimensions = null,
    long? Seed = null,
    int? Resamples = null);

/// <summary>A request to check a candidate version against the version under the <c>production</c> alias.</summary>
public sealed record GateCheckRequest(string? Model, string? CandidateVersion, string? Dataset, string? DatasetVersion);
