using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Scorecards;

public sealed partial class ScorecardQueries
{
    /// <summary>Longest trend range in weeks (about five years).</summary>
    public const int MaxTrendWeeks = 260;

    /// <summary>Returns one model's weekly figure of one metric from <paramref name="fromWeek"/> to <paramref name="toWeek"/>, inclusive.</summary>
    /// <exception cref="NotFoundException">The model or the metric does not exist.</exception>
    /// <exception cref="InputValidationException">The range is reversed or longer than <see cref="MaxTrendWeeks"/> weeks.</exception>
    public async Task<TrendSeries> GetTrendAsync(string model, string metric, IsoWeek fromWeek, IsoWeek toWeek, CancellationToken cancellationToken = default)
    {
        if (fromWeek > toWeek)
        {
            throw new InputValidationException($"The range starts at {fromWeek}, after its end {toWeek}; choose a start week before the end week.", "from", fromWeek.ToString());
        }

        var weekCount = toWeek.WeeksSince(fromWeek) + 1;
        if (weekCount > MaxTrendWeeks)
        {
            throw new InputValidationException($"The range {fromWeek} to {toWeek} spans {weekCount} weeks; choose at most {MaxTrendWeeks}.", "from", fromWeek.ToString());
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var modelId = await ResolveModelAsync(db, model, cancellationToken) ?? throw new NotFoundException("Choose a model to show its trend.");
        var modelName = await db.Models.Where(m => m.Id == modelId).Select(m => m.Name).FirstAsync(cancellationToken);
        var metricKey = metric?.Trim() ?? "";
        var catalogued = await db.Metrics.AsNoTracking().FirstOrDefaultAsync(m => m.Key == metricKey, cancellationToken)
            ?? throw new NotFoundException($"Metric '{metricKey}' was not found; check the key on the metrics page.");

        var weeks = Enumerable.Range(0, weekCount).Select(offset => fromWeek.AddWeeks(offset).ToString()).ToList();
        var figures = await db.WeeklyFigures.AsNoTracking()
            .Where(f => f.ModelId == modelId && f.MetricId == catalogued.Id && f.Dimension == null && f.Role == FigureRole.Production && weeks.Contains(f.Week))
            .OrderBy(f => f.Week)
            .ToListAsync(cancellationToken);
        var datasetVersionIds = figures.Select(f => f.DatasetVersionId).Distinct().ToList();
        var datasetVersions = (await db.DatasetVersions.AsNoTracking()
                .Where(v => datasetVersionIds.Contains(v.Id))
                .Select(v => new { v.Id, Dataset = v.Dataset!.Name, v.Label, v.Dataset.Purpose })
                .ToListAsync(cancellationToken))
            .ToDictionary(v => v.Id);

        var slos = (await db.SloDefinitions.AsNoTracking().Where(s => s.IsEnabled && s.MetricId == catalogued.Id && s.Dimension == null).ToListAsync(cancellationToken))
            .Where(s => SloRules.AppliesTo(s, modelId))
            .ToList();
        var sloIds = slos.Select(s => s.Id).ToList();
        var statuses = await db.SloWeekStatuses.AsNoTracking()
            .Where(s => s.ModelId == modelId && sloIds.Contains(s.SloId) && s.SegmentValue == "" && weeks.Contains(s.Week))
            .ToListAsync(cancellationToken);

        var lines = figures
            .GroupBy(f => (f.DatasetId, f.Kind))
            .Select(g =>
            {
                var dataset = datasetVersions[g.First().DatasetVersionId].Dataset;
                var points = g.Select(f =>
                    {
                        var version = datasetVersions[f.DatasetVersionId];
                        var judging = slos.Where(s => SloRules.InScope(s, f.Kind, version.Dataset, version.Purpose)).ToList();
                        var status = judging.Count == 0
                            ? SloStatus.NoSlo
                            : judging.Select(s => statuses.FirstOrDefault(x => x.SloId == s.Id && x.DatasetId == f.DatasetId && x.Week == f.Week)?.Status ?? SloStatus.InsufficientData).MinBy(StatusRank);
                        return new TrendPoint(f.Week, version.Label, f.VersionLabels.Split(", ", StringSplitOptions.RemoveEmptyEntries), f.Value, f.ValueLower, f.ValueUpper, f.Count, status, ParseIds(f.RunIds));
                    })
                    .ToList();
                return new TrendLine(dataset, RunKinds.ToName(g.Key.Kind), points);
            })
            .OrderBy(l => l.Dataset, StringComparer.OrdinalIgnoreCase)
            .ThenBy(l => l.Kind, StringComparer.Ordinal)
            .ToList();

        var targets = slos.OrderBy(s => s.Name).Select(s => new TrendTarget(s.Id, s.Name, SloRules.Symbol(s.Comparator), s.Target)).ToList();
        var changes = await ProductionChangesAsync(db, modelId, fromWeek, toWeek, cancellationToken);
        return new TrendSeries(modelName, ToColumn(catalogued), fromWeek.ToString(), toWeek.ToString(), weeks, lines, targets, changes);
    }

    private async Task<IReadOnlyList<ProductionChange>> ProductionChangesAsync(NuqtaDbContext db, int modelId, IsoWeek fromWeek, IsoWeek toWeek, CancellationToken cancellationToken)
    {
        var start = calendar.Bounds(fromWeek).StartUtc;
        var end = calendar.Bounds(toWeek).EndUtc;
        var moves = await db.AliasMoves.AsNoTracking()
            .Where(m => m.Alias!.ModelId == modelId && m.Alias.Name == WeeklyFigureMaintenance.ProductionAlias && m.MovedAtUtc >= start && m.MovedAtUtc < end)
            .OrderBy(m => m.MovedAtUtc).ThenBy(m => m.Id)
            .Select(m => new
            {
                m.MovedAtUtc,
                From = m.FromVersion == null ? null : m.FromVersion.Label,
                To = m.ToVersion == null ? null : m.ToVersion.Label,
                m.Kind,
                m.Reason,
            })
            .ToListAsync(cancellationToken);
        return moves.Select(m => new ProductionChange(calendar.WeekOf(m.MovedAtUtc).ToString(), m.MovedAtUtc, m.From, m.To, m.Kind.ToString().ToLowerInvariant(), m.Reason)).ToList();
    }
}
