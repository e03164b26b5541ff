using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Audit;

public sealed class AuditTrailTests
{
    [Fact]
    public async Task Verify_IntactChain()
    {
        await using var host = await CoreHost.StartAsync();
        await AppendAsync(host, 3);

        var result = await VerifyAsync(host);

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(3, result.EventsChecked);
        Assert.Null(result.FirstBrokenSequence);
    }

    [Fact]
    public async Task Verify_EmptyTrailIsIntact()
    {
        await using var host = await CoreHost.StartAsync();

        var result = await VerifyAsync(host);

        Assert.True(result.IsIntact);
        Assert.Equal(AuditTrail.GenesisHash, result.HeadHash);
    }

    [Fact]
    public async Task Append_LinksToPreviousHash()
    {
        await using var host = await CoreHost.StartAsync();
        await AppendAsync(host, 2);

        var events = await LoadEventsAsync(host);

        Assert.Equal(AuditTrail.GenesisHash, events[0].PreviousHash);
        Assert.Equal(events[0].Hash, events[1].PreviousHash);
        Assert.Equal(AuditTrail.ComputeHash(events[1]), events[1].Hash);
    }

    [Fact]
    public async Task Append_OutsideTransactionThrows()
    {
        await using var host = await CoreHost.StartAsync();
        await using var db = host.CreateContext();

        var act = () => host.Get<AuditTrail>().AppendAsync(db, Actors.Admin, new AuditEntry("test.event", "test", "1"));

        await Assert.ThrowsAsync<InvalidOperationException>(act);
    }

    [Fact]
    public async Task Verify_DetectsUpdatedRow()
    {
        await using var host = await CoreHost.StartAsync();
        await AppendAsync(host, 3);

        // Someone with access to the file can drop the guard trigger and edit a row.
        host.Execute("DROP TRIGGER AuditEvents_RejectUpdate;");
        host.Execute("UPDATE AuditEvents SET ActorName = 'someone-else' WHERE Sequence = 2;");
        var result = await VerifyAsync(host);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("changed after it was written", result.Problem);
    }

    [Fact]
    public async Task Verify_DetectsChainRewrittenWithoutKey()
    {
        await using var host = await CoreHost.StartAsync();
        await AppendAsync(host, 3);
        var events = await LoadEventsAsync(host);

        // Edit event 2 and recompute every later hash so that the links hold. A writer without the
        // app's signing key can then only sign with another key.
        var forger = new AuditSigner(new byte[32]);
        host.Execute("DROP TRIGGER AuditEvents_RejectUpdate;");
        var previousHash = events[0].Hash;
        foreach (var e in events.Skip(1))
        {
            e.PreviousHash = previousHash;
            if (e.Sequence == 2)
            {
                e.Reason = "rewritten";
            }

            e.Hash = AuditTrail.ComputeHash(e);
            e.Signature = forger.Sign(e.Hash);
            previousHash = e.Hash;
            await RewriteAsync(host, e);
        }

        var result = await VerifyAsync(host);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("signature", result.Problem);
    }

    [Fact]
    public async Task Verify_DetectsDeletedRow()
    {
        await using var host = await CoreHost.StartAsync();
        await AppendAsync(host, 3);

        host.Execute("DROP TRIGGER AuditEvents_RejectDelete;");
        host.Execute("DELETE FROM AuditEvents WHERE Sequence = 2;");
        var result = await VerifyAsync(host);

        Assert.False(result.IsIntact);
        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Contains("event 2 is missing", result.Problem);
    }

    [Fact]
    public async Task Database_RejectsUpdate()
    {
        await using var host = await CoreHost.StartAsync();
        await AppendAsync(host, 1);

        var error = Assert.Throws<SqliteException>(() => host.Execute("UPDATE AuditEvents SET Reason = 'x' WHERE Sequence = 1;"));

        Assert.Contains("audit events are append-only: UPDATE is not allowed", error.Message);
    }

    [Fact]
    public async Task Database_RejectsDelete()
    {
        await using var host = await CoreHost.StartAsync();
        await AppendAsync(host, 1);

        var error = Assert.Throws<SqliteException>(() => host.Execute("DELETE FROM AuditEvents WHERE Sequence = 1;"));

        Assert.Contains("audit events are append-only: DELETE is not allowed", error.Message);
    }

    [Fact]
    public async Task ConcurrentWriters_NeverFork()
    {
        const int writers = 40;
        await using var host = await CoreHost.StartAsync();
        var writer = host.Get<AuditedWriter>();

        var tasks = Enumerable.Range(1, writers)
            .Select(i => Task.Run(() => writer.RecordAsync(Actors.Admin, new AuditEntry("test.concurrent", "test", i.ToString()))))
            .ToList();
        await Task.WhenAll(tasks);
        var events = await LoadEventsAsync(host);
        var result = await VerifyAsync(host);

        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(Enumerable.Range(1, writers).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(writers, events.Select(e => e.PreviousHash).Distinct().Count());
        Assert.Equal(writers, events.Select(e => e.SubjectId).Distinct().Count());
    }

    private static async Task AppendAsync(CoreHost host, int count)
    {
        var writer = host.Get<AuditedWriter>();
        for (var i = 1; i <= count; i++)
        {
            await writer.RecordAsync(Actors.Admin, new AuditEntry("test.event", "test", i.ToString(), After: new { index = i }));
            host.Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private static async Task<ChainVerification> VerifyAsync(CoreHost host)
    {
        await using var db = host.CreateContext();
        return await host.Get<AuditTrail>().VerifyAsync(db);
    }

    private static async Task<List<AuditEvent>> LoadEventsAsync(CoreHost host)
    {
        await using var db = host.CreateContext();
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    private static async Task RewriteAsync(CoreHost host, AuditEvent e)
    {
        await using var connection = host.OpenConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE AuditEvents SET Reason = $reason, PreviousHash = $previous, Hash = $hash, Signature = $signature WHERE Sequence = $sequence;";
        command.Parameters.AddWithValue("$reason", (object?)e.Reason ?? DBNull.Value);
        command.Parameters.AddWithValue("$previous", e.PreviousHash);
        command.Parameters.AddWithValue("$hash", e.Hash);
        command.Parameters.AddWithValue("$signature", e.Signature);
        command.Parameters.AddWithValue("$sequence", e.Sequence);
        await command.ExecuteNonQueryAsync();
    }
}
