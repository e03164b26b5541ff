namespace Nuqta.Dashboard.Core.Audit;

/// <summary>
/// An append-only record of an act. Each event stores the previous event's hash and its own
/// SHA-256 over its canonical JSON (RFC 8785), plus an HMAC of that hash with a key kept outside
/// the database; the database refuses UPDATE and DELETE on the table.
/// </summary>
public sealed class AuditEvent
{
    /// <summary>Position in the chain, starting at 1 with no gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>UTC time, truncated to whole microseconds so that every database stores it exactly.</summary>
    public DateTime OccurredAtUtc { get; set; }

    public string ActorKind { get; set; } = "";

    public string ActorId { get; set; } = "";

    public string ActorName { get; set; } = "";

    public string? ApiKeyId { get; set; }

    /// <summary>Dotted action name, for example <c>model.version.registered</c>.</summary>
    public string Action { get; set; } = "";

    public string SubjectType { get; set; } = "";

    public string SubjectId { get; set; } = "";

    /// <summary>Canonical JSON of the subject before the act, or null when it did not exist.</summary>
    public string? BeforeJson { get; set; }

    /// <summary>Canonical JSON of the subject after the act, or null when it no longer exists.</summary>
    public string? AfterJson { get; set; }

    public string? Reason { get; set; }

    /// <summary>Sign-in failures, lockouts, user and key changes: shown to admins only.</summary>
    public bool IsSecurityEvent { get; set; }

    public string PreviousHash { get; set; } = "";

    public string Hash { get; set; } = "";

    /// <summary>Lowercase hex HMAC-SHA256 of <see cref="Hash"/> with the audit signing key.</summary>
    public string Signature { get; set; } = "";
}
