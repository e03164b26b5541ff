using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;

namespace Nuqta.Dashboard.Core.Scorecards;

/// <summary>
/// A request to create or change a behavioural SLO. <see cref="Model"/> is null or empty for every
/// model. Null or empty <see cref="RunKinds"/> and <see cref="DatasetNames"/> mean the default
/// scope: production-sample runs and runs on golden datasets. <see cref="Dimension"/> is null or
/// empty to judge the overall figure only.
/// </summary>
public sealed record SloRequest(
    string Name,
    string Metric,
    string Aggregate,
    SloComparator Comparator,
    double Target,
    string? Model = null,
    IReadOnlyList<string>? RunKinds = null,
    IReadOnlyList<string>? DatasetNames = null,
    string? Dimension = null,
    int MinExamples = 20);

/// <summary>A behavioural SLO as the admin page, the API and the audit trail show it.</summary>
public sealed record SloView(
    int Id,
    string Name,
    string Metric,
    string MetricDisplayName,
    string Aggregate,
    SloComparator Comparator,
    double Target,
    string? Model,
    IReadOnlyList<string> RunKinds,
    IReadOnlyList<string> DatasetNames,
    string? Dimension,
    int MinExamples,
    bool IsEnabled,
    DateTime UpdatedAtUtc,
    string UpdatedBy)
{
    /// <summary>The objective in one phrase, for example "p95 latency_ms &lt;= 2500".</summary>
    public string Objective => $"{Aggregate} {Metric} {(Comparator == SloComparator.AtMost ? "<=" : ">=")} {Target.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>True when the SLO judges the default scope (production samples and golden datasets).</summary>
    public bool HasDefaultScope => RunKinds.Count == 0 && DatasetNames.Count == 0;
}

/// <summary>The values an SLO form offers: metric keys with their default aggregate, model and dataset names, and segment dimensions.</summary>
public sealed record SloChoices(
    IReadOnlyList<(string Key, string Aggregate)> Metrics,
    IReadOnlyList<string> Models,
    IReadOnlyList<string> Datasets,
    IReadOnlyList<string> Dimensions);

