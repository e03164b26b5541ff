using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Audit;

/// <summary>What an act changed, as handed to <see cref="AuditTrail.AppendAsync"/>.</summary>
/// <param name="Before">The subject before the act (serialised to canonical JSON), or null.</param>
/// <param name="After">The subject after the act, or null.</param>
public sealed record AuditEntry(
    string Action,
    string SubjectType,
    string SubjectId,
    object? Before = null,
    object? After = null,
    string? Reason = null,
    bool IsSecurityEvent = false);

/// <summary>Result of walking the chain.</summary>
/// <param name="FirstBrokenSequence">Sequence of the first event that fails a check, or null when all pass.</param>
public sealed record ChainVerification(
    bool IsIntact,
    long EventsChecked,
    long? FirstBrokenSequence,
    string? Problem,
    string HeadHash,
    DateTime VerifiedAtUtc);

/// <summary>
/// Appends events to the hash chain and verifies it. Appending must happen inside the write
/// transaction of the change it records (see <see cref="IWriteTransactions"/>), so the event and
/// the change commit or roll back together and the head cannot fork.
/// </summary>
public sealed class AuditTrail(AuditSigner signer, TimeProvider time)
{
    /// <summary>Hash that the first event names as its predecessor.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>Appends one event after the current head and saves it.</summary>
    public async Task<AuditEvent> AppendAsync(NuqtaDbContext db, Actor actor, AuditEntry entry, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Audit events must be appended inside the write transaction of the change they record.");
        }

        var head = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);

        var now = time.GetUtcNow().UtcDateTime;
        var auditEvent = new AuditEvent
        {
            Sequence = (head?.Sequence ?? 0) + 1,
            OccurredAtUtc = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc),
            ActorKind = actor.Kind.ToString(),
            ActorId = actor.Id,
            ActorName = actor.Name,
            ApiKeyId = actor.ApiKeyId,
            Action = entry.Action,
            SubjectType = entry.SubjectType,
            SubjectId = entry.SubjectId,
            BeforeJson = entry.Before is null ? null : CanonicalJson.SerializeObject(entry.Before),
            AfterJson = entry.After is null ? null : CanonicalJson.SerializeObject(entry.After),
            Reason = string.IsNullOrWhiteSpace(entry.Reason) ? null : entry.Reason.Trim(),
            IsSecurityEvent = entry.IsSecurityEvent,
            PreviousHash = head?.Hash ?? GenesisHash,
        };
        auditEvent.Hash = ComputeHash(auditEvent);
        auditEvent.Signature = signer.Sign(auditEvent.Hash);

        db.AuditEvents.Add(auditEvent);
        await db.SaveChangesAsync(cancellationToken);
        return auditEvent;
    }

    /// <summary>Returns the hash of the newest event, or the genesis hash when the trail is empty.</summary>
    public static async Task<string> HeadHashAsync(NuqtaDbContext db, CancellationToken cancellationToken = default) =>
        await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken)
        ?? GenesisHash;

    /// <summary>
    /// Walks the chain from the first event and returns the first broken link: a gap in the
    /// sequence (a deleted event), a previous hash that does not match, a hash that does not match
    /// the event's content, or a signature that the signing key did not make.
    /// </summary>
    public async Task<ChainVerification> VerifyAsync(NuqtaDbContext db, CancellationToken cancellationToken = default)
    {
        const int pageSize = 1000;
        var expectedSequence = 1L;
        var previousHash = GenesisHash;
        long checkedCount = 0;

        while (true)
        {
            var page = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence >= expectedSequence)
                .OrderBy(e => e.Sequence)
                .Take(pageSize)
                .ToListAsync(cancellationToken);

            if (page.Count == 0)
            {
                return new ChainVerification(true, checkedCount, null, null, previousHash, time.GetUtcNow().UtcDateTime);
            }

            foreach (var e in page)
            {
                var problem = Check(e, expectedSequence, previousHash);
                if (problem is not null)
                {
                    var broken = e.Sequence == expectedSequence ? e.Sequence : expectedSequence;
                    return new ChainVerification(false, checkedCount, broken, problem, previousHash, time.GetUtcNow().UtcDateTime);
                }

                checkedCount++;
                expectedSequence = e.Sequence + 1;
                previousHash = e.Hash;
            }
        }
    }

    private string? Check(AuditEvent e, long expectedSequence, string previousHash)
    {
        if (e.Sequence != expectedSequence)
        {
            return $"event {expectedSequence} is missing: the chain jumps from {expectedSequence - 1} to {e.Sequence}";
        }

        if (e.PreviousHash != previousHash)
        {
            return $"event {e.Sequence} names {Short(e.PreviousHash)} as its predecessor, but event {e.Sequence - 1} has hash {Short(previousHash)}";
        }

        if (ComputeHash(e) != e.Hash)
        {
            return $"event {e.Sequence} ({e.Action}) was changed after it was written: its content no longer matches its hash";
        }

        if (!signer.Verify(e.Hash, e.Signature))
        {
            return $"event {e.Sequence} ({e.Action}) has a signature that the audit signing key did not make: the chain was rewritten";
        }

        return null;
    }

    /// <summary>Computes the SHA-256 of the event's canonical JSON (RFC 8785), as lowercase hex.</summary>
    public static string ComputeHash(AuditEvent e)
    {
        var payload = new JsonObject
        {
            ["sequence"] = e.Sequence,
            ["occurredAt"] = e.OccurredAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            ["actorKind"] = e.ActorKind,
            ["actorId"] = e.ActorId,
            ["actorName"] = e.ActorName,
            ["apiKeyId"] = e.ApiKeyId,
            ["action"] = e.Action,
            ["subjectType"] = e.SubjectType,
            ["subjectId"] = e.SubjectId,
            ["before"] = e.BeforeJson is null ? null : JsonNode.Parse(e.BeforeJson),
            ["after"] = e.AfterJson is null ? null : JsonNode.Parse(e.AfterJson),
            ["reason"] = e.Reason,
            ["securityEvent"] = e.IsSecurityEvent,
            ["previousHash"] = e.PreviousHash,
        };
        var text = CanonicalJson.Serialize(payload);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Short(string hash) => hash.Length > 12 ? hash[..12] + "…" : hash;
}
