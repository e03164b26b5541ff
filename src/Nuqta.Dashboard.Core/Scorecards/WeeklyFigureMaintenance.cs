using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>
/// Rebuilds the weekly figures and SLO statuses of (model, week) pairs from the stored metric
/// arrays. Reading and computing happen outside the write transaction. Then one short transaction
/// per pair replaces the pair's rows, updates the error budget windows of the following weeks and
/// enqueues the SLO-breached events.
/// </summary>
public sealed partial class WeeklyFigureMaintenance(
    IDbContextFactory<NuqtaDbContext> contexts,
    IWriteTransactions transactions,
    ScorecardCalendar calendar,
    TimeProvider time,
    ILogger<WeeklyFigureMaintenance> logger) : IWeeklyFigureMaintenance
{
    /// <summary>The alias whose holder a week's runs are attributed to.</summary>
    public const string ProductionAlias = "production";

    // Recomputes run one at a time, so that two imports into one week cannot write figures read
    // before the other's runs committed.
    // NOTE: this lock covers one app instance; several instances on one database need a database lock here.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task RecomputeForRunsAsync(IReadOnlyCollection<int> runIds, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.EvaluationRuns.AsNoTracking()
            .Where(r => runIds.Contains(r.Id) && r.State == StoreState.Committed)
            .Select(r => new { r.ModelVersion!.ModelId, r.EvaluatedAtUtc })
            .ToListAsync(cancellationToken);
        await RecomputeAsync(runs.Select(r => (r.ModelId, calendar.WeekOf(r.EvaluatedAtUtc))), cancellationToken);
    }

    public async Task RecomputeForMetricAsync(int metricId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.EvaluationRuns.AsNoTracking()
            .Where(r => r.State == StoreState.Committed && db.RunMetricValues.Any(v => v.RunId == r.Id && v.MetricId == metricId))
            .Select(r => new { r.ModelVersion!.ModelId, r.EvaluatedAtUtc })
            .ToListAsync(cancellationToken);
        await RecomputeAsync(runs.Select(r => (r.ModelId, calendar.WeekOf(r.EvaluatedAtUtc))), cancellationToken);
    }

    public async Task RecomputeForSloAsync(int sloId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var slo = await db.SloDefinitions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sloId, cancellationToken);

        // Statuses of a deleted or disabled SLO go; a changed scope may also drop models or segments.
        await using (var transaction = await transactions.BeginAsync(db, cancellationToken))
        {
            await db.SloWeekStatuses.Where(s => s.SloId == sloId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (slo is null || !slo.IsEnabled)
        {
            return;
        }

        var runs = await db.EvaluationRuns.AsNoTracking()
            .Where(r => r.State == StoreState.Committed && (slo.ModelId == null || r.ModelVersion!.ModelId == slo.ModelId))
            .Select(r => new { r.ModelVersion!.ModelId, r.EvaluatedAtUtc })
            .ToListAsync(cancellationToken);
        await RecomputeAsync(runs.Select(r => (r.ModelId, calendar.WeekOf(r.EvaluatedAtUtc))), cancellationToken);
    }

    /// <summary>
    /// Computes the (model, week) pairs that have committed runs but no figures, for example after
    /// an upgrade or a restore. Returns the number of pairs computed.
    /// </summary>
    public async Task<int> RecomputeMissingAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.EvaluationRuns.AsNoTracking()
            .Where(r => r.State == StoreState.Committed)
            .Select(r => new { r.ModelVersion!.ModelId, r.EvaluatedAtUtc })
            .ToListAsync(cancellationToken);
        var existing = (await db.WeeklyFigures.AsNoTracking()
                .Select(f => new { f.ModelId, f.Week })
                .Distinct()
                .ToListAsync(cancellationToken))
            .Select(f => (f.ModelId, f.Week))
            .ToHashSet();
        var missing = runs.Select(r => (r.ModelId, Week: calendar.WeekOf(r.EvaluatedAtUtc)))
            .Where(p => !existing.Contains((p.ModelId, p.Week.ToString())))
            .Distinct()
            .ToList();
        if (missing.Count > 0)
        {
            logger.LogInformation("Computing weekly figures of {PairCount} model weeks that have runs but no figures", missing.Count);
            await RecomputeAsync(missing, cancellationToken);
        }

        return missing.Count;
    }

    /// <summary>Rebuilds the figures and SLO statuses of each (model, week) pair, in week order per model.</summary>
    public async Task RecomputeAsync(IEnumerable<(int ModelId, IsoWeek Week)> pairs, CancellationToken cancellationToken = default)
    {
        var ordered = pairs.Distinct().OrderBy(p => p.ModelId).ThenBy(p => p.Week).ToList();
        await _gate.WaitAsync(cancellationToken);
        try
        {
            foreach (var (modelId, week) in ordered)
            {
                await RecomputeWeekAsync(modelId, week, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RecomputeWeekAsync(int modelId, IsoWeek week, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var input = await LoadWeekAsync(modelId, week, cancellationToken);
        var figures = new List<WeeklyFigure>();
        var statuses = new List<SloWeekStatus>();
        foreach (var metricId in input.MetricIds)
        {
            var values = await LoadValuesAsync(input, metricId, cancellationToken);
            try
            {
                figures.AddRange(BuildFigures(input, metricId, values, now));
                statuses.AddRange(EvaluateSlos(input, metricId, values, now));
            }
            finally
            {
                ReturnValues(values);
            }
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await transactions.BeginAsync(db, cancellationToken);
        var weekKey = week.ToString();
        await db.WeeklyFigures.Where(f => f.ModelId == modelId && f.Week == weekKey).ExecuteDeleteAsync(cancellationToken);
        await db.SloWeekStatuses.Where(s => s.ModelId == modelId && s.Week == weekKey).ExecuteDeleteAsync(cancellationToken);
        db.WeeklyFigures.AddRange(figures);
        db.SloWeekStatuses.AddRange(statuses);
        await db.SaveChangesAsync(cancellationToken);

        await UpdateBudgetWindowsAsync(db, modelId, week, input.Slos, cancellationToken);
        await EnqueueBreachesAsync(db, input, statuses, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogDebug("Recomputed week {Week} of model {ModelId}: {FigureCount} figures, {StatusCount} SLO statuses", weekKey, modelId, figures.Count, statuses.Count);
    }
}
