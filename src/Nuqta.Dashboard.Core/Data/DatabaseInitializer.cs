using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Data;

/// <summary>
/// Prepares the database at start-up: applies migrations, switches SQLite to write-ahead logging,
/// creates the roles, removes rows that a crashed upload left in state pending, and computes the
/// weekly figures of weeks that have runs but no figures.
/// </summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes,
    AuditedWriter writer,
    Evaluation.MetricCatalogue metrics,
    ILogger<DatabaseInitializer> logger,
    Scorecards.WeeklyFigureMaintenance? weeklyFigures = null)
{
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<NuqtaDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers work while one writer writes; the pragma persists in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await db.Database.MigrateAsync(cancellationToken);

        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await metrics.EnsureBuiltInsAsync(cancellationToken);
        await RemoveAbandonedPendingRowsAsync(db, cancellationToken);
        await RemoveAbandonedRunsAsync(db, cancellationToken);
        if (weeklyFigures is not null)
        {
            await weeklyFigures.RecomputeMissingAsync(cancellationToken);
        }
    }

    private async Task RemoveAbandonedRunsAsync(NuqtaDbContext db, CancellationToken cancellationToken)
    {
        var pending = await db.EvaluationRuns.Where(r => r.State == StoreState.Pending)
            .Select(r => new { r.Id, r.ImportId, r.FileName })
            .ToListAsync(cancellationToken);
        foreach (var run in pending)
        {
            await db.RunAggregates.Where(a => a.RunId == run.Id).ExecuteDeleteAsync(cancellationToken);
            await db.RunMetricValues.Where(v => v.RunId == run.Id).ExecuteDeleteAsync(cancellationToken);
            await db.RunExampleDetails.Where(d => d.RunId == run.Id).ExecuteDeleteAsync(cancellationToken);
            await db.UnmatchedRows.Where(u => u.ImportId == run.ImportId).ExecuteDeleteAsync(cancellationToken);
            await db.EvaluationRuns.Where(r => r.Id == run.Id).ExecuteDeleteAsync(cancellationToken);
            await writer.RecordAsync(
                Actor.System,
                new AuditEntry("evaluation-run.abandoned", "evaluation-run", run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), After: new { file = run.FileName }, Reason: "an import was interrupted before it committed; its pending rows were removed at start-up"),
                cancellationToken);
            logger.LogWarning("Removed pending evaluation run {RunId} from {FileName} left by an interrupted import", run.Id, run.FileName);
        }
    }

    private async Task RemoveAbandonedPendingRowsAsync(NuqtaDbContext db, CancellationToken cancellationToken)
    {
        var pending = await db.DatasetVersions.Where(v => v.State == StoreState.Pending)
            .Select(v => new { v.Id, v.Label, Dataset = v.Dataset!.Name })
            .ToListAsync(cancellationToken);
        foreach (var version in pending)
        {
            await db.DatasetExamples.Where(e => e.DatasetVersionId == version.Id).ExecuteDeleteAsync(cancellationToken);
            await db.DatasetVersions.Where(v => v.Id == version.Id).ExecuteDeleteAsync(cancellationToken);
            await writer.RecordAsync(
                Actor.System,
                new AuditEntry("dataset.version.abandoned", "dataset-version", $"{version.Dataset}/{version.Label}", Reason: "an upload was interrupted before it committed; its pending rows were removed at start-up"),
                cancellationToken);
            logger.LogWarning("Removed pending dataset version {Dataset}/{Version} left by an interrupted upload", version.Dataset, version.Label);
        }
    }
}
