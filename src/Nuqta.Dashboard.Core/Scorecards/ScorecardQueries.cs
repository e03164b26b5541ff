using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>
/// Reads the weekly scorecard, trends and the meeting deck from the materialised weekly figures
/// and SLO statuses; a request never reads the stored metric arrays. A frozen week is read from
/// its snapshot.
/// </summary>
public sealed partial class ScorecardQueries(IDbContextFactory<NuqtaDbContext> contexts, ScorecardCalendar calendar)
{
    /// <summary>Weeks in a sparkline, the scorecard week included.</summary>
    public const int SparklineWeeks = 12;

    internal static readonly JsonSerializerOptions SnapshotJson = new(JsonSerializerDefaults.Web);

    /// <summary>Returns the scorecard of <paramref name="week"/>, for all models or for the one named.</summary>
    /// <exception cref="NotFoundException">No model has the name <paramref name="model"/>.</exception>
    public async Task<ScorecardWeek> GetWeekAsync(IsoWeek week, string? model = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var modelId = await ResolveModelAsync(db, model, cancellationToken);
        var weekKey = week.ToString();
        var freeze = await db.ScorecardFreezes.AsNoTracking()
            .Where(f => f.Week == weekKey && f.UnfrozenAtUtc == null)
            .OrderByDescending(f => f.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (freeze is null)
        {
            return await BuildLiveAsync(db, week, modelId, model?.Trim(), cancellationToken);
        }

        var snapshot = JsonSerializer.Deserialize<ScorecardWeek>(freeze.SnapshotJson, SnapshotJson)
            ?? throw new InvalidOperationException($"The frozen snapshot of {weekKey} is empty.");
        var late = await ListLateRunsAsync(db, week, ScorecardFreezeService.SnapshotRunIds(snapshot), modelId, cancellationToken);
        var models = modelId is null ? snapshot.Models : snapshot.Models.Where(m => m.ModelId == modelId).ToList();
        return snapshot with
        {
            Freeze = new ScorecardFreezeView(weekKey, freeze.FrozenAtUtc, freeze.FrozenBy, freeze.SnapshotSha256),
            Models = models,
            ArrivedAfterFreeze = late,
            ModelFilter = model?.Trim(),
        };
    }

    /// <summary>Returns the week's scorecard as meeting slides: one per model, breaches and biggest changes first.</summary>
    public async Task<MeetingDeck> GetMeetingDeckAsync(IsoWeek week, string? model = null, CancellationToken cancellationToken = default)
    {
        var scorecard = await GetWeekAsync(week, model, cancellationToken);
        var columns = scorecard.Metrics.ToDictionary(c => c.Key);
        var slides = scorecard.Models.Select(m => new MeetingSlide(
                m,
                m.Slos.Where(s => s.Status == SloStatus.Breached)
                    .Concat(m.Slos.Where(s => s.Status != SloStatus.Breached && s.Budget is { } b && (b.FastBurn || b.SlowBurn)))
                    .ToList(),
                BiggestChanges(m, columns)))
            .ToList();
        return new MeetingDeck(scorecard, slides);
    }

    /// <summary>Returns the current week, the first and last weeks with figures, and the frozen weeks.</summary>
    public async Task<ScorecardWeekRange> GetWeekRangeAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var first = await db.WeeklyFigures.OrderBy(f => f.Week).Select(f => f.Week).FirstOrDefaultAsync(cancellationToken);
        var last = await db.WeeklyFigures.OrderByDescending(f => f.Week).Select(f => f.Week).FirstOrDefaultAsync(cancellationToken);
        var frozen = await db.ScorecardFreezes.Where(f => f.UnfrozenAtUtc == null).OrderByDescending(f => f.Week).Select(f => f.Week).ToListAsync(cancellationToken);
        return new ScorecardWeekRange(calendar.CurrentWeek().ToString(), first, last, frozen);
    }

    /// <summary>The week that contains now in the configured time zone.</summary>
    public IsoWeek CurrentWeek() => calendar.CurrentWeek();

