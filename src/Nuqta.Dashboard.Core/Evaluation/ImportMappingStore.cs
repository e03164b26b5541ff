using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>The column roles last used to import results into a dataset, suggested again for the next file.</summary>
public sealed class ImportMapping
{
    public int DatasetId { get; set; }

    /// <summary>JSON object from column name to role.</summary>
    public string MappingJson { get; set; } = "{}";

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>Remembers the column mapping per dataset, so teams that upload the same layout every week confirm instead of re-entering it.</summary>
public sealed class ImportMappingStore(IDbContextFactory<NuqtaDbContext> contexts, TimeProvider time)
{
    /// <summary>Returns the remembered roles for the dataset, or an empty map.</summary>
    public async Task<IReadOnlyDictionary<string, string>> GetAsync(string datasetName, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await DatasetRegistry.FindDatasetAsync(db, datasetName, cancellationToken);
        var stored = await db.ImportMappings.AsNoTracking().FirstOrDefaultAsync(m => m.DatasetId == dataset.Id, cancellationToken);
        return stored is null
            ? new Dictionary<string, string>()
            : JsonSerializer.Deserialize<Dictionary<string, string>>(stored.MappingJson) ?? [];
    }

    /// <summary>Stores the roles used by a successful import. A preference, not a governed act, so it is not audited.</summary>
    public async Task SaveAsync(string datasetName, IReadOnlyDictionary<string, string> roles, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await DatasetRegistry.FindDatasetAsync(db, datasetName, cancellationToken);
        var stored = await db.ImportMappings.FirstOrDefaultAsync(m => m.DatasetId == dataset.Id, cancellationToken);
        if (stored is null)
        {
            stored = new ImportMapping { DatasetId = dataset.Id };
            db.ImportMappings.Add(stored);
        }

        stored.MappingJson = JsonSerializer.Serialize(roles);
        stored.UpdatedAtUtc = time.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
    }
}
