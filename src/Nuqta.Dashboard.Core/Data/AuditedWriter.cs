using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;

namespace Nuqta.Dashboard.Core.Data;

/// <summary>The value a write produced and the audit entries that record it.</summary>
public sealed record Audited<T>(T Value, IReadOnlyList<AuditEntry> Entries)
{
    public Audited(T value, AuditEntry entry)
        : this(value, [entry])
    {
    }
}

/// <summary>
/// Runs a state change in its own context and write transaction and appends its audit events in
/// the same transaction, so a change never commits without its record and no record describes a
/// change that did not happen.
/// </summary>
public sealed class AuditedWriter(IDbContextFactory<NuqtaDbContext> contexts, IWriteTransactions transactions, AuditTrail audit)
{
    public async Task<T> RunAsync<T>(Actor actor, Func<NuqtaDbContext, Task<Audited<T>>> change, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await transactions.BeginAsync(db, cancellationToken);

        var outcome = await change(db);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var entry in outcome.Entries)
        {
            await audit.AppendAsync(db, actor, entry, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return outcome.Value;
    }

    /// <summary>Appends audit events alone, for acts that change nothing else (a failed sign-in).</summary>
    public Task RecordAsync(Actor actor, AuditEntry entry, CancellationToken cancellationToken = default) =>
        RunAsync(actor, _ => Task.FromResult(new Audited<bool>(true, entry)), cancellationToken);
}