    /// <summary>Builds the live scorecard of every model (for a freeze snapshot) without a model filter.</summary>
    internal async Task<ScorecardWeek> BuildLiveAsync(IsoWeek week, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await BuildLiveAsync(db, week, null, null, cancellationToken);
    }

    private static async Task<int?> ResolveModelAsync(NuqtaDbContext db, string? model, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            return null;
        }

        var normalized = model.Trim().ToLowerInvariant();
        var id = await db.Models.Where(m => m.NormalizedName == normalized).Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        return id ?? throw new NotFoundException($"Model '{model.Trim()}' was not found; check the name on the models page.");
    }

    /// <summary>Returns the week's committed runs that the frozen snapshot does not contain, oldest import first.</summary>
    private async Task<IReadOnlyList<LateRunView>> ListLateRunsAsync(NuqtaDbContext db, IsoWeek week, HashSet<int> snapshotRunIds, int? modelId, CancellationToken cancellationToken)
    {
        var (start, end) = calendar.Bounds(week);
        var runs = await db.EvaluationRuns.AsNoTracking()
            .Where(r => r.State == StoreState.Committed && r.EvaluatedAtUtc >= start && r.EvaluatedAtUtc < end)
            .Where(r => modelId == null || r.ModelVersion!.ModelId == modelId)
            .OrderBy(r => r.ImportedAtUtc)
            .Select(r => new
            {
                r.Id,
                Model = r.ModelVersion!.Model!.Name,
                Version = r.ModelVersion.Label,
                Dataset = r.DatasetVersion!.Dataset!.Name,
                DatasetVersion = r.DatasetVersion.Label,
                r.Kind,
                r.EvaluatedAtUtc,
                r.ImportedAtUtc,
            })
            .ToListAsync(cancellationToken);
        return runs.Where(r => !snapshotRunIds.Contains(r.Id)).Select(r => new LateRunView(r.Id, r.Model, r.Version, r.Dataset, r.DatasetVersion, RunKinds.ToName(r.Kind), r.EvaluatedAtUtc, r.ImportedAtUtc)).ToList();
    }

    private static List<MeetingChange> BiggestChanges(ScorecardModel model, IReadOnlyDictionary<string, ScorecardMetricColumn> columns)
    {
        var changes = model.Rows
            .SelectMany(r => r.Cells.Select(c => new MeetingChange(r.Dataset, r.DatasetVersion, r.Kind, c)))
            .Where(c => c.Cell.Change.Direction is ChangeDirection.Better or ChangeDirection.Worse && c.Cell.Change.Delta is not null);

        // Changes are ranked relative to the figure's range, so that 0.05 on a 0-1 score and 200 ms of latency compare.
        return changes
            .OrderBy(c => c.Cell.Change.Direction == ChangeDirection.Worse ? 0 : 1)
            .ThenByDescending(c => Math.Abs(c.Cell.Change.Delta!.Value) / RangeOf(c.Cell, columns.GetValueOrDefault(c.Cell.MetricKey)))
            .Take(5)
            .ToList();
    }

    private static double RangeOf(ScorecardCell cell, ScorecardMetricColumn? column)
    {
        if (cell.Aggregate == ScorecardAggregates.GoodRate)
        {
            return 1.0;
        }

        if (column is { ScaleMin: { } min, ScaleMax: { } max } && max > min)
        {
            return max - min;
        }

        // An open scale (milliseconds) is ranked relative to the previous figure.
        var previous = Math.Abs(cell.Change.PreviousValue ?? 0);
        return previous > 0 ? previous : 1.0;
    }

    internal static IReadOnlyList<int> ParseIds(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(id => int.Parse(id, CultureInfo.InvariantCulture)).ToList();

    internal static string DirectionName(MetricDirection direction) => direction switch
    {
        MetricDirection.HigherIsBetter => "higher",
        MetricDirection.LowerIsBetter => "lower",
        _ => "unknown",
    };
}
