using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Audit;

/// <summary>Kinds of subject that have a history page, with the audit subject type each one uses.</summary>
public static class AuditSubjectTypes
{
    public const string Model = "model";
    public const string ModelVersion = "model-version";
    public const string Alias = "alias";

    public static readonly IReadOnlyList<string> All = [Model, ModelVersion, Alias];
}

/// <summary>A subject whose history was read, with its names as the registry spells them.</summary>
/// <param name="Part">The version label or alias name; null for a model.</param>
public sealed record AuditSubject(string Type, string Model, string? Part)
{
    /// <summary>The subject id as audit events store it: <c>model</c> or <c>model/part</c>.</summary>
    public string Id => Part is null ? Model : $"{Model}/{Part}";
}

/// <summary>The events of one subject, newest first.</summary>
/// <param name="Actions">Every action name in the subject's history, for the filter list.</param>
public sealed record SubjectHistory(AuditSubject Subject, Paged<AuditEvent> Events, IReadOnlyList<string> Actions);

/// <summary>
/// Reads everything that happened to one model, model version or alias. Besides the events whose
/// subject is the thing itself, the history takes in events that name it in their before or after
/// state: for a model, every event under it (its versions, aliases, gate policy, launches and
/// rollbacks that name <c>"model"</c>); for a version, the alias moves to or from it; for an
/// alias, launches and rollbacks that name the model and the alias.
/// </summary>
public sealed class AuditSubjectHistory(IDbContextFactory<NuqtaDbContext> contexts)
{
    /// <summary>Reads one page of the subject's history, optionally only actions that start with <paramref name="actionPrefix"/>.</summary>
    public async Task<SubjectHistory> ReadAsync(
        Actor reader, string subjectType, string subjectId, int page = 1, int pageSize = 50, string? actionPrefix = null, CancellationToken cancellationToken = default)
    {
        reader.Demand(Permission.Read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subject = await ResolveAsync(db, subjectType, subjectId, cancellationToken);

        var launches = await LaunchIdsAsync(db, subject, cancellationToken);
        var all = Visible(Matching(db.AuditEvents.AsNoTracking(), subject, launches), reader);
        var actions = await all.Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
        var events = string.IsNullOrWhiteSpace(actionPrefix) ? all : all.Where(e => e.Action.StartsWith(actionPrefix.Trim()));
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 500);
        var total = await events.CountAsync(cancellationToken);
        var items = await events.OrderByDescending(e => e.Sequence).Skip((page - 1) * pageSize).Take(pageSize).ToListAsync(cancellationToken);
        return new SubjectHistory(subject, new Paged<AuditEvent>(items, total, page, pageSize), actions);
    }

    /// <summary>Writes the subject's whole history as CSV, in the format of <see cref="AuditCsvExport"/>.</summary>
    public async Task<AuditSubject> WriteCsvAsync(Actor reader, string subjectType, string subjectId, TextWriter output, CancellationToken cancellationToken = default)
    {
        reader.Demand(Permission.Read);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var subject = await ResolveAsync(db, subjectType, subjectId, cancellationToken);
        var launches = await LaunchIdsAsync(db, subject, cancellationToken);
        await AuditCsvExport.WriteAsync(Visible(Matching(db.AuditEvents.AsNoTracking(), subject, launches), reader), output, cancellationToken);
        return subject;
    }

