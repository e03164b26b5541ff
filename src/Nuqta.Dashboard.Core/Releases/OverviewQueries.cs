using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>One alias of a model as the overview shows it.</summary>
public sealed record AliasHolding(string Alias, string? Version, int Revision, DateTime UpdatedAtUtc);

/// <summary>A model with the version each of its aliases points to.</summary>
public sealed record ModelAliases(string Model, string Team, IReadOnlyList<AliasHolding> Aliases);

/// <summary>Reads what the overview page shows about releases: aliases per model.</summary>
public sealed class OverviewQueries(IDbContextFactory<NuqtaDbContext> contexts)
{
    /// <summary>Maximum number of models the overview lists.</summary>
    public const int MaxModels = 100;

    /// <summary>Returns every model (up to <see cref="MaxModels"/>, by name) with its aliases in the usual order.</summary>
    public async Task<IReadOnlyList<ModelAliases>> ListModelAliasesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var models = await db.Models.AsNoTracking()
            .OrderBy(m => m.NormalizedName)
            .Take(MaxModels)
            .Select(m => new
            {
                m.Name,
                m.Team,
                Aliases = m.Aliases.Select(a => new AliasHolding(a.Name, a.ModelVersion!.Label, a.Revision, a.UpdatedAtUtc)).ToList(),
            })
            .ToListAsync(cancellationToken);
        return models.Select(m => new ModelAliases(m.Name, m.Team, Order(m.Aliases))).ToList();
    }

    private static IReadOnlyList<AliasHolding> Order(List<AliasHolding> aliases) =>
        aliases
            .OrderBy(a => ModelRegistry.DefaultAliases.ToList().IndexOf(a.Alias) is var i && i < 0 ? int.MaxValue : i)
            .ThenBy(a => a.Alias, StringComparer.Ordinal)
            .ToList();
}
