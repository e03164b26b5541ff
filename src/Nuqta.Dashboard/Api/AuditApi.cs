using System.Globalization;
using System.Security.Claims;
using System.Text;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Api;

/// <summary>Routes of the audit trail under <c>/api/v1</c>.</summary>
public static class AuditApi
{
    public static RouteGroupBuilder MapAuditApi(this RouteGroupBuilder api)
    {
        var audit = api.MapGroup("/audit").WithTags("Audit");
        audit.MapGet("/export.csv", ExportCsv)
            .WithSummary("Download the audit trail as CSV, newest first (filters: actor, action, subject, from and to as yyyy-MM-dd UTC, to inclusive)");
        audit.MapGet("/history.csv", ExportHistoryCsv)
            .WithSummary("Download everything that happened to one model, model version or alias as CSV (type: model, model-version or alias; id: the model name, or model/version or model/alias)");
        return api;
    }

    private static async Task<IResult> ExportCsv(
        HttpContext http, ClaimsPrincipal user, ActorAccessor actors, AuditCsvExport export,
        string? actor, string? action, string? subject, string? from, string? to, CancellationToken ct)
    {
        var reader = await actors.FromPrincipalAsync(user, ct);
        var errors = new List<Core.Common.InputError>();
        var fromDate = ParseDate(from, "from", errors);
        var toDate = ParseDate(to, "to", errors);
        if (errors.Count > 0)
        {
            throw new Core.Common.InputValidationException(errors);
        }

        var filter = new AuditFilter(actor, action, null, subject, fromDate, toDate?.AddDays(1));
        reader.Demand(Core.Access.Permission.Read);

        await using var writer = StartCsv(http, "audit-trail");
        await export.WriteAsync(reader, filter, writer, ct);
        await writer.FlushAsync(ct);
        return Results.Empty;
    }

    private static async Task<IResult> ExportHistoryCsv(
        HttpContext http, ClaimsPrincipal user, ActorAccessor actors, AuditSubjectHistory history, string? type, string? id, CancellationToken ct)
    {
        var reader = await actors.FromPrincipalAsync(user, ct);
        if (string.IsNullOrWhiteSpace(type) || string.IsNullOrWhiteSpace(id))
        {
            throw new Core.Common.InputValidationException("type and id are required, for example type=model&id=support-rag", string.IsNullOrWhiteSpace(type) ? "type" : "id");
        }

        // Reading one event first rejects an unknown subject before the response turns into a file download.
        var subject = (await history.ReadAsync(reader, type, id, 1, 1, cancellationToken: ct)).Subject;

        await using var writer = StartCsv(http, $"audit-{subject.Type}-{subject.Id.Replace('/', '-')}");
        await history.WriteCsvAsync(reader, type, id, writer, ct);
        await writer.FlushAsync(ct);
        return Results.Empty;
    }

    private static StreamWriter StartCsv(HttpContext http, string baseName)
    {
        var fileName = $"{baseName}-{DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}.csv";
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        // The UTF-8 byte order mark makes spreadsheet programs read non-ASCII names correctly.
        return new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 64 * 1024, leaveOpen: true);
    }

    private static DateTime? ParseDate(string? value, string field, List<Core.Common.InputError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTime.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
        {
            return date;
        }

        errors.Add(new Core.Common.InputError($"{field} is not a date; write it as yyyy-MM-dd, for example 2026-12-04", field, Value: value));
        return null;
    }
}
