using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Registry;

/// <summary>Registers datasets, reads their versions, examples and lineage.</summary>
public sealed class DatasetRegistry(IDbContextFactory<NuqtaDbContext> contexts, AuditedWriter writer, TimeProvider time)
{
    public async Task<Paged<DatasetSummary>> ListDatasetsAsync(ListQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var datasets = db.Datasets.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var term = query.Search.Trim().ToLowerInvariant();
            datasets = datasets.Where(d => d.NormalizedName.Contains(term) || d.Team.ToLower().Contains(term) || d.Description.ToLower().Contains(term));
        }

        datasets = (query.Sort, query.Descending) switch
        {
            ("team", false) => datasets.OrderBy(d => d.Team).ThenBy(d => d.NormalizedName),
            ("team", true) => datasets.OrderByDescending(d => d.Team).ThenBy(d => d.NormalizedName),
            ("purpose", false) => datasets.OrderBy(d => d.Purpose).ThenBy(d => d.NormalizedName),
            ("purpose", true) => datasets.OrderByDescending(d => d.Purpose).ThenBy(d => d.NormalizedName),
            ("created", false) => datasets.OrderBy(d => d.CreatedAtUtc),
            ("created", true) => datasets.OrderByDescending(d => d.CreatedAtUtc),
            (_, true) => datasets.OrderByDescending(d => d.NormalizedName),
            _ => datasets.OrderBy(d => d.NormalizedName),
        };