    /// <summary>
    /// The ids of the launch requests that concern the subject: every launch of a model, the launches
    /// of a version as candidate or baseline, and the launches that target an alias. Launch events
    /// have the launch as their subject, so the history finds them through these ids.
    /// </summary>
    private static async Task<List<string>> LaunchIdsAsync(NuqtaDbContext db, AuditSubject subject, CancellationToken cancellationToken)
    {
        var launches = db.LaunchRequests.AsNoTracking().Where(l => l.Model!.Name == subject.Model);
        launches = subject.Type switch
        {
            AuditSubjectTypes.ModelVersion => launches.Where(l => l.CandidateVersion!.Label == subject.Part || l.BaselineVersion!.Label == subject.Part),
            AuditSubjectTypes.Alias => launches.Where(l => l.Alias == subject.Part),
            _ => launches,
        };
        var ids = await launches.Select(l => l.Id).ToListAsync(cancellationToken);
        return ids.ConvertAll(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    private static IQueryable<AuditEvent> Visible(IQueryable<AuditEvent> events, Actor reader) =>
        reader.Can(Permission.ReadSecurityEvents) ? events : events.Where(e => !e.IsSecurityEvent);

    // Canonical JSON (RFC 8785) has no insignificant white space, and registry names contain no
    // characters that JSON escapes, so a quoted key and value appear in the stored text exactly so.
    // NOTE: this finds other features' events only when their before or after state names the
    // model as "model" and the version or alias under keys ending in "ersion" or as "alias".
    private static IQueryable<AuditEvent> Matching(IQueryable<AuditEvent> events, AuditSubject subject, List<string> launchIds)
    {
        var matched = MatchingNames(events, subject);
        return launchIds.Count == 0 ? matched : matched.Union(events.Where(e => e.SubjectType == "launch" && launchIds.Contains(e.SubjectId)));
    }

    private static IQueryable<AuditEvent> MatchingNames(IQueryable<AuditEvent> events, AuditSubject subject)
    {
        var namesModel = $"\"model\":\"{subject.Model}\"";
        var under = subject.Model + "/";
        switch (subject.Type)
        {
            case AuditSubjectTypes.Model:
                return events.Where(e =>
                    (e.SubjectType == AuditSubjectTypes.Model && e.SubjectId == subject.Model)
                    || (e.SubjectId.StartsWith(under) && !e.SubjectType.StartsWith("dataset"))
                    || (e.AfterJson != null && e.AfterJson.Contains(namesModel))
                    || (e.BeforeJson != null && e.BeforeJson.Contains(namesModel)));

            case AuditSubjectTypes.ModelVersion:
                var namesVersion = $"ersion\":\"{subject.Part}\"";
                return events.Where(e =>
                    (e.SubjectType == AuditSubjectTypes.ModelVersion && e.SubjectId == subject.Id)
                    || ((e.SubjectId.StartsWith(under) || (e.AfterJson != null && e.AfterJson.Contains(namesModel)))
                        && ((e.AfterJson != null && e.AfterJson.Contains(namesVersion)) || (e.BeforeJson != null && e.BeforeJson.Contains(namesVersion)))
                        && !e.SubjectType.StartsWith("dataset")));

            default:
                var namesAlias = $"\"alias\":\"{subject.Part}\"";
                return events.Where(e =>
                    (e.SubjectType == AuditSubjectTypes.Alias && e.SubjectId == subject.Id)
                    || (e.AfterJson != null && e.AfterJson.Contains(namesModel) && e.AfterJson.Contains(namesAlias)));
        }
    }

    private static async Task<AuditSubject> ResolveAsync(NuqtaDbContext db, string subjectType, string subjectId, CancellationToken cancellationToken)
    {
        if (!AuditSubjectTypes.All.Contains(subjectType, StringComparer.Ordinal))
        {
            throw new InputValidationException($"subject type '{subjectType}' has no history page; use {string.Join(", ", AuditSubjectTypes.All)}", "type", subjectType);
        }

        var id = subjectId.Trim().Trim('/');
        var slash = id.IndexOf('/');
        var modelName = slash < 0 ? id : id[..slash];
        var part = slash < 0 ? null : id[(slash + 1)..];
        if (subjectType == AuditSubjectTypes.Model ? part is not null : string.IsNullOrWhiteSpace(part))
        {
            var shape = subjectType == AuditSubjectTypes.Model ? "a model name, for example support-rag" : "model/name, for example support-rag/production";
            throw new InputValidationException($"subject id '{subjectId}' is not {shape}", "id", subjectId);
        }

        var normalizedModel = Names.Normalize(modelName);
        var model = await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.NormalizedName == normalizedModel, cancellationToken)
            ?? throw new NotFoundException($"No model is named '{modelName}'.");
        if (subjectType == AuditSubjectTypes.Model)
        {
            return new AuditSubject(subjectType, model.Name, null);
        }

        var normalizedPart = Names.Normalize(part!);
        if (subjectType == AuditSubjectTypes.ModelVersion)
        {
            var label = await db.ModelVersions.AsNoTracking()
                .Where(v => v.ModelId == model.Id && v.NormalizedLabel == normalizedPart)
                .Select(v => v.Label)
                .FirstOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"Model '{model.Name}' has no version '{part}'.");
            return new AuditSubject(subjectType, model.Name, label);
        }

        var alias = await db.Aliases.AsNoTracking()
            .Where(a => a.ModelId == model.Id && a.Name == normalizedPart)
            .Select(a => a.Name)
            .FirstOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException($"Model '{model.Name}' has no alias '{part}'.");
        return new AuditSubject(subjectType, model.Name, alias);
    }
}
