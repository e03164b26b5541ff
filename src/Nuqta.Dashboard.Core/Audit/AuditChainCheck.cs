using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Audit;

/// <summary>The stored result of one walk over the audit chain, so the last result stays visible.</summary>
public sealed class AuditChainCheck
{
    public long Id { get; set; }

    public DateTime VerifiedAtUtc { get; set; }

    public string VerifiedBy { get; set; } = "";

    public bool IsIntact { get; set; }

    public long EventsChecked { get; set; }

    public long? FirstBrokenSequence { get; set; }

    public string? Problem { get; set; }

    /// <summary>Hash of the last event that passed every check.</summary>
    public string HeadHash { get; set; } = "";
}

/// <summary>
/// Verifies the chain on request and keeps each result. The result is also appended to the trail
/// as <c>audit.chain.verified</c>, so the record of who verified what is itself chained.
/// </summary>
public sealed class ChainVerificationLog(IDbContextFactory<NuqtaDbContext> contexts, AuditTrail trail, AuditedWriter writer)
{
    /// <summary>Walks the whole chain, stores the result and returns it.</summary>
    public async Task<AuditChainCheck> VerifyAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Read);

        // The walk runs outside the write transaction, so a long chain does not hold the writer lock.
        ChainVerification result;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            result = await trail.VerifyAsync(db, cancellationToken);
        }

        return await writer.RunAsync(actor, async db =>
        {
            var check = new AuditChainCheck
            {
                VerifiedAtUtc = result.VerifiedAtUtc,
                VerifiedBy = actor.Name,
                IsIntact = result.IsIntact,
                EventsChecked = result.EventsChecked,
                FirstBrokenSequence = result.FirstBrokenSequence,
                Problem = result.Problem,
                HeadHash = result.HeadHash,
            };
            db.AuditChainChecks.Add(check);
            await db.SaveChangesAsync(cancellationToken);

            var after = new { intact = check.IsIntact, eventsChecked = check.EventsChecked, firstBrokenSequence = check.FirstBrokenSequence, headHash = check.HeadHash };
            return new Audited<AuditChainCheck>(check, new AuditEntry("audit.chain.verified", "audit-chain", "chain", After: after, Reason: check.Problem));
        }, cancellationToken);
    }

    /// <summary>Returns the most recent stored result, or null when the chain was never verified.</summary>
    public async Task<AuditChainCheck?> LastAsync(Actor reader, CancellationToken cancellationToken = default)
    {
        reader.Demand(Permission.Read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.AuditChainChecks.AsNoTracking().OrderByDescending(c => c.Id).FirstOrDefaultAsync(cancellationToken);
    }
}