        var total = await datasets.CountAsync(cancellationToken);
        var rows = await datasets
            .Skip((query.SafePage - 1) * query.SafePageSize)
            .Take(query.SafePageSize)
            .Select(d => new
            {
                d.Id,
                d.Name,
                d.Purpose,
                d.Team,
                d.Description,
                Count = d.Versions.Count(v => v.State == StoreState.Committed),
                Latest = d.Versions.Where(v => v.State == StoreState.Committed).OrderByDescending(v => v.CreatedAtUtc).Select(v => v.Label).FirstOrDefault(),
                d.CreatedAtUtc,
            })
            .ToListAsync(cancellationToken);
        var items = rows.Select(r => new DatasetSummary(r.Id, r.Name, DatasetPurposes.ToName(r.Purpose), r.Team, r.Description, r.Count, r.Latest, r.CreatedAtUtc)).ToList();
        return new Paged<DatasetSummary>(items, total, query.SafePage, query.SafePageSize);
    }

    /// <exception cref="NotFoundException">No dataset has this name.</exception>
    public async Task<DatasetDetail> GetDatasetAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await FindDatasetAsync(db, name, cancellationToken);
        var versionIds = await db.DatasetVersions.AsNoTracking()
            .Where(v => v.DatasetId == dataset.Id && v.State == StoreState.Committed)
            .OrderByDescending(v => v.CreatedAtUtc).ThenByDescending(v => v.Id)
            .Select(v => v.Id)
            .ToListAsync(cancellationToken);
        var versions = new List<DatasetVersionView>();
        foreach (var id in versionIds)
        {
            versions.Add(await LoadVersionViewAsync(db, id, cancellationToken));
        }

        return new DatasetDetail(dataset.Id, dataset.Name, DatasetPurposes.ToName(dataset.Purpose), dataset.Team, dataset.Description, dataset.CreatedAtUtc, dataset.CreatedBy, versions);
    }

    public async Task<DatasetDetail> RegisterDatasetAsync(Actor actor, RegisterDatasetRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.RegistryWrite);
        var errors = new InputErrorCollector();
        ModelRegistry.AddIfError(errors, Names.CheckName(request.Name, "name"));
        var purpose = DatasetPurposes.Parse(request.Purpose);
        if (purpose is null)
        {
            errors.Add(new InputError($"purpose '{request.Purpose}' is invalid; use one of {string.Join(", ", DatasetPurposes.All)}", "purpose", Value: request.Purpose));
        }

        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.Team, "team", 64));
        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.Description, "description", 4000));
        errors.ThrowIfAny();

        var name = request.Name.Trim();
        var normalized = Names.Normalize(name);
        await writer.RunAsync(actor, async db =>
        {
            if (await db.Datasets.AnyAsync(d => d.NormalizedName == normalized, cancellationToken))
            {
                throw new ConflictException($"A dataset named '{name}' already exists; choose another name or add a version to that dataset.");
            }

            var dataset = new Dataset
            {
                Name = name,
                NormalizedName = normalized,
                Purpose = purpose!.Value,
                Team = request.Team?.Trim() ?? "",
                Description = request.Description?.Trim() ?? "",
                CreatedAtUtc = time.GetUtcNow().UtcDateTime,
                CreatedBy = actor.Name,
            };
            db.Datasets.Add(dataset);
            await db.SaveChangesAsync(cancellationToken);
            return new Audited<int>(dataset.Id, new AuditEntry("dataset.registered", "dataset", dataset.Name, After: Snapshot(dataset)));
        }, cancellationToken);

        return await GetDatasetAsync(name, cancellationToken);
    }

    /// <summary>Changes a dataset's team and description; name and purpose stay.</summary>
    public async Task<DatasetDetail> UpdateDatasetAsync(Actor actor, string name, UpdateDatasetRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.RegistryWrite);
        var errors = new InputErrorCollector();
        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.Team, "team", 64));
        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.Description, "description", 4000));
        errors.ThrowIfAny();

        await writer.RunAsync(actor, async db =>
        {
            var dataset = await FindDatasetAsync(db, name, cancellationToken, track: true);
            var before = Snapshot(dataset);
            dataset.Team = request.Team?.Trim() ?? dataset.Team;
            dataset.Description = request.Description?.Trim() ?? dataset.Description;
            return new Audited<int>(dataset.Id, new AuditEntry("dataset.updated", "dataset", dataset.Name, before, Snapshot(dataset)));
        }, cancellationToken);

        return await GetDatasetAsync(name, cancellationToken);
    }

    /// <summary>Changes a dataset version's description, the one field that does not change its identity.</summary>
    public async Task<DatasetVersionView> UpdateVersionDescriptionAsync(Actor actor, string datasetName, string label, string? description, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.RegistryWrite);
        var error = ModelRegistry.CheckText(description, "description", 4000);
        if (error is not null)
        {
            throw new InputValidationException([error]);
        }

        var id = await writer.RunAsync(actor, async db =>
        {
            var dataset = await FindDatasetAsync(db, datasetName, cancellationToken);
            var version = await FindVersionAsync(db, dataset, label, cancellationToken, track: true);
            var before = new { dataset = dataset.Name, version = version.Label, description = version.Description };
            version.Description = description?.Trim() ?? "";
            var after = new { dataset = dataset.Name, version = version.Label, description = version.Description };
            return new Audited<int>(version.Id, new AuditEntry("dataset.version.updated", "dataset-version", $"{dataset.Name}/{version.Label}", before, after));
        }, cancellationToken);

        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        return await LoadVersionViewAsync(read, id, cancellationToken);
    }

    /// <exception cref="NotFoundException">The dataset or version does not exist.</exception>
    public async Task<DatasetVersionView> GetVersionAsync(string datasetName, string label, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await FindDatasetAsync(db, datasetName, cancellationToken);
        var version = await FindVersionAsync(db, dataset, label, cancellationToken);
        return await LoadVersionViewAsync(db, version.Id, cancellationToken);
    }

    /// <summary>Returns a page of examples in example order, optionally only those with one segment value.</summary>
    public async Task<Paged<ExampleView>> ListExamplesAsync(
        string datasetName,
        string label,
        int page,
        int pageSize,
        string? segmentDimension = null,
        string? segmentValue = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var dataset = await FindDatasetAsync(db, datasetName, cancellationToken);
        var version = await FindVersionAsync(db, dataset, label, cancellationToken);
        var dimensions = await db.SegmentDimensions.AsNoTracking()
            .Where(d => d.DatasetVersionId == version.Id)
            .OrderBy(d => d.Ordinal)
            .ToListAsync(cancellationToken);
        var decoded = dimensions.Select(d => (d.Name, Values: JsonSerializer.Deserialize<string[]>(d.ValuesJson)!, Codes: SegmentCodes.Unpack(d.Codes))).ToList();

        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        IQueryable<DatasetExample> examples = db.DatasetExamples.AsNoTracking().Where(e => e.DatasetVersionId == version.Id);
        int total;
        List<DatasetExample> rows;
        if (segmentDimension is not null && segmentValue is not null)
        {
            var dimension = decoded.FirstOrDefault(d => d.Name == segmentDimension);
            if (dimension.Values is null)
            {
                throw new NotFoundException($"Dataset version '{dataset.Name}/{version.Label}' has no segment '{segmentDimension}'.");
            }

            var code = Array.IndexOf(dimension.Values, segmentValue);
            var indexes = Enumerable.Range(0, dimension.Codes.Length).Where(i => dimension.Codes[i] == code).ToList();
            total = indexes.Count;
            var pageIndexes = indexes.Skip((page - 1) * pageSize).Take(pageSize).ToList();
            rows = await examples.Where(e => pageIndexes.Contains(e.ExampleIndex)).OrderBy(e => e.ExampleIndex).ToListAsync(cancellationToken);
        }
        else
        {
            total = version.RowCount;
            rows = await examples.Where(e => e.ExampleIndex >= (page - 1) * pageSize && e.ExampleIndex < page * pageSize)
                .OrderBy(e => e.ExampleIndex)
                .ToListAsync(cancellationToken);
        }

        var items = rows.Select(e => new ExampleView(
            e.ExampleIndex,
            e.Key,
            e.Input,
            e.Reference,
            decoded.ToDictionary(d => d.Name, d => d.Values[d.Codes[e.ExampleIndex]]))).ToList();
        return new Paged<ExampleView>(items, total, page, pageSize);
    }

    internal static async Task<Dataset> FindDatasetAsync(NuqtaDbContext db, string name, CancellationToken cancellationToken, bool track = false)
    {
        var normalized = Names.Normalize(name ?? "");
        var query = track ? db.Datasets : db.Datasets.AsNoTracking();
        return await query.FirstOrDefaultAsync(d => d.NormalizedName == normalized, cancellationToken)
            ?? throw new NotFoundException($"No dataset is named '{name}'.");
    }

    internal static async Task<DatasetVersion> FindVersionAsync(NuqtaDbContext db, Dataset dataset, string label, CancellationToken cancellationToken, bool track = false)
    {
        var normalized = Names.Normalize(label ?? "");
        var query = track ? db.DatasetVersions : db.DatasetVersions.AsNoTracking();
        return await query.FirstOrDefaultAsync(v => v.DatasetId == dataset.Id && v.NormalizedLabel == normalized && v.State == StoreState.Committed, cancellationToken)
            ?? throw new NotFoundException($"Dataset '{dataset.Name}' has no version '{label}'.");
    }

    internal static async Task<DatasetVersionView> LoadVersionViewAsync(NuqtaDbContext db, int versionId, CancellationToken cancellationToken)
    {
        var version = await db.DatasetVersions.AsNoTracking().Include(v => v.Dataset).FirstAsync(v => v.Id == versionId, cancellationToken);
        var dimensions = await db.SegmentDimensions.AsNoTracking()
            .Where(d => d.DatasetVersionId == versionId)
            .OrderBy(d => d.Ordinal)
            .Select(d => new { d.Name, d.ValuesJson, d.CountsJson })
            .ToListAsync(cancellationToken);
        var parents = await db.DatasetVersionParents.AsNoTracking()
            .Where(p => p.ChildId == versionId)
            .Select(p => new DatasetVersionRef(p.Parent!.Dataset!.Name, p.Parent.Label))
            .ToListAsync(cancellationToken);
        var children = await db.DatasetVersionParents.AsNoTracking()
            .Where(p => p.ParentId == versionId && p.Child!.State == StoreState.Committed)
            .Select(p => new DatasetVersionRef(p.Child!.Dataset!.Name, p.Child.Label))
            .ToListAsync(cancellationToken);

        // Other versions of the dataset made from a file with the same bytes hold the same examples.
        var sameContent = await db.DatasetVersions.AsNoTracking()
            .Where(v => v.DatasetId == version.DatasetId && v.Id != versionId && v.State == StoreState.Committed && v.ContentSha256 == version.ContentSha256)
            .OrderBy(v => v.Id)
            .Select(v => v.Label)
            .ToListAsync(cancellationToken);

        var segments = dimensions.Select(d =>
        {
            var values = JsonSerializer.Deserialize<string[]>(d.ValuesJson)!;
            var counts = JsonSerializer.Deserialize<int[]>(d.CountsJson)!;
            var pairs = values.Zip(counts, (v, c) => new SegmentValueCount(v, c)).OrderByDescending(p => p.Count).ThenBy(p => p.Value, StringComparer.Ordinal).ToList();
            return new SegmentDimensionView(d.Name, pairs);
        }).ToList();

        return new DatasetVersionView(
            version.Id,
            version.Dataset!.Name,
            version.Label,
            version.ContentSha256,
            version.RowCount,
            version.SourceFileName,
            version.SourceFormat,
            version.IdField,
            version.InputField,
            version.ReferenceField,
            version.Description,
            segments,
            parents,
            children,
            version.CreatedAtUtc,
            version.CreatedBy,
            sameContent);
    }

    private static object Snapshot(Dataset d) => new { name = d.Name, purpose = DatasetPurposes.ToName(d.Purpose), team = d.Team, description = d.Description };
}

/// <summary>Packs and unpacks segment codes: 32-bit little-endian integers in example order.</summary>
public static class SegmentCodes
{
    public static byte[] Pack(IReadOnlyList<int> codes)
    {
        var bytes = new byte[codes.Count * 4];
        for (var i = 0; i < codes.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(i * 4), codes[i]);
        }

        return bytes;
    }

    public static int[] Unpack(byte[] bytes)
    {
        var codes = new int[bytes.Length / 4];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4));
        }

        return codes;
    }
}
