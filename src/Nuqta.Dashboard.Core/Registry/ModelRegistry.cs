using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Registry;

/// <summary>
/// Registers models and model versions and moves aliases. Every change checks the actor's
/// permission and writes an audit event in the same transaction.
/// </summary>
public sealed class ModelRegistry(IDbContextFactory<NuqtaDbContext> contexts, AuditedWriter writer, TimeProvider time)
{
    /// <summary>Aliases every new model starts with, pointing nowhere.</summary>
    public static readonly IReadOnlyList<string> DefaultAliases = ["production", "canary", "staging"];

    public async Task<Paged<ModelSummary>> ListModelsAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var models = db.Models.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            models = models.Where(m => m.NormalizedName.Contains(term) || m.Team.ToLower().Contains(term) || m.Description.ToLower().Contains(term));
        }

        models = (query.Sort, query.Descending) switch
        {
            ("team", false) => models.OrderBy(m => m.Team).ThenBy(m => m.NormalizedName),
            ("team", true) => models.OrderByDescending(m => m.Team).ThenBy(m => m.NormalizedName),
            ("created", false) => models.OrderBy(m => m.CreatedAtUtc),
            ("created", true) => models.OrderByDescending(m => m.CreatedAtUtc),
            (_, true) => models.OrderByDescending(m => m.NormalizedName),
            _ => models.OrderBy(m => m.NormalizedName),
        };

        var total = await models.CountAsync(cancellationToken);
        var items = await models
            .Skip((query.SafePage - 1) * query.SafePageSize)
            .Take(query.SafePageSize)
            .Select(m => new ModelSummary(
                m.Id,
                m.Name,
                m.Team,
                m.Description,
                m.Versions.Count,
                m.Aliases.Where(a => a.Name == "production").Select(a => a.ModelVersion!.Label).FirstOrDefault(),
                m.CreatedAtUtc))
            .ToListAsync(cancellationToken);
        return new Paged<ModelSummary>(items, total, query.SafePage, query.SafePageSize);
    }

    /// <summary>Returns the model with its versions (newest first) and aliases.</summary>
    /// <exception cref="NotFoundException">No model has this name.</exception>
    public async Task<ModelDetail> GetModelAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, name, cancellationToken);
        var versions = await db.ModelVersions.AsNoTracking()
            .Where(v => v.ModelId == model.Id)
            .OrderByDescending(v => v.CreatedAtUtc).ThenByDescending(v => v.Id)
            .Select(v => new { Version = v, Parent = v.ParentVersion!.Label })
            .ToListAsync(cancellationToken);
        var aliases = await db.Aliases.AsNoTracking()
            .Where(a => a.ModelId == model.Id)
            .OrderBy(a => a.Name)
            .Select(a => new AliasView(a.Id, a.Name, a.ModelVersion!.Label, a.ModelVersionId, a.Revision, a.UpdatedAtUtc))
            .ToListAsync(cancellationToken);

        var versionViews = versions.Select(v => ToView(v.Version, v.Parent, aliases)).ToList();
        return new ModelDetail(model.Id, model.Name, model.Team, model.Description, model.CreatedAtUtc, model.CreatedBy, versionViews, SortAliases(aliases));
    }

    public async Task<ModelDetail> RegisterModelAsync(Actor actor, RegisterModelRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.RegistryWrite);
        var errors = new InputErrorCollector();
        AddIfError(errors, Names.CheckName(request.Name, "name"));
        AddIfError(errors, CheckText(request.Team, "team", 64));
        AddIfError(errors, CheckText(request.Description, "description", 4000));
        errors.ThrowIfAny();

        var name = request.Name.Trim();
        var normalized = Names.Normalize(name);
        await writer.RunAsync(actor, async db =>
        {
            if (await db.Models.AnyAsync(m => m.NormalizedName == normalized, cancellationToken))
            {
                throw new ConflictException($"A model named '{name}' already exists; choose another name or register a version of that model.");
            }

            var now = time.GetUtcNow().UtcDateTime;
            var model = new Model
            {
                Name = name,
                NormalizedName = normalized,
                Team = request.Team?.Trim() ?? "",
                Description = request.Description?.Trim() ?? "",
                CreatedAtUtc = now,
                CreatedBy = actor.Name,
            };
            foreach (var alias in DefaultAliases)
            {
                model.Aliases.Add(new Alias { Name = alias, UpdatedAtUtc = now });
            }

            db.Models.Add(model);
            await db.SaveChangesAsync(cancellationToken);
            return new Audited<int>(model.Id, new AuditEntry("model.registered", "model", model.Name, After: Snapshot(model)));
        }, cancellationToken);

        return await GetModelAsync(name, cancellationToken);
    }

    /// <summary>Changes a model's team and description; its name is its identity and stays.</summary>
    public async Task<ModelDetail> UpdateModelAsync(Actor actor, string name, UpdateModelRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.RegistryWrite);
        var errors = new InputErrorCollector();
        AddIfError(errors, CheckText(request.Team, "team", 64));
        AddIfError(errors, CheckText(request.Description, "description", 4000));
        errors.ThrowIfAny();

        await writer.RunAsync(actor, async db =>
        {
            var model = await FindModelAsync(db, name, cancellationToken, track: true);
            var before = Snapshot(model);
            model.Team = request.Team?.Trim() ?? model.Team;
            model.Description = request.Description?.Trim() ?? model.Description;
            return new Audited<int>(model.Id, new AuditEntry("model.updated", "model", model.Name, before, Snapshot(model)));
        }, cancellationToken);

        return await GetModelAsync(name, cancellationToken);
    }

    public async Task<ModelVersionView> RegisterVersionAsync(Actor actor, string modelName, RegisterModelVersionRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.RegistryWrite);
        var errors = new InputErrorCollector();
        AddIfError(errors, Names.CheckLabel(request.Version, "version"));
        AddIfError(errors, CheckText(request.ArtefactUri, "artefactUri", 2000));
        AddIfError(errors, CheckUri(request.ArtefactUri));
        AddIfError(errors, CheckText(request.BaseModel, "baseModel", 200));
        AddIfError(errors, CheckText(request.ConfigHash, "configHash", 200));
        AddIfError(errors, CheckText(request.Description, "description", 4000));
        AddIfError(errors, CheckText(request.ModelCard?.IntendedUse, "modelCard.intendedUse", 8000));
        AddIfError(errors, CheckText(request.ModelCard?.Limitations, "modelCard.limitations", 8000));
        AddIfError(errors, CheckText(request.ModelCard?.Languages, "modelCard.languages", 400));
        errors.ThrowIfAny();

        var label = request.Version.Trim();
        var normalized = Names.Normalize(label);
        await writer.RunAsync(actor, async db =>
        {
            var model = await FindModelAsync(db, modelName, cancellationToken);
            if (await db.ModelVersions.AnyAsync(v => v.ModelId == model.Id && v.NormalizedLabel == normalized, cancellationToken))
            {
                throw new ConflictException($"Model '{model.Name}' already has a version '{label}'; versions are immutable, so register the change under a new label.");
            }

            int? parentId = null;
            if (!string.IsNullOrWhiteSpace(request.ParentVersion))
            {
                var parentLabel = Names.Normalize(request.ParentVersion);
                parentId = await db.ModelVersions
                    .Where(v => v.ModelId == model.Id && v.NormalizedLabel == parentLabel)
                    .Select(v => (int?)v.Id)
                    .FirstOrDefaultAsync(cancellationToken)
                    ?? throw new InputValidationException($"parent version '{request.ParentVersion.Trim()}' is not a version of model '{model.Name}'", "parentVersion", request.ParentVersion);
            }

            var version = new ModelVersion
            {
                ModelId = model.Id,
                Label = label,
                NormalizedLabel = normalized,
                ArtefactUri = request.ArtefactUri?.Trim() ?? "",
                BaseModel = request.BaseModel?.Trim() ?? "",
                ConfigHash = request.ConfigHash?.Trim() ?? "",
                ParentVersionId = parentId,
                Description = request.Description?.Trim() ?? "",
                IntendedUse = request.ModelCard?.IntendedUse?.Trim() ?? "",
                Limitations = request.ModelCard?.Limitations?.Trim() ?? "",
                Languages = NormalizeLanguages(request.ModelCard?.Languages),
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
                CreatedBy = actor.Name,
            };
            db.ModelVersions.Add(version);
            await db.SaveChangesAsync(cancellationToken);
            var after = Snapshot(version, model.Name, request.ParentVersion?.Trim());
            return new Audited<int>(version.Id, new AuditEntry("model.version.registered", "model-version", $"{model.Name}/{label}", After: after));
        }, cancellationToken);

        var detail = await GetModelAsync(modelName, cancellationToken);
        return detail.Versions.Single(v => Names.Normalize(v.Label) == normalized);
    }

    /// <summary>Changes a version's description and model card; identity fields never change.</summary>
    public async Task<ModelVersionView> UpdateVersionAsync(Actor actor, string modelName, string label, UpdateModelVersionRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.RegistryWrite);
        var errors = new InputErrorCollector();
        AddIfError(errors, CheckText(request.Description, "description", 4000));
        AddIfError(errors, CheckText(request.ModelCard?.IntendedUse, "modelCard.intendedUse", 8000));
        AddIfError(errors, CheckText(request.ModelCard?.Limitations, "modelCard.limitations", 8000));
        AddIfError(errors, CheckText(request.ModelCard?.Languages, "modelCard.languages", 400));
        errors.ThrowIfAny();

        await writer.RunAsync(actor, async db =>
        {
            var model = await FindModelAsync(db, modelName, cancellationToken);
            var version = await FindVersionAsync(db, model, label, cancellationToken, track: true);
            var before = Snapshot(version, model.Name, null);
            version.Description = request.Description?.Trim() ?? version.Description;
            if (request.ModelCard is { } card)
            {
                version.IntendedUse = card.IntendedUse?.Trim() ?? version.IntendedUse;
                version.Limitations = card.Limitations?.Trim() ?? version.Limitations;
                version.Languages = card.Languages is null ? version.Languages : NormalizeLanguages(card.Languages);
            }

            return new Audited<int>(version.Id, new AuditEntry("model.version.updated", "model-version", $"{model.Name}/{version.Label}", before, Snapshot(version, model.Name, null)));
        }, cancellationToken);

        var detail = await GetModelAsync(modelName, cancellationToken);
        return detail.Versions.Single(v => Names.Normalize(v.Label) == Names.Normalize(label));
    }

    /// <summary>Adds an alias name to a model (admins only); it starts pointing nowhere.</summary>
    public async Task<AliasView> AddAliasAsync(Actor actor, string modelName, string aliasName, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var error = Names.CheckName(aliasName, "alias");
        if (error is not null)
        {
            throw new InputValidationException([error]);
        }

        var name = Names.Normalize(aliasName);
        return await writer.RunAsync(actor, async db =>
        {
            var model = await FindModelAsync(db, modelName, cancellationToken);
            if (await db.Aliases.AnyAsync(a => a.ModelId == model.Id && a.Name == name, cancellationToken))
            {
                throw new ConflictException($"Model '{model.Name}' already has an alias '{name}'.");
            }

            var alias = new Alias { ModelId = model.Id, Name = name, UpdatedAtUtc = time.GetUtcNow().UtcDateTime };
            db.Aliases.Add(alias);
            await db.SaveChangesAsync(cancellationToken);
            var view = new AliasView(alias.Id, alias.Name, null, null, alias.Revision, alias.UpdatedAtUtc);
            return new Audited<AliasView>(view, new AuditEntry("alias.created", "alias", $"{model.Name}/{name}", After: new { model = model.Name, alias = name }));
        }, cancellationToken);
    }

    /// <summary>
    /// Points an alias at a version, with a reason. The caller names the alias revision it saw;
    /// when the alias moved since then, the move is refused, so two people acting on the same
    /// stale page cannot both move it.
    /// </summary>
    public async Task<AliasView> SetAliasAsync(Actor actor, string modelName, string aliasName, SetAliasRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.MoveAliases);
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw new InputValidationException("reason is required: say why the alias moves", "reason");
        }

        return await writer.RunAsync(actor, async db =>
        {
            var model = await FindModelAsync(db, modelName, cancellationToken);
            var name = Names.Normalize(aliasName);
            var alias = await db.Aliases.Include(a => a.ModelVersion).FirstOrDefaultAsync(a => a.ModelId == model.Id && a.Name == name, cancellationToken)
                ?? throw new NotFoundException($"Model '{model.Name}' has no alias '{aliasName}'.");
            if (alias.Revision != request.ExpectedRevision)
            {
                var holder = alias.ModelVersion?.Label ?? "no version";
                throw new ConflictException($"The alias '{alias.Name}' of '{model.Name}' moved since the page loaded: it now points to {holder}. Reload and try again.");
            }

            var target = await FindVersionAsync(db, model, request.Version, cancellationToken);
            if (alias.ModelVersionId == target.Id)
            {
                throw new InputValidationException($"the alias '{alias.Name}' already points to {target.Label}", "version", request.Version);
            }

            var entry = ApplyMove(db, model, alias, target, AliasMoveKind.Set, actor, request.Reason, time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);

            var view = new AliasView(alias.Id, alias.Name, target.Label, target.Id, alias.Revision, alias.UpdatedAtUtc);
            return new Audited<AliasView>(view, entry);
        }, cancellationToken);
    }

    /// <summary>Returns every move of the alias, newest first.</summary>
    public async Task<IReadOnlyList<AliasMoveView>> GetAliasHistoryAsync(string modelName, string aliasName, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelName, cancellationToken);
        var name = Names.Normalize(aliasName);
        var alias = await db.Aliases.AsNoTracking().FirstOrDefaultAsync(a => a.ModelId == model.Id && a.Name == name, cancellationToken)
            ?? throw new NotFoundException($"Model '{model.Name}' has no alias '{aliasName}'.");
        return await db.AliasMoves.AsNoTracking()
            .Where(m => m.AliasId == alias.Id)
            .OrderByDescending(m => m.MovedAtUtc).ThenByDescending(m => m.Id)
            .Select(m => new AliasMoveView(m.Id, alias.Name, m.FromVersion!.Label, m.ToVersion!.Label, m.Kind.ToString(), m.MovedAtUtc, m.ActorName, m.Reason))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Returns the version label the alias pointed to at the given time, or null.</summary>
    public async Task<string?> GetAliasHolderAtAsync(string modelName, string aliasName, DateTime atUtc, CancellationToken cancellationToken = default)
    {
        var history = await GetAliasHistoryAsync(modelName, aliasName, cancellationToken);
        return history.FirstOrDefault(m => m.MovedAtUtc <= atUtc)?.ToVersion;
    }

    /// <summary>
    /// Points a tracked alias (loaded with its current version) at the target and records the
    /// move in the alias history. Returns the <c>alias.moved</c> audit entry, which the caller
    /// appends in the same write transaction. Permission and revision checks are the caller's.
    /// </summary>
    internal static AuditEntry ApplyMove(NuqtaDbContext db, Model model, Alias alias, ModelVersion target, AliasMoveKind kind, Actor actor, string reason, DateTime nowUtc)
    {
        var before = new { alias = alias.Name, version = alias.ModelVersion?.Label, revision = alias.Revision };
        db.AliasMoves.Add(new AliasMove
        {
            AliasId = alias.Id,
            FromVersionId = alias.ModelVersionId,
            ToVersionId = target.Id,
            Kind = kind,
            MovedAtUtc = nowUtc,
            ActorName = actor.Name,
            Reason = reason.Trim(),
        });
        alias.ModelVersionId = target.Id;
        alias.Revision++;
        alias.UpdatedAtUtc = nowUtc;

        var after = new { alias = alias.Name, version = target.Label, revision = alias.Revision };
        return new AuditEntry("alias.moved", "alias", $"{model.Name}/{alias.Name}", before, after, reason);
    }

    internal static async Task<Model> FindModelAsync(NuqtaDbContext db, string name, CancellationToken cancellationToken, bool track = false)
    {
        var normalized = Names.Normalize(name ?? "");
        var query = track ? db.Models : db.Models.AsNoTracking();
        return await query.FirstOrDefaultAsync(m => m.NormalizedName == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model is named '{name}'.");
    }

    internal static async Task<ModelVersion> FindVersionAsync(NuqtaDbContext db, Model model, string label, CancellationToken cancellationToken, bool track = false)
    {
        var normalized = Names.Normalize(label ?? "");
        var query = track ? db.ModelVersions : db.ModelVersions.AsNoTracking();
        return await query.FirstOrDefaultAsync(v => v.ModelId == model.Id && v.NormalizedLabel == normalized, cancellationToken)
            ?? throw new NotFoundException($"Model '{model.Name}' has no version '{label}'.");
    }

    private static IReadOnlyList<AliasView> SortAliases(List<AliasView> aliases) =>
        aliases.OrderBy(a => DefaultAliases.ToList().IndexOf(a.Name) is var i && i < 0 ? int.MaxValue : i).ThenBy(a => a.Name).ToList();

    private static ModelVersionView ToView(ModelVersion v, string? parent, IReadOnlyList<AliasView> aliases) => new(
        v.Id,
        v.Label,
        v.ArtefactUri,
        v.BaseModel,
        v.ConfigHash,
        parent,
        v.Description,
        new ModelCard(v.IntendedUse, v.Limitations, v.Languages),
        aliases.Where(a => a.VersionId == v.Id).Select(a => a.Name).ToList(),
        v.CreatedAtUtc,
        v.CreatedBy);

    private static object Snapshot(Model m) => new { name = m.Name, team = m.Team, description = m.Description };

    private static object Snapshot(ModelVersion v, string model, string? parent) => new
    {
        model,
        version = v.Label,
        artefactUri = v.ArtefactUri,
        baseModel = v.BaseModel,
        configHash = v.ConfigHash,
        parentVersion = parent,
        description = v.Description,
        intendedUse = v.IntendedUse,
        limitations = v.Limitations,
        languages = v.Languages,
    };

    private static string NormalizeLanguages(string? languages) =>
        string.Join(", ", (languages ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase));

    internal static InputError? CheckText(string? value, string field, int maxLength) =>
        value is not null && value.Trim().Length > maxLength
            ? new InputError($"{field} is {value.Trim().Length} characters long; the limit is {maxLength}", field)
            : null;

    private static InputError? CheckUri(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(value.Trim(), UriKind.Absolute, out _)
            ? null
            : new InputError($"artefactUri '{value.Trim()}' is not an absolute URI; use a form such as s3://bucket/path or https://host/path", "artefactUri", Value: value.Trim());
    }

    internal static void AddIfError(InputErrorCollector errors, InputError? error)
    {
        if (error is not null)
        {
            errors.Add(error);
        }
    }
}
