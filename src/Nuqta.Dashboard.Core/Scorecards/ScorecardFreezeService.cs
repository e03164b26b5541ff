using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>
/// Freezes a reviewed week: stores the scorecard of every model as canonical JSON (RFC 8785) with
/// its SHA-256 and an audit event in one transaction. Unfreezing needs a reason and is audited.
/// Product owners and admins only.
/// </summary>
public sealed class ScorecardFreezeService(AuditedWriter writer, ScorecardQueries queries, TimeProvider time, ILogger<ScorecardFreezeService> logger)
{
    /// <summary>Longest accepted unfreeze reason, in characters.</summary>
    public const int MaxReasonLength = 1000;

    /// <summary>Freezes the week's current scorecard (all models).</summary>
    /// <exception cref="AccessDeniedException">The actor lacks <see cref="Permission.FreezeWeeks"/>.</exception>
    /// <exception cref="ConflictException">The week is already frozen.</exception>
    public async Task<ScorecardFreezeView> FreezeAsync(Actor actor, IsoWeek week, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.FreezeWeeks);
        var weekKey = week.ToString();
        var view = await writer.RunAsync(
            actor,
            async db =>
            {
                if (await db.ScorecardFreezes.AnyAsync(f => f.Week == weekKey && f.UnfrozenAtUtc == null, cancellationToken))
                {
                    throw new ConflictException($"The week {weekKey} is already frozen; unfreeze it first to freeze it again.");
                }

                // Built inside the write transaction, so no import can commit between the snapshot and the freeze.
                var scorecard = await queries.BuildLiveAsync(week, cancellationToken);
                var json = CanonicalJson.SerializeObject(scorecard);
                var sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
                var freeze = new ScorecardFreeze
                {
                    Week = weekKey,
                    FrozenAtUtc = time.GetUtcNow().UtcDateTime,
                    FrozenBy = actor.Name,
                    SnapshotJson = json,
                    SnapshotSha256 = sha256,
                };
                db.ScorecardFreezes.Add(freeze);
                var after = new { week = weekKey, snapshotSha256 = sha256, models = scorecard.Models.Count, runs = SnapshotRunIds(scorecard).Count };
                return new Audited<ScorecardFreezeView>(
                    new ScorecardFreezeView(weekKey, freeze.FrozenAtUtc, freeze.FrozenBy, sha256),
                    new AuditEntry("scorecard.week.frozen", "scorecard-week", weekKey, After: after));
            },
            cancellationToken);
        logger.LogInformation("Week {Week} was frozen by {Actor} with snapshot {Sha256}", weekKey, actor.Name, view.SnapshotSha256);
        return view;
    }

    /// <summary>Unfreezes the week, so that it shows live figures again.</summary>
    /// <exception cref="AccessDeniedException">The actor lacks <see cref="Permission.FreezeWeeks"/>.</exception>
    /// <exception cref="InputValidationException">The reason is empty or too long.</exception>
    /// <exception cref="NotFoundException">The week is not frozen.</exception>
    public async Task UnfreezeAsync(Actor actor, IsoWeek week, string reason, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.FreezeWeeks);
        var trimmed = reason?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            throw new InputValidationException("A reason is required to unfreeze a week; say why the reviewed figures must change.", "reason");
        }

        if (trimmed.Length > MaxReasonLength)
        {
            throw new InputValidationException($"The reason has {trimmed.Length} characters; shorten it to at most {MaxReasonLength}.", "reason");
        }

        var weekKey = week.ToString();
        await writer.RunAsync(
            actor,
            async db =>
            {
                var freeze = await db.ScorecardFreezes.FirstOrDefaultAsync(f => f.Week == weekKey && f.UnfrozenAtUtc == null, cancellationToken)
                    ?? throw new NotFoundException($"The week {weekKey} is not frozen, so there is nothing to unfreeze.");
                freeze.UnfrozenAtUtc = time.GetUtcNow().UtcDateTime;
                freeze.UnfrozenBy = actor.Name;
                freeze.UnfreezeReason = trimmed;
                var before = new { week = weekKey, snapshotSha256 = freeze.SnapshotSha256, frozenAtUtc = freeze.FrozenAtUtc, frozenBy = freeze.FrozenBy };
                return new Audited<bool>(true, new AuditEntry("scorecard.week.unfrozen", "scorecard-week", weekKey, Before: before, Reason: trimmed));
            },
            cancellationToken);
        logger.LogInformation("Week {Week} was unfrozen by {Actor}", weekKey, actor.Name);
    }

    /// <summary>Returns every run id behind the scorecard's rows and candidates.</summary>
    internal static HashSet<int> SnapshotRunIds(ScorecardWeek scorecard) =>
        scorecard.Models.SelectMany(m => m.Rows.Concat(m.Candidates)).SelectMany(r => r.RunIds).ToHashSet();
}
