using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Audit;

/// <summary>
/// Writes the filtered audit trail as CSV (RFC 4180, CRLF line ends), newest event first. Every
/// cell goes through <see cref="CsvCell.Escape"/>, so a value such as <c>=HYPERLINK(...)</c> in a
/// reason opens in a spreadsheet as text, not as a formula.
/// </summary>
public sealed class AuditCsvExport(IDbContextFactory<NuqtaDbContext> contexts)
{
    public static readonly IReadOnlyList<string> Columns =
    [
        "sequence", "occurred_at_utc", "actor_kind", "actor", "api_key_id", "action", "subject_type", "subject_id",
        "reason", "before", "after", "security_event", "previous_hash", "hash",
    ];

    private const int PageSize = 1000;

    /// <summary>Writes the header and every matching event; returns the number of events written.</summary>
    public async Task<int> WriteAsync(Actor reader, AuditFilter filter, TextWriter output, CancellationToken cancellationToken = default)
    {
        reader.Demand(Permission.Read);
        await output.WriteAsync(string.Join(',', Columns) + "\r\n");

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var events = AuditQuery.Filter(db.AuditEvents.AsNoTracking(), reader, filter);
        return await WriteRowsAsync(events, output, cancellationToken);
    }

    /// <summary>Writes the header and the events, newest first; returns the number of events written.</summary>
    internal static async Task<int> WriteAsync(IQueryable<AuditEvent> events, TextWriter output, CancellationToken cancellationToken)
    {
        await output.WriteAsync(string.Join(',', Columns) + "\r\n");
        return await WriteRowsAsync(events, output, cancellationToken);
    }

    private static async Task<int> WriteRowsAsync(IQueryable<AuditEvent> events, TextWriter output, CancellationToken cancellationToken)
    {
        var written = 0;
        long? below = null;
        while (true)
        {
            // Keyset paging on the sequence keeps each query short however long the trail is.
            var page = events;
            if (below is { } last)
            {
                page = page.Where(e => e.Sequence < last);
            }

            var rows = await page.OrderByDescending(e => e.Sequence).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var e in rows)
            {
                await output.WriteAsync(FormatRow(e) + "\r\n");
            }

            written += rows.Count;
            if (rows.Count < PageSize)
            {
                return written;
            }

            below = rows[^1].Sequence;
        }
    }

    /// <summary>Formats one event as a CSV line without the line end.</summary>
    public static string FormatRow(AuditEvent e)
    {
        string?[] cells =
        [
            e.Sequence.ToString(CultureInfo.InvariantCulture),
            e.OccurredAtUtc.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            e.ActorKind,
            e.ActorName,
            e.ApiKeyId,
            e.Action,
            e.SubjectType,
            e.SubjectId,
            e.Reason,
            e.BeforeJson,
            e.AfterJson,
            e.IsSecurityEvent ? "true" : "false",
            e.PreviousHash,
            e.Hash,
        ];
        return string.Join(',', cells.Select(CsvCell.Escape));
    }
}
