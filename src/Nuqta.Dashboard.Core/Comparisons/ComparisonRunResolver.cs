using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>
/// Finds the committed runs of one comparison side and checks that they belong to one model version on one
/// dataset version.
/// </summary>
internal static class ComparisonRunResolver
{
    /// <summary>Returns the side's runs, with model version, model, dataset version and dataset loaded.</summary>
    /// <exception cref="InputValidationException">The side is malformed, names something unknown or mixes models or dataset versions.</exception>
    public static async Task<List<EvaluationRun>> ResolveAsync(NuqtaDbContext db, ComparisonSide? side, string sideName, CancellationToken cancellationToken)
    {
        if (side is null)
        {
            throw new InputValidationException($"the {sideName} side is missing", sideName);
        }

        bool byIds = side.RunIds is { Count: > 0 };
        bool byVersion = side.Model is not null || side.Version is not null || side.Dataset is not null || side.DatasetVersion is not null;
        if (byIds == byVersion)
        {
            throw new InputValidationException(
                $"give the {sideName} either as run ids or as model, version, dataset and dataset version, not both and not neither",
                sideName);
        }

        var runs = byIds
            ? await ByIdsAsync(db, side.RunIds!, sideName, cancellationToken)
            : await ByVersionAsync(db, side, sideName, cancellationToken);
        CheckOneModelVersion(runs, sideName);
        return runs;
    }

    /// <summary>Checks that both sides are on one dataset version and share no run.</summary>
    /// <exception cref="InputValidationException">They are on different dataset versions or share a run.</exception>
    public static void CheckSidesMatch(List<EvaluationRun> candidate, List<EvaluationRun> baseline)
    {
        if (candidate[0].DatasetVersionId != baseline[0].DatasetVersionId)
        {
            throw new InputValidationException(
                $"the candidate runs are on dataset version {DatasetLabel(candidate[0])} but the baseline runs are on {DatasetLabel(baseline[0])}; compare runs on the same dataset version",
                "datasetVersion");
        }

        var shared = candidate.Select(r => r.Id).Intersect(baseline.Select(r => r.Id)).Order().ToList();
        if (shared.Count > 0)
        {
            throw new InputValidationException(
                $"run {string.Join(", ", shared)} is on both sides; a run can be the candidate or the baseline, not both",
                "runIds");
        }
    }

    private static IQueryable<EvaluationRun> CommittedRuns(NuqtaDbContext db) => db.EvaluationRuns.AsNoTracking()
        .Include(r => r.ModelVersion!).ThenInclude(v => v.Model)
        .Include(r => r.DatasetVersion!).ThenInclude(v => v.Dataset)
        .Where(r => r.State == StoreState.Committed);

    private static async Task<List<EvaluationRun>> ByIdsAsync(NuqtaDbContext db, IReadOnlyList<int> runIds, string sideName, CancellationToken cancellationToken)
    {
        var ids = runIds.Distinct().ToList();
        var runs = await CommittedRuns(db).Where(r => ids.Contains(r.Id)).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var missing = ids.Except(runs.Select(r => r.Id)).Order().ToList();
        if (missing.Count > 0)
        {
            throw new InputValidationException(
                $"{sideName} run {string.Join(", ", missing)} not found among committed runs; list runs with GET /api/v1/evaluation-runs",
                $"{sideName}RunIds",
                string.Join(",", missing));
        }

        return runs;
    }

    private static async Task<List<EvaluationRun>> ByVersionAsync(NuqtaDbContext db, ComparisonSide side, string sideName, CancellationToken cancellationToken)
    {
        var errors = new InputErrorCollector();
        foreach (var (value, field) in new[] { (side.Model, "model"), (side.Version, $"{sideName}Version"), (side.Dataset, "dataset"), (side.DatasetVersion, "datasetVersion") })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add(new InputError($"{field} is required when the {sideName} is given by model version", field));
            }
        }

        errors.ThrowIfAny();
        var model = Names.Normalize(side.Model!);
        var version = Names.Normalize(side.Version!);
        var dataset = Names.Normalize(side.Dataset!);
        var datasetVersion = Names.Normalize(side.DatasetVersion!);

        var modelVersion = await db.ModelVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.Model!.NormalizedName == model && v.NormalizedLabel == version, cancellationToken)
            ?? throw new InputValidationException($"model version {side.Model}/{side.Version} not found; register it first", $"{sideName}Version", side.Version);
        var datasetVersionRow = await db.DatasetVersions.AsNoTracking()
            .FirstOrDefaultAsync(v => v.Dataset!.NormalizedName == dataset && v.NormalizedLabel == datasetVersion && v.State == StoreState.Committed, cancellationToken)
            ?? throw new InputValidationException($"dataset version {side.Dataset}/{side.DatasetVersion} not found", "datasetVersion", side.DatasetVersion);

        var runs = await CommittedRuns(db)
            .Where(r => r.ModelVersionId == modelVersion.Id && r.DatasetVersionId == datasetVersionRow.Id)
            .OrderBy(r => r.Id)
            .ToListAsync(cancellationToken);
        if (runs.Count == 0)
        {
            throw new InputValidationException(
                $"model version {side.Model}/{side.Version} has no committed runs on {side.Dataset}/{side.DatasetVersion}; import its results first",
                $"{sideName}Version",
                side.Version);
        }

        return runs;
    }

    private static void CheckOneModelVersion(List<EvaluationRun> runs, string sideName)
    {
        var models = runs.Select(r => r.ModelVersion!.Model!.Name).Distinct(StringComparer.Ordinal).ToList();
        if (models.Count > 1)
        {
            throw new InputValidationException(
                $"the {sideName} runs belong to different models ({string.Join(", ", models)}); the runs of one side must be of one model version",
                $"{sideName}RunIds");
        }

        var versions = runs.Select(r => r.ModelVersion!.Label).Distinct(StringComparer.Ordinal).ToList();
        if (versions.Count > 1)
        {
            throw new InputValidationException(
                $"the {sideName} runs belong to different versions of {models[0]} ({string.Join(", ", versions)}); the runs of one side must be of one model version",
                $"{sideName}RunIds");
        }

        var datasets = runs.Select(DatasetLabel).Distinct(StringComparer.Ordinal).ToList();
        if (datasets.Count > 1)
        {
            throw new InputValidationException(
                $"the {sideName} runs are on different dataset versions ({string.Join(", ", datasets)}); the runs of one side must be on one dataset version",
                $"{sideName}RunIds");
        }
    }

    private static string DatasetLabel(EvaluationRun run) => $"{run.DatasetVersion!.Dataset!.Name}/{run.DatasetVersion.Label}";
}
