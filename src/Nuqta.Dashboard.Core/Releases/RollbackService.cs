using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>
/// Rolls an alias back to an earlier version. The alias move, the rollback record, the incident
/// it opens or links, the audit events and the outbox events commit in one write transaction.
/// </summary>
public sealed class RollbackService(IDbContextFactory<NuqtaDbContext> contexts, AuditedWriter writer, TimeProvider time)
{
    /// <summary>Maximum length of a reason, an incident title or a segment list.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>Returns what a rollback of the alias would do now: the current holder, the targets and the default.</summary>
    /// <exception cref="NotFoundException">The model or the alias does not exist.</exception>
    public async Task<RollbackPlan> GetPlanAsync(string modelName, string aliasName, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await ModelRegistry.FindModelAsync(db, modelName, cancellationToken);
        var alias = await FindAliasAsync(db, model, aliasName, cancellationToken, track: false);
        var targets = alias.ModelVersionId is { } current
            ? await ListTargetsAsync(db, model, alias, current, cancellationToken)
            : [];
        var incidents = await IncidentService.QueryOpen(db)
            .Where(i => i.ModelId == model.Id)
            .Select(IncidentService.ToSummary)
            .ToListAsync(cancellationToken);
        return new RollbackPlan(model.Name, alias.Name, alias.ModelVersion?.Label, alias.ModelVersionId, alias.Revision, targets, RollbackTargets.Default(targets), incidents);
    }

