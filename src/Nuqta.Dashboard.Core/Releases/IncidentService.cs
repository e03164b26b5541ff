using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>
/// Opens quality incidents, changes their status and adds notes to their timeline. SREs and
/// admins manage incidents, and every change is audited in its own write transaction.
/// </summary>
public sealed class IncidentService(IDbContextFactory<NuqtaDbContext> contexts, AuditedWriter writer, TimeProvider time)
{
    /// <summary>Maximum length of a note.</summary>
    public const int MaxNoteLength = 4000;

    internal static readonly Expression<Func<QualityIncident, IncidentSummary>> ToSummary = i => new IncidentSummary(
        i.Id, i.Model!.Name, i.Title, i.Severity, i.Status, i.AffectedSegments, i.OpenedAtUtc, i.OpenedBy, i.UpdatedAtUtc);

    /// <summary>Lists incidents, most recently changed first.</summary>
    public async Task<Paged<IncidentSummary>> ListAsync(IncidentListQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var incidents = query.OpenOnly ? QueryOpen(db) : db.QualityIncidents.AsNoTracking();
        if (query.Status is { } status)
        {
            incidents = incidents.Where(i => i.Status == status);
        }

        if (!string.IsNullOrWhiteSpace(query.Model))
        {
            var normalized = Names.Normalize(query.Model);
            incidents = incidents.Where(i => i.Model!.NormalizedName == normalized);
        }

        var page = Math.Max(1, query.Page);
        var pageSize = Math.Clamp(query.PageSize, 1, 200);
        var total = await incidents.CountAsync(cancellationToken);
        var items = await incidents
            .OrderByDescending(i => i.UpdatedAtUtc).ThenByDescending(i => i.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(ToSummary)
            .ToListAsync(cancellationToken);
        return new Paged<IncidentSummary>(items, total, page, pageSize);
    }

    /// <summary>Returns the incident with its timeline (oldest first) and its rollbacks.</summary>
    /// <exception cref="NotFoundException">No incident has this id.</exception>
    public async Task<IncidentDetail> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var summary = await db.QualityIncidents.AsNoTracking().Where(i => i.Id == id).Select(ToSummary).FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"No incident has id {id}.");
        var notes = await db.IncidentNotes.AsNoTracking()
            .Where(n => n.IncidentId == id)
            .OrderBy(n => n.CreatedAtUtc).ThenBy(n => n.Id)
            .Select(n => new IncidentNoteView(n.Id, n.Kind, n.CreatedAtUtc, n.ActorName, n.Text))
            .ToListAsync(cancellationToken);
        var rollbacks = await db.Rollbacks.AsNoTracking()
            .Where(r => r.IncidentId == id)
            .OrderByDescending(r => r.ExecutedAtUtc)
            .Select(RollbackService.ToView)
            .ToListAsync(cancellationToken);
        return new IncidentDetail(summary, notes, rollbacks);
    }

    /// <summary>Opens an incident without a rollback, for a breach that needs no alias move yet.</summary>
    public async Task<IncidentSummary> OpenAsync(Actor actor, OpenIncidentRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageIncidents);
        var errors = new InputErrorCollector();
        if (string.IsNullOrWhiteSpace(request.Model))
        {
            errors.Add(new InputError("model is required: choose the model the breach concerns", "model"));
        }

        if (string.IsNullOrWhiteSpace(request.Title))
        {
            errors.Add(new InputError("title is required: name the breach in a few words", "title"));
        }

        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.Title, "title", 200));
        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.AffectedSegments, "affectedSegments", RollbackService.MaxTextLength));
        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.Note, "note", MaxNoteLength));
        if (!Enum.IsDefined(request.Severity))
        {
            errors.Add(new InputError($"severity {(int)request.Severity} is not valid; use minor, major or critical", "severity"));
        }

        errors.ThrowIfAny();

        var id = await writer.RunAsync(actor, async db =>
        {
            var model = await ModelRegistry.FindModelAsync(db, request.Model, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var incident = new QualityIncident
            {
                ModelId = model.Id,
                Title = request.Title.Trim(),
                Severity = request.Severity,
                AffectedSegments = request.AffectedSegments?.Trim() ?? "",
                Status = IncidentStatus.Open,
                OpenedAtUtc = now,
                OpenedBy = actor.Name,
                UpdatedAtUtc = now,
            };
            var opening = string.IsNullOrWhiteSpace(request.Note) ? "Opened." : request.Note.Trim();
            incident.Notes.Add(new IncidentNote { Kind = IncidentNoteKind.Opened, CreatedAtUtc = now, ActorName = actor.Name, Text = opening });
            db.QualityIncidents.Add(incident);
            await db.SaveChangesAsync(cancellationToken);
            await EventOutbox.EnqueueAsync(db, EventTypes.IncidentOpened, EventPayload(incident, model.Name), now, cancellationToken: cancellationToken);
            var entry = new AuditEntry("incident.opened", "incident", Subject(incident.Id), After: Snapshot(incident, model.Name), Reason: request.Note);
            return new Audited<int>(incident.Id, entry);
        }, cancellationToken);

        return (await GetAsync(id, cancellationToken)).Incident;
    }

    /// <summary>Changes an incident's status, with a note saying why.</summary>
    public async Task<IncidentSummary> ChangeStatusAsync(Actor actor, int id, IncidentStatus status, string note, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageIncidents);
        if (!Enum.IsDefined(status))
        {
            throw new InputValidationException($"status {(int)status} is not valid; use open, mitigated or resolved", "status");
        }

        CheckNote(note);
        await writer.RunAsync(actor, async db =>
        {
            var incident = await FindAsync(db, id, cancellationToken);
            if (incident.Status == status)
            {
                throw new InputValidationException($"incident {id} is already {Describe(status)}", "status", status.ToString());
            }

            var before = new { status = Describe(incident.Status) };
            var now = time.GetUtcNow().UtcDateTime;
            var text = $"Status {Describe(incident.Status)} → {Describe(status)}: {note.Trim()}";
            incident.Status = status;
            incident.UpdatedAtUtc = now;
            db.IncidentNotes.Add(new IncidentNote { IncidentId = id, Kind = IncidentNoteKind.StatusChange, CreatedAtUtc = now, ActorName = actor.Name, Text = text });
            return new Audited<int>(id, new AuditEntry("incident.status-changed", "incident", Subject(id), before, new { status = Describe(status) }, note));
        }, cancellationToken);

        return (await GetAsync(id, cancellationToken)).Incident;
    }

    /// <summary>Adds a note to an incident's timeline.</summary>
    public async Task<IncidentNoteView> AddNoteAsync(Actor actor, int id, string note, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageIncidents);
        CheckNote(note);
        return await writer.RunAsync(actor, async db =>
        {
            var incident = await FindAsync(db, id, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var entity = new IncidentNote { IncidentId = id, Kind = IncidentNoteKind.Note, CreatedAtUtc = now, ActorName = actor.Name, Text = note.Trim() };
            incident.UpdatedAtUtc = now;
            db.IncidentNotes.Add(entity);
            await db.SaveChangesAsync(cancellationToken);
            var view = new IncidentNoteView(entity.Id, entity.Kind, entity.CreatedAtUtc, entity.ActorName, entity.Text);
            return new Audited<IncidentNoteView>(view, new AuditEntry("incident.note-added", "incident", Subject(id), After: new { note = entity.Text }));
        }, cancellationToken);
    }

    /// <summary>Returns the lower-case name of a status, as the UI and the audit trail show it.</summary>
    public static string Describe(IncidentStatus status) => status.ToString().ToLowerInvariant();

    internal static IQueryable<QualityIncident> QueryOpen(NuqtaDbContext db) =>
        db.QualityIncidents.AsNoTracking().Where(i => i.Status != IncidentStatus.Resolved);

    internal static object Snapshot(QualityIncident incident, string model) => new
    {
        model,
        title = incident.Title,
        severity = incident.Severity.ToString().ToLowerInvariant(),
        affectedSegments = incident.AffectedSegments,
        status = Describe(incident.Status),
    };

    internal static object EventPayload(QualityIncident incident, string model) => new
    {
        incidentId = incident.Id,
        model,
        title = incident.Title,
        severity = incident.Severity.ToString().ToLowerInvariant(),
        affectedSegments = incident.AffectedSegments,
        openedBy = incident.OpenedBy,
        openedAt = incident.OpenedAtUtc,
    };

    private static string Subject(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static void CheckNote(string? note)
    {
        if (string.IsNullOrWhiteSpace(note))
        {
            throw new InputValidationException("note is required: say what happened or why the status changes", "note");
        }

        if (ModelRegistry.CheckText(note, "note", MaxNoteLength) is { } error)
        {
            throw new InputValidationException([error]);
        }
    }

    private static async Task<QualityIncident> FindAsync(NuqtaDbContext db, int id, CancellationToken cancellationToken) =>
        await db.QualityIncidents.FirstOrDefaultAsync(i => i.Id == id, cancellationToken)
            ?? throw new NotFoundException($"No incident has id {id}.");
}