/// <summary>
/// Creates, changes, disables and re-enables behavioural SLOs for admins. Each change is validated,
/// stored with its audit event in one transaction, and then the SLO's weekly statuses are
/// re-evaluated.
/// </summary>
public sealed class SloService(
    IDbContextFactory<NuqtaDbContext> contexts,
    AuditedWriter writer,
    IWeeklyFigureMaintenance figures,
    TimeProvider time)
{
    /// <summary>Largest minimum-examples setting accepted.</summary>
    public const int MaxMinExamples = 1_000_000;

    /// <summary>Returns every SLO, enabled first, then by name.</summary>
    public async Task<IReadOnlyList<SloView>> ListAsync(bool includeDisabled = true, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.SloDefinitions.AsNoTracking().Include(s => s.Metric).Include(s => s.Model).AsQueryable();
        if (!includeDisabled)
        {
            query = query.Where(s => s.IsEnabled);
        }

        var slos = await query.ToListAsync(cancellationToken);
        return slos.OrderByDescending(s => s.IsEnabled).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).Select(ToView).ToList();
    }

    /// <summary>Returns the metrics, models, datasets and segment dimensions that an SLO may name, each sorted.</summary>
    public async Task<SloChoices> GetChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var metrics = await db.Metrics.AsNoTracking().OrderBy(m => m.Key).Select(m => new { m.Key, m.Aggregate }).ToListAsync(cancellationToken);
        var models = await db.Models.AsNoTracking().OrderBy(m => m.Name).Select(m => m.Name).ToListAsync(cancellationToken);
        var datasets = await db.Datasets.AsNoTracking().OrderBy(d => d.Name).Select(d => d.Name).ToListAsync(cancellationToken);
        var dimensions = await db.SegmentDimensions.AsNoTracking().Select(d => d.Name).Distinct().OrderBy(n => n).ToListAsync(cancellationToken);
        return new SloChoices(metrics.Select(m => (m.Key, m.Aggregate)).ToList(), models, datasets, dimensions);
    }

    /// <summary>Returns one SLO.</summary>
    /// <exception cref="NotFoundException">No SLO has this id.</exception>
    public async Task<SloView> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var slo = await db.SloDefinitions.AsNoTracking().Include(s => s.Metric).Include(s => s.Model).FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw NotFound(id);
        return ToView(slo);
    }

    /// <summary>Creates an SLO, records <c>slo.created</c>, and evaluates its weeks.</summary>
    /// <exception cref="AccessDeniedException">The actor is not an admin.</exception>
    /// <exception cref="InputValidationException">A value is invalid; every error is listed.</exception>
    /// <exception cref="ConflictException">Another SLO has the name.</exception>
    public async Task<SloView> CreateAsync(Actor actor, SloRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var view = await writer.RunAsync(actor, async db =>
        {
            var valid = await ValidateAsync(db, request, exceptId: null, cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            var slo = new SloDefinition { CreatedAtUtc = now, CreatedBy = actor.Name };
            Apply(slo, valid, now, actor.Name);
            db.SloDefinitions.Add(slo);
            await db.SaveChangesAsync(cancellationToken);

            var after = ToView(slo);
            return new Audited<SloView>(after, new AuditEntry("slo.created", "slo", slo.Id.ToString(CultureInfo.InvariantCulture), null, after));
        }, cancellationToken);

        await figures.RecomputeForSloAsync(view.Id, cancellationToken);
        return view;
    }

    /// <summary>Changes an SLO, records <c>slo.updated</c> with its settings before and after, and re-evaluates its weeks.</summary>
    /// <exception cref="AccessDeniedException">The actor is not an admin.</exception>
    /// <exception cref="NotFoundException">No SLO has this id.</exception>
    /// <exception cref="InputValidationException">A value is invalid; every error is listed.</exception>
    /// <exception cref="ConflictException">Another SLO has the name.</exception>
    public async Task<SloView> UpdateAsync(Actor actor, int id, SloRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var view = await writer.RunAsync(actor, async db =>
        {
            var slo = await LoadAsync(db, id, cancellationToken);
            var before = ToView(slo);
            var valid = await ValidateAsync(db, request, exceptId: id, cancellationToken);
            Apply(slo, valid, time.GetUtcNow().UtcDateTime, actor.Name);
            var after = ToView(slo);
            return new Audited<SloView>(after, new AuditEntry("slo.updated", "slo", id.ToString(CultureInfo.InvariantCulture), before, after));
        }, cancellationToken);

        await figures.RecomputeForSloAsync(id, cancellationToken);
        return view;
    }

    /// <summary>
    /// Disables or re-enables an SLO and records <c>slo.disabled</c> or <c>slo.enabled</c>. A
    /// disabled SLO keeps its definition and history but no longer judges any week.
    /// </summary>
    /// <exception cref="AccessDeniedException">The actor is not an admin.</exception>
    /// <exception cref="NotFoundException">No SLO has this id.</exception>
    /// <exception cref="InputValidationException">Disabling without a reason.</exception>
    public async Task<SloView> SetEnabledAsync(Actor actor, int id, bool enabled, string? reason, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var trimmedReason = reason?.Trim();
        if (!enabled && string.IsNullOrEmpty(trimmedReason))
        {
            throw new InputValidationException("reason is required to disable an SLO; say why it no longer applies", "reason");
        }

        var view = await writer.RunAsync(actor, async db =>
        {
            var slo = await LoadAsync(db, id, cancellationToken);
            var before = ToView(slo);
            slo.IsEnabled = enabled;
            slo.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
            slo.UpdatedBy = actor.Name;
            var after = ToView(slo);
            var action = enabled ? "slo.enabled" : "slo.disabled";
            return new Audited<SloView>(after, new AuditEntry(action, "slo", id.ToString(CultureInfo.InvariantCulture), before, after, string.IsNullOrEmpty(trimmedReason) ? null : trimmedReason));
        }, cancellationToken);

        await figures.RecomputeForSloAsync(id, cancellationToken);
        return view;
    }

    private sealed record ValidSlo(
        string Name,
        Metric Metric,
        string Aggregate,
        SloComparator Comparator,
        double Target,
        Registry.Model? Model,
        IReadOnlyList<string> RunKinds,
        IReadOnlyList<string> DatasetNames,
        string? Dimension,
        int MinExamples);

    private static async Task<ValidSlo> ValidateAsync(NuqtaDbContext db, SloRequest request, int? exceptId, CancellationToken cancellationToken)
    {
        var errors = new InputErrorCollector();

        var name = request.Name?.Trim() ?? "";
        if (name.Length == 0)
        {
            errors.Add(new InputError("name is required, for example p95 latency", "name"));
        }
        else if (name.Length > Names.MaxLength)
        {
            errors.Add(new InputError($"name is {name.Length} characters long; shorten it to {Names.MaxLength} or fewer", "name", Value: name));
        }

        var metricKey = request.Metric?.Trim() ?? "";
        var metric = metricKey.Length == 0 ? null : await db.Metrics.FirstOrDefaultAsync(m => m.Key == metricKey, cancellationToken);
        if (metric is null)
        {
            var message = metricKey.Length == 0
                ? "metric is required; choose a metric key from the metric catalogue, for example latency_ms"
                : $"metric '{metricKey}' is not in the metric catalogue; choose a key that the catalogue lists, for example latency_ms";
            errors.Add(new InputError(message, "metric", Value: metricKey));
        }

        var aggregate = MetricAggregates.Normalize(request.Aggregate);
        if (aggregate is null)
        {
            errors.Add(new InputError($"aggregate '{request.Aggregate}' is not valid; use {MetricAggregates.Forms}", "aggregate", Value: request.Aggregate));
        }
        else if (aggregate == MetricAggregates.GoodRate && metric is { BadWhen: null })
        {
            errors.Add(new InputError($"metric '{metric.Key}' has no bad threshold, so it has no good-rate; set its bad threshold in the metric catalogue or choose another aggregate", "aggregate", Value: aggregate));
        }

        if (!Enum.IsDefined(request.Comparator))
        {
            errors.Add(new InputError("comparator must be at most (<=) or at least (>=)", "comparator", Value: request.Comparator.ToString()));
        }

        CheckTarget(request.Target, aggregate, metric, errors);

        var model = await FindModelAsync(db, request.Model, errors, cancellationToken);
        var runKinds = CheckRunKinds(request.RunKinds, errors);
        var datasetNames = await CheckDatasetsAsync(db, request.DatasetNames, errors, cancellationToken);
        var dimension = await CheckDimensionAsync(db, request.Dimension, errors, cancellationToken);

        if (request.MinExamples is < 1 or > MaxMinExamples)
        {
            errors.Add(new InputError($"minExamples must be between 1 and {MaxMinExamples:N0}", "minExamples", Value: request.MinExamples.ToString(CultureInfo.InvariantCulture)));
        }

        errors.ThrowIfAny();

        var normalizedName = Names.Normalize(name);
        if (await db.SloDefinitions.AnyAsync(s => s.NormalizedName == normalizedName && s.Id != exceptId, cancellationToken))
        {
            throw new ConflictException($"Another SLO is already named '{name}'; choose a different name.");
        }

        return new ValidSlo(name, metric!, aggregate!, request.Comparator, request.Target, model, runKinds, datasetNames, dimension, request.MinExamples);
    }

    private static void CheckTarget(double target, string? aggregate, Metric? metric, InputErrorCollector errors)
    {
        var value = target.ToString(CultureInfo.InvariantCulture);
        if (!double.IsFinite(target))
        {
            errors.Add(new InputError("target must be a finite number", "target", Value: value));
            return;
        }

        if (aggregate == MetricAggregates.GoodRate)
        {
            if (target is < 0 or > 1)
            {
                errors.Add(new InputError($"target {value} is outside 0-1; a good-rate target is a share of good examples, for example 0.90", "target", Value: value));
            }

            return;
        }

        if (metric is null)
        {
            return;
        }

        var scale = MetricEditor.ToSettings(metric);
        if (!MetricEditor.IsOnScale(target, scale))
        {
            errors.Add(new InputError($"target {value} is outside the scale of '{metric.Key}' ({MetricEditor.DescribeScale(scale)}); choose a target on the scale", "target", Value: value));
        }
    }

    private static async Task<Registry.Model?> FindModelAsync(NuqtaDbContext db, string? modelName, InputErrorCollector errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(modelName))
        {
            return null;
        }

        var normalized = Names.Normalize(modelName);
        var model = await db.Models.FirstOrDefaultAsync(m => m.NormalizedName == normalized, cancellationToken);
        if (model is null)
        {
            errors.Add(new InputError($"model '{modelName.Trim()}' is not registered; choose a registered model or leave it empty for every model", "model", Value: modelName));
        }

        return model;
    }

    private static List<string> CheckRunKinds(IReadOnlyList<string>? runKinds, InputErrorCollector errors)
    {
        var names = new List<string>();
        foreach (var raw in (runKinds ?? []).Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            var kind = raw.Trim().ToLowerInvariant();
            if (kind is not ("regression" or "production-sample"))
            {
                errors.Add(new InputError($"run kind '{raw.Trim()}' is not valid; use regression or production-sample", "runKinds", Value: raw));
            }
            else if (!names.Contains(kind))
            {
                names.Add(kind);
            }
        }

        return names;
    }

    private static async Task<List<string>> CheckDatasetsAsync(NuqtaDbContext db, IReadOnlyList<string>? datasetNames, InputErrorCollector errors, CancellationToken cancellationToken)
    {
        var requested = (datasetNames ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (requested.Count == 0)
        {
            return [];
        }

        var normalized = requested.Select(Names.Normalize).ToList();
        var known = await db.Datasets.Where(d => normalized.Contains(d.NormalizedName)).Select(d => new { d.Name, d.NormalizedName }).ToListAsync(cancellationToken);
        var names = new List<string>();
        foreach (var name in requested)
        {
            var match = known.FirstOrDefault(d => d.NormalizedName == Names.Normalize(name));
            if (match is null)
            {
                errors.Add(new InputError($"dataset '{name}' is not registered; choose a registered dataset", "datasetNames", Value: name));
            }
            else
            {
                names.Add(match.Name);
            }
        }

        return names;
    }

    private static async Task<string?> CheckDimensionAsync(NuqtaDbContext db, string? dimension, InputErrorCollector errors, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(dimension))
        {
            return null;
        }

        var name = dimension.Trim();
        if (!await db.SegmentDimensions.AnyAsync(d => d.Name == name, cancellationToken))
        {
            errors.Add(new InputError($"dimension '{name}' is not a segment attribute of any dataset version; choose one that a dataset version has, for example dialect, or leave it empty to judge the overall figure", "dimension", Value: name));
        }

        return name;
    }

    private static void Apply(SloDefinition slo, ValidSlo valid, DateTime now, string actorName)
    {
        slo.Name = valid.Name;
        slo.NormalizedName = Names.Normalize(valid.Name);
        slo.MetricId = valid.Metric.Id;
        slo.Metric = valid.Metric;
        slo.Aggregate = valid.Aggregate;
        slo.Comparator = valid.Comparator;
        slo.Target = valid.Target;
        slo.ModelId = valid.Model?.Id;
        slo.Model = valid.Model;
        slo.RunKindsJson = valid.RunKinds.Count == 0 ? null : JsonSerializer.Serialize(valid.RunKinds);
        slo.DatasetNamesJson = valid.DatasetNames.Count == 0 ? null : JsonSerializer.Serialize(valid.DatasetNames);
        slo.Dimension = valid.Dimension;
        slo.MinExamples = valid.MinExamples;
        slo.UpdatedAtUtc = now;
        slo.UpdatedBy = actorName;
    }

    private static async Task<SloDefinition> LoadAsync(NuqtaDbContext db, int id, CancellationToken cancellationToken) =>
        await db.SloDefinitions.Include(s => s.Metric).Include(s => s.Model).FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
        ?? throw NotFound(id);

    private static NotFoundException NotFound(int id) => new($"No SLO has the id {id}; the SLO list shows every SLO.");

    private static SloView ToView(SloDefinition slo) => new(
        slo.Id,
        slo.Name,
        slo.Metric?.Key ?? "",
        slo.Metric?.DisplayName ?? "",
        slo.Aggregate,
        slo.Comparator,
        slo.Target,
        slo.Model?.Name,
        slo.RunKindsJson is null ? [] : JsonSerializer.Deserialize<List<string>>(slo.RunKindsJson)!,
        slo.DatasetNamesJson is null ? [] : JsonSerializer.Deserialize<List<string>>(slo.DatasetNamesJson)!,
        slo.Dimension,
        slo.MinExamples,
        slo.IsEnabled,
        slo.UpdatedAtUtc,
        slo.UpdatedBy);
}