    /// <summary>
    /// Returns the newest saved comparison between two versions of the model, in either
    /// direction, or null when none was saved.
    /// </summary>
    public async Task<RollbackComparison?> FindComparisonAsync(int firstVersionId, int secondVersionId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var saved = await db.SavedComparisons.AsNoTracking()
            .Where(c => (c.CandidateModelVersionId == firstVersionId && c.BaselineModelVersionId == secondVersionId)
                || (c.CandidateModelVersionId == secondVersionId && c.BaselineModelVersionId == firstVersionId))
            .OrderByDescending(c => c.CreatedAtUtc).ThenByDescending(c => c.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (saved is null)
        {
            return null;
        }

        var labels = await db.ModelVersions.AsNoTracking()
            .Where(v => v.Id == saved.CandidateModelVersionId || v.Id == saved.BaselineModelVersionId)
            .ToDictionaryAsync(v => v.Id, v => v.Label, cancellationToken);
        var dataset = await db.DatasetVersions.AsNoTracking()
            .Where(d => d.Id == saved.DatasetVersionId)
            .Select(d => d.Dataset!.Name + " / " + d.Label)
            .FirstAsync(cancellationToken);
        var reasons = JsonSerializer.Deserialize<List<string>>(saved.GateReasonsJson) ?? [];
        return new RollbackComparison(
            saved.Id, labels[saved.CandidateModelVersionId], labels[saved.BaselineModelVersionId], dataset, saved.GateVerdict, reasons, saved.CreatedAtUtc);
    }

    /// <summary>Rolls the alias back, opening or linking a quality incident.</summary>
    /// <exception cref="InputValidationException">A field is missing or wrong, or the target is not allowed.</exception>
    /// <exception cref="ConflictException">The alias moved since the caller loaded it.</exception>
    /// <exception cref="NotFoundException">The model, alias, version or incident does not exist.</exception>
    /// <exception cref="AccessDeniedException">The actor may not roll back.</exception>
    public async Task<RollbackOutcome> RollBackAsync(Actor actor, string modelName, string aliasName, RollbackRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Rollback);
        CheckRequest(actor, request);

        return await writer.RunAsync(actor, async db =>
        {
            var model = await ModelRegistry.FindModelAsync(db, modelName, cancellationToken);
            CheckConfirmation(actor, model, request);
            var alias = await FindAliasAsync(db, model, aliasName, cancellationToken, track: true);
            var from = alias.ModelVersion
                ?? throw new InputValidationException($"the alias '{alias.Name}' of '{model.Name}' points to no version, so there is nothing to roll back", "alias", alias.Name);
            CheckExpectedState(model, alias, from, request);

            var targets = await ListTargetsAsync(db, model, alias, from.Id, cancellationToken);
            var target = await ChooseTargetAsync(db, model, alias, from, targets, request.ToVersion, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var reason = request.Reason.Trim();

            var incident = await OpenOrLinkIncidentAsync(db, actor, model, alias, from, target, request, now, cancellationToken);
            var opened = incident.Id == 0;

            var before = new { alias = alias.Name, version = from.Label, revision = alias.Revision };
            var move = new AliasMove
            {
                AliasId = alias.Id,
                FromVersionId = from.Id,
                ToVersionId = target.VersionId,
                Kind = AliasMoveKind.Rollback,
                MovedAtUtc = now,
                ActorName = actor.Name,
                Reason = reason,
            };
            alias.ModelVersionId = target.VersionId;
            alias.Revision++;
            alias.UpdatedAtUtc = now;
            db.AliasMoves.Add(move);
            await db.SaveChangesAsync(cancellationToken);

            var rollback = new Rollback
            {
                AliasMoveId = move.Id,
                AliasId = alias.Id,
                FromVersionId = from.Id,
                ToVersionId = target.VersionId,
                IncidentId = incident.Id,
                ExecutedAtUtc = now,
                ActorName = actor.Name,
                Reason = reason,
            };
            db.Rollbacks.Add(rollback);
            await db.SaveChangesAsync(cancellationToken);

            var outcome = new RollbackOutcome(rollback.Id, model.Name, alias.Name, from.Label, target.Label, alias.Revision, now, incident.Id, opened);
            await EnqueueEventsAsync(db, outcome, actor, reason, incident, cancellationToken);

            var subject = $"{model.Name}/{alias.Name}";
            var after = new { alias = alias.Name, version = target.Label, revision = alias.Revision, rollbackId = rollback.Id, incidentId = incident.Id };
            List<AuditEntry> entries = [new AuditEntry("alias.rolled-back", "alias", subject, before, after, reason)];
            entries.Add(opened
                ? new AuditEntry("incident.opened", "incident", incident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), After: IncidentService.Snapshot(incident, model.Name), Reason: reason)
                : new AuditEntry("incident.rollback-linked", "incident", incident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), After: new { rollbackId = rollback.Id, alias = subject, from = from.Label, to = target.Label }, Reason: reason));
            return new Audited<RollbackOutcome>(outcome, entries);
        }, cancellationToken);
    }

    /// <summary>Returns the most recent rollbacks, newest first.</summary>
    public async Task<IReadOnlyList<RollbackView>> ListRecentAsync(int count, string? modelName = null, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.Rollbacks.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(modelName))
        {
            var normalized = Names.Normalize(modelName);
            query = query.Where(r => r.FromVersion!.Model!.NormalizedName == normalized);
        }

        return await query
            .OrderByDescending(r => r.ExecutedAtUtc).ThenByDescending(r => r.Id)
            .Take(Math.Clamp(count, 1, 200))
            .Select(ToView)
            .ToListAsync(cancellationToken);
    }

    internal static readonly System.Linq.Expressions.Expression<Func<Rollback, RollbackView>> ToView = r => new RollbackView(
        r.Id,
        r.FromVersion!.Model!.Name,
        r.AliasMove!.Alias!.Name,
        r.FromVersion.Label,
        r.ToVersion!.Label,
        r.ExecutedAtUtc,
        r.ActorName,
        r.Reason,
        r.IncidentId);

    private static void CheckRequest(Actor actor, RollbackRequest request)
    {
        var errors = new InputErrorCollector();
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors.Add(new InputError("reason is required: say why the alias is rolled back", "reason"));
        }

        if (request.ExpectedRevision is null && string.IsNullOrWhiteSpace(request.ExpectedVersion))
        {
            errors.Add(new InputError("expectedVersion is required: name the version you believe the alias points to, so a rollback never acts on a stale view", "expectedVersion"));
        }

        if (!actor.ViaApiKey && string.IsNullOrWhiteSpace(request.ConfirmModelName))
        {
            errors.Add(new InputError("type the model name to confirm the rollback", "confirmModelName"));
        }

        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.Reason, "reason", MaxTextLength));
        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.IncidentTitle, "incidentTitle", 200));
        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.AffectedSegments, "affectedSegments", MaxTextLength));
        if (!Enum.IsDefined(request.Severity))
        {
            errors.Add(new InputError($"severity {(int)request.Severity} is not valid; use minor, major or critical", "severity"));
        }

        errors.ThrowIfAny();
    }

    private static void CheckConfirmation(Actor actor, Model model, RollbackRequest request)
    {
        if (actor.ViaApiKey && request.ConfirmModelName is null)
        {
            return;
        }

        if (!string.Equals(request.ConfirmModelName?.Trim(), model.Name, StringComparison.Ordinal))
        {
            throw new InputValidationException($"the confirmation '{request.ConfirmModelName?.Trim()}' does not match the model name; type '{model.Name}' exactly", "confirmModelName", request.ConfirmModelName);
        }
    }

    private static void CheckExpectedState(Model model, Alias alias, ModelVersion current, RollbackRequest request)
    {
        if (request.ExpectedRevision is { } revision && revision != alias.Revision)
        {
            throw new ConflictException($"The alias '{alias.Name}' of '{model.Name}' moved since the page loaded: it now points to {current.Label}. Reload and check the target before rolling back.");
        }

        if (!string.IsNullOrWhiteSpace(request.ExpectedVersion) && Names.Normalize(request.ExpectedVersion) != current.NormalizedLabel)
        {
            throw new ConflictException($"The alias '{alias.Name}' of '{model.Name}' points to {current.Label}, not {request.ExpectedVersion.Trim()}; it moved since you read it. Read it again before rolling back.");
        }
    }

    private static async Task<RollbackTarget> ChooseTargetAsync(
        NuqtaDbContext db, Model model, Alias alias, ModelVersion current, IReadOnlyList<RollbackTarget> targets, string? requested, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(requested))
        {
            return RollbackTargets.Default(targets)
                ?? throw new InputValidationException($"the alias '{alias.Name}' of '{model.Name}' has no earlier holder that was never rolled back from; choose the version to return to", "toVersion");
        }

        var normalized = Names.Normalize(requested);
        if (normalized == current.NormalizedLabel)
        {
            throw new InputValidationException($"the alias '{alias.Name}' already points to {current.Label}; choose an earlier version", "toVersion", requested);
        }

        var version = await db.ModelVersions.AsNoTracking().FirstOrDefaultAsync(v => v.ModelId == model.Id && v.NormalizedLabel == normalized, cancellationToken);
        if (version is null)
        {
            var otherModel = await db.ModelVersions.AsNoTracking()
                .Where(v => v.NormalizedLabel == normalized)
                .Select(v => v.Model!.Name)
                .FirstOrDefaultAsync(cancellationToken);
            if (otherModel is not null)
            {
                throw new InputValidationException($"version '{requested.Trim()}' belongs to model '{otherModel}', not '{model.Name}'; a rollback stays within one model", "toVersion", requested);
            }

            throw new NotFoundException($"Model '{model.Name}' has no version '{requested.Trim()}'.");
        }

        return targets.FirstOrDefault(t => t.VersionId == version.Id)
            ?? throw new InputValidationException($"version '{version.Label}' never held '{alias.Name}' and was registered after {current.Label}, so moving to it is a launch, not a rollback", "toVersion", requested);
    }

    private static async Task<QualityIncident> OpenOrLinkIncidentAsync(
        NuqtaDbContext db, Actor actor, Model model, Alias alias, ModelVersion from, RollbackTarget target, RollbackRequest request, DateTime now, CancellationToken cancellationToken)
    {
        var noteText = $"Rolled back {alias.Name} from {from.Label} to {target.Label}: {request.Reason.Trim()}";
        if (request.IncidentId is { } incidentId)
        {
            var existing = await db.QualityIncidents.FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken)
                ?? throw new NotFoundException($"No incident has id {incidentId}.");
            if (existing.ModelId != model.Id)
            {
                throw new InputValidationException($"incident {incidentId} concerns another model; link an incident of '{model.Name}' or open a new one", "incidentId", incidentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (existing.Status == IncidentStatus.Resolved)
            {
                throw new InputValidationException($"incident {incidentId} is resolved; link an open incident or open a new one", "incidentId", incidentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            existing.UpdatedAtUtc = now;
            existing.Notes.Add(new IncidentNote { Kind = IncidentNoteKind.Rollback, CreatedAtUtc = now, ActorName = actor.Name, Text = noteText });
            return existing;
        }

        var title = string.IsNullOrWhiteSpace(request.IncidentTitle)
            ? $"{model.Name} {alias.Name} rolled back from {from.Label}"
            : request.IncidentTitle.Trim();
        var incident = new QualityIncident
        {
            ModelId = model.Id,
            Title = title,
            Severity = request.Severity,
            AffectedSegments = request.AffectedSegments?.Trim() ?? "",
            Status = IncidentStatus.Open,
            OpenedAtUtc = now,
            OpenedBy = actor.Name,
            UpdatedAtUtc = now,
        };
        incident.Notes.Add(new IncidentNote { Kind = IncidentNoteKind.Opened, CreatedAtUtc = now, ActorName = actor.Name, Text = $"Opened by the rollback of {alias.Name}." });
        incident.Notes.Add(new IncidentNote { Kind = IncidentNoteKind.Rollback, CreatedAtUtc = now, ActorName = actor.Name, Text = noteText });
        db.QualityIncidents.Add(incident);
        return incident;
    }

    private static async Task EnqueueEventsAsync(NuqtaDbContext db, RollbackOutcome outcome, Actor actor, string reason, QualityIncident incident, CancellationToken cancellationToken)
    {
        await EventOutbox.EnqueueAsync(db, EventTypes.RollbackExecuted, new
        {
            rollbackId = outcome.RollbackId,
            model = outcome.Model,
            alias = outcome.Alias,
            fromVersion = outcome.FromVersion,
            toVersion = outcome.ToVersion,
            revision = outcome.Revision,
            actor = actor.Name,
            reason,
            incidentId = outcome.IncidentId,
            executedAt = outcome.ExecutedAtUtc,
        }, outcome.ExecutedAtUtc, cancellationToken: cancellationToken);

        if (outcome.IncidentOpened)
        {
            await EventOutbox.EnqueueAsync(db, EventTypes.IncidentOpened, IncidentService.EventPayload(incident, outcome.Model), outcome.ExecutedAtUtc, cancellationToken: cancellationToken);
        }
    }

    private static async Task<Alias> FindAliasAsync(NuqtaDbContext db, Model model, string aliasName, CancellationToken cancellationToken, bool track)
    {
        var name = Names.Normalize(aliasName ?? "");
        var query = track ? db.Aliases : db.Aliases.AsNoTracking();
        return await query.Include(a => a.ModelVersion).FirstOrDefaultAsync(a => a.ModelId == model.Id && a.Name == name, cancellationToken)
            ?? throw new NotFoundException($"Model '{model.Name}' has no alias '{aliasName}'.");
    }

    private static async Task<IReadOnlyList<RollbackTarget>> ListTargetsAsync(NuqtaDbContext db, Model model, Alias alias, int currentVersionId, CancellationToken cancellationToken)
    {
        var moves = await db.AliasMoves.AsNoTracking()
            .Where(m => m.AliasId == alias.Id)
            .Select(m => new HolderFact(m.Id, m.ToVersionId, m.MovedAtUtc))
            .ToListAsync(cancellationToken);
        var rolledBackFrom = await db.Rollbacks.AsNoTracking()
            .Where(r => r.AliasId == alias.Id)
            .Select(r => r.FromVersionId)
            .ToListAsync(cancellationToken);
        var versions = await db.ModelVersions.AsNoTracking()
            .Where(v => v.ModelId == model.Id)
            .Select(v => new VersionFact(v.Id, v.Label, v.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return RollbackTargets.List(currentVersionId, moves, rolledBackFrom.ToHashSet(), versions);
    }
}
