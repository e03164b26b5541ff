using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Comparisons;

/// <summary>A model's gate policy as stored, or the default when <see cref="IsDefault"/>.</summary>
public sealed record GatePolicyView(string Model, IReadOnlyList<string> CriticalMetrics, IReadOnlyList<string>? CountedDimensions, bool IsDefault);

/// <summary>A request to set a model's gate policy; null counted dimensions means every dimension counts.</summary>
public sealed record SetGatePolicyRequest(IReadOnlyList<string>? CriticalMetrics, IReadOnlyList<string>? CountedDimensions);

/// <summary>Reads gate policies and lets admins change them, with an audit event per change.</summary>
public sealed class GatePolicyService(IDbContextFactory<NuqtaDbContext> contexts, AuditedWriter writer, TimeProvider time)
{
    /// <summary>Returns the model's policy, or the default rules when none is stored.</summary>
    /// <exception cref="NotFoundException">No model has this name.</exception>
    public async Task<GatePolicyView> GetAsync(string modelName, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelName, cancellationToken);
        var policy = await db.GatePolicies.AsNoTracking().FirstOrDefaultAsync(p => p.ModelId == model.Id, cancellationToken);
        return policy is null
            ? new GatePolicyView(model.Name, GateRules.Default.CriticalMetrics, null, IsDefault: true)
            : ToView(model.Name, policy);
    }

    /// <summary>Returns the rules the gate applies to the model.</summary>
    public async Task<GateRules> GetRulesAsync(string modelName, CancellationToken cancellationToken = default)
    {
        var view = await GetAsync(modelName, cancellationToken);
        return new GateRules(view.CriticalMetrics, view.CountedDimensions);
    }

    /// <summary>Stores the model's policy and records <c>gate-policy.updated</c>. Admins only.</summary>
    /// <exception cref="AccessDeniedException">The actor is not an admin.</exception>
    /// <exception cref="InputValidationException">No critical metric is given, or one is not in the metric catalogue.</exception>
    public async Task<GatePolicyView> SetAsync(Actor actor, string modelName, SetGatePolicyRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.Administer);
        var critical = (request.CriticalMetrics ?? []).Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (critical.Count == 0)
        {
            throw new InputValidationException("criticalMetrics must name at least one metric key, for example faithfulness", "criticalMetrics");
        }

        var dimensions = request.CountedDimensions?.Select(d => d.Trim()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return await writer.RunAsync(actor, async db =>
        {
            var known = await db.Metrics.Where(m => critical.Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken);
            var unknown = critical.Except(known).ToList();
            if (unknown.Count > 0)
            {
                throw new InputValidationException($"metric {string.Join(", ", unknown)} is not in the metric catalogue; list metrics with GET /api/v1/metrics", "criticalMetrics", string.Join(",", unknown));
            }

            var model = await FindModelAsync(db, modelName, cancellationToken);
            var policy = await db.GatePolicies.FirstOrDefaultAsync(p => p.ModelId == model.Id, cancellationToken);
            var before = policy is null ? null : ToView(model.Name, policy);
            if (policy is null)
            {
                policy = new GatePolicy { ModelId = model.Id };
                db.GatePolicies.Add(policy);
            }

            policy.CriticalMetricsJson = JsonSerializer.Serialize(critical);
            policy.CountedDimensionsJson = dimensions is null ? null : JsonSerializer.Serialize(dimensions);
            policy.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
            policy.UpdatedBy = actor.Name;
            var after = ToView(model.Name, policy);
            return new Audited<GatePolicyView>(after, new AuditEntry("gate-policy.updated", "model", model.Name, before, after));
        }, cancellationToken);
    }

    private static async Task<Registry.Model> FindModelAsync(NuqtaDbContext db, string modelName, CancellationToken cancellationToken)
    {
        var normalized = Names.Normalize(modelName);
        return await db.Models.AsNoTracking().FirstOrDefaultAsync(m => m.NormalizedName == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model is named '{modelName}'.");
    }

    private static GatePolicyView ToView(string model, GatePolicy policy) => new(
        model,
        JsonSerializer.Deserialize<List<string>>(policy.CriticalMetricsJson)!,
        policy.CountedDimensionsJson is null ? null : JsonSerializer.Deserialize<List<string>>(policy.CountedDimensionsJson),
        IsDefault: false);
}
