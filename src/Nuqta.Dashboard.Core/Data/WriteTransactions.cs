using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Nuqta.Dashboard.Core.Data;

/// <summary>
/// Opens the write transaction that every state change runs in. On SQLite this is
/// <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default for a non-deferred transaction), so
/// the writer lock is taken before the audit chain head is read and two writers cannot extend
/// the chain from the same head.
/// </summary>
public interface IWriteTransactions
{
    Task<IDbContextTransaction> BeginAsync(NuqtaDbContext db, CancellationToken cancellationToken = default);
}

/// <inheritdoc />
public sealed class SqliteWriteTransactions : IWriteTransactions
{
    public Task<IDbContextTransaction> BeginAsync(NuqtaDbContext db, CancellationToken cancellationToken = default) =>
        db.Database.BeginTransactionAsync(cancellationToken);
}
