using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Common.Tabular;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Core.Registry;

/// <summary>
/// Creates a dataset version from an examples file. Examples are written in chunks under a
/// version in state <c>Pending</c>, outside any long transaction, so other writers wait at most
/// for one chunk; one short final transaction marks the version committed and writes its audit
/// event. A rejected file leaves no version behind, only an audit event recording the rejection.
/// </summary>
public sealed class DatasetVersionCreator(
    IDbContextFactory<NuqtaDbContext> contexts,
    IWriteTransactions transactions,
    IExampleBulkWriter bulkWriter,
    AuditTrail audit,
    AuditedWriter writer,
    TimeProvider time,
    ILogger<DatasetVersionCreator> logger)
{
    private const int ChunkSize = 5000;

    /// <summary>Most distinct values a segment field may have; more means it is not a segment.</summary>
    public const int MaxSegmentValues = 1000;

    public async Task<DatasetVersionView> CreateAsync(Actor actor, string datasetName, CreateDatasetVersionRequest request, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.RegistryWrite);
        ValidateRequest(request);

        var label = request.Version.Trim();
        var dataset = await LoadDatasetAsync(datasetName, cancellationToken);
        var parentIds = await ResolveParentsAsync(dataset, request.ParentVersions, cancellationToken);
        var format = TabularFile.ParseFormat(request.Format);
        TabularSniff sniff;
        try
        {
            sniff = TabularFile.Sniff(request.FilePath, request.FileName, format);
        }
        catch (InputValidationException ex)
        {
            // An empty, binary, non-UTF-8 or mislabelled file is rejected before any row is stored.
            await RecordRejectionAsync(actor, dataset, label, request, ex);
            throw;
        }

        var sha256 = await HashFileAsync(request.FilePath, cancellationToken);

        var versionId = await CreatePendingVersionAsync(dataset, label, request, sniff, sha256, actor, cancellationToken);
        try
        {
            var outcome = await WriteExamplesAsync(versionId, request, sniff, cancellationToken);
            await CommitAsync(actor, dataset, versionId, parentIds, request, outcome, cancellationToken);
        }
        catch (Exception ex) when (ex is InputValidationException or OperationCanceledException or IOException)
        {
            await DiscardAsync(actor, dataset, label, versionId, request, ex, cancellationToken);
            throw;
        }

        logger.LogInformation("Created dataset version {Dataset}/{Version} (id {VersionId}) from {FileName}", dataset.Name, label, versionId, request.FileName);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DatasetRegistry.LoadVersionViewAsync(db, versionId, cancellationToken);
    }

    private static void ValidateRequest(CreateDatasetVersionRequest request)
    {
        var errors = new InputErrorCollector();
        ModelRegistry.AddIfError(errors, Names.CheckLabel(request.Version, "version"));
        if (string.IsNullOrWhiteSpace(request.InputField))
        {
            errors.Add(new InputError("inputField is required: name the field that contains each example's input text", "inputField"));
        }

        ModelRegistry.AddIfError(errors, ModelRegistry.CheckText(request.Description, "description", 4000));
        var roles = new List<(string Role, string? Field)> { ("idField", request.IdField), ("inputField", request.InputField), ("referenceField", request.ReferenceField) };
        roles.AddRange(request.SegmentFields.Select(s => ("segmentFields", (string?)s)));
        var used = roles.Where(r => !string.IsNullOrWhiteSpace(r.Field)).GroupBy(r => r.Field!.Trim(), StringComparer.Ordinal);
        foreach (var group in used.Where(g => g.Count() > 1))
        {
            errors.Add(new InputError($"field '{group.Key}' is chosen more than once ({string.Join(", ", group.Select(g => g.Role))}); give each field one role", "segmentFields", Value: group.Key));
        }

        errors.ThrowIfAny();
    }

    private async Task<Dataset> LoadDatasetAsync(string datasetName, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await DatasetRegistry.FindDatasetAsync(db, datasetName, cancellationToken);
    }

    private async Task<List<int>> ResolveParentsAsync(Dataset dataset, IReadOnlyList<string> parents, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var ids = new List<int>();
        var errors = new InputErrorCollector();
        foreach (var reference in parents.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).Distinct())
        {
            var slash = reference.IndexOf('/');
            var datasetName = slash < 0 ? dataset.Name : reference[..slash];
            var label = slash < 0 ? reference : reference[(slash + 1)..];
            try
            {
                var parentDataset = await DatasetRegistry.FindDatasetAsync(db, datasetName, cancellationToken);
                var parent = await DatasetRegistry.FindVersionAsync(db, parentDataset, label, cancellationToken);
                ids.Add(parent.Id);
            }
            catch (NotFoundException ex)
            {
                errors.Add(new InputError($"parent version '{reference}' was not found ({ex.Message}); name a version of this dataset or dataset/version", "parentVersions", Value: reference));
            }
        }

        errors.ThrowIfAny();
        return ids;
    }

    private async Task<int> CreatePendingVersionAsync(Dataset dataset, string label, CreateDatasetVersionRequest request, TabularSniff sniff, string sha256, Actor actor, CancellationToken cancellationToken)
    {
        var normalized = Names.Normalize(label);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.DatasetVersions.AnyAsync(v => v.DatasetId == dataset.Id && v.NormalizedLabel == normalized, cancellationToken))
        {
            throw new ConflictException($"Dataset '{dataset.Name}' already has a version '{label}'; versions are immutable, so upload the new file under a new label.");
        }

        var version = new DatasetVersion
        {
            DatasetId = dataset.Id,
            Label = label,
            NormalizedLabel = normalized,
            State = StoreState.Pending,
            ContentSha256 = sha256,
            SourceFileName = Path.GetFileName(request.FileName),
            SourceFormat = sniff.Format.ToString().ToLowerInvariant(),
            IdField = Blank(request.IdField),
            InputField = request.InputField.Trim(),
            ReferenceField = Blank(request.ReferenceField),
            Description = request.Description?.Trim() ?? "",
            CreatedAtUtc = time.GetUtcNow().UtcDateTime,
            CreatedBy = actor.Name,
        };
        db.DatasetVersions.Add(version);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The unique index on (dataset, label) also covers pending versions: a concurrent upload got the label first.
            throw new ConflictException($"Dataset '{dataset.Name}' already has a version '{label}' (another upload registered it a moment ago).");
        }

        return version.Id;
    }

    private sealed record WriteOutcome(int RowCount, IReadOnlyList<SegmentDimension> Dimensions, List<ExampleKeyDigest> KeyDigests);

    private async Task<WriteOutcome> WriteExamplesAsync(int versionId, CreateDatasetVersionRequest request, TabularSniff sniff, CancellationToken cancellationToken)
    {
        var idField = Blank(request.IdField);
        var inputField = request.InputField.Trim();
        var referenceField = Blank(request.ReferenceField);
        var segmentFields = request.SegmentFields.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s.Trim()).ToList();

        var errors = new InputErrorCollector();
        var keys = new Dictionary<string, long>(StringComparer.Ordinal);
        var duplicates = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var segments = segmentFields.Select(name => new SegmentAccumulator(name)).ToList();
        var chunk = new List<DatasetExample>(ChunkSize);
        var digests = new List<ExampleKeyDigest>();
        var index = 0;
        var checkedColumns = false;
        var firstSeen = request.TakeRepeatedExamplesOnce ? new Dictionary<string, RepeatedExample>(StringComparer.Ordinal) : null;

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        foreach (var row in TabularFile.ReadRows(request.FilePath, sniff))
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!checkedColumns && sniff.Format is TabularFormat.Csv or TabularFormat.Tsv)
            {
                CheckColumnsExist(row, idField, inputField, referenceField, segmentFields);
                checkedColumns = true;
            }

            var input = row[inputField];
            if (string.IsNullOrWhiteSpace(input))
            {
                errors.Add(new InputError("the input is empty; every example needs input text", Line: row.Line, Column: inputField, Value: input ?? "(absent)"));
                index++;
                continue;
            }

            string key;
            if (idField is not null)
            {
                var id = row[idField]?.Trim();
                if (string.IsNullOrEmpty(id))
                {
                    errors.Add(new InputError("the id is empty; every example needs an id when an id field is chosen", Line: row.Line, Column: idField, Value: id ?? "(absent)"));
                    index++;
                    continue;
                }

                key = id;
            }
            else
            {
                key = ExampleKeys.FromInput(input);
            }

            if (firstSeen is not null && keys.ContainsKey(key))
            {
                // A results file with one row per model version repeats each example. It is taken
                // once, and only when every repetition agrees on the reference and the segments.
                var conflict = firstSeen[key].Conflict(row, referenceField, segmentFields);
                if (conflict is not null)
                {
                    errors.Add(new InputError($"this row repeats the example of line {keys[key]} with a different value in this column; a repeated example must have the same reference and segment values", Line: row.Line, Column: conflict, Value: row[conflict]));
                }

                continue;
            }

            if (firstSeen is not null)
            {
                firstSeen[key] = RepeatedExample.From(row, referenceField, segmentFields);
            }

            if (!keys.TryAdd(key, row.Line))
            {
                if (!duplicates.TryGetValue(key, out var lines))
                {
                    lines = [keys[key]];
                    duplicates[key] = lines;
                }

                lines.Add(row.Line);
            }

            foreach (var segment in segments)
            {
                if (!segment.Add(row[segment.Name]?.Trim() ?? ""))
                {
                    errors.Add(new InputError($"the segment field has more than {MaxSegmentValues} distinct values, so it is not a segment; choose a field with few values (language, intent...)", Line: row.Line, Column: segment.Name));
                }
            }

            if (!errors.HasErrors && duplicates.Count == 0)
            {
                chunk.Add(new DatasetExample
                {
                    DatasetVersionId = versionId,
                    ExampleIndex = index,
                    Key = key,
                    Input = input,
                    Reference = referenceField is null ? null : row[referenceField],
                });
                digests.Add(ExampleKeyDigest.Of(key));
                if (chunk.Count == ChunkSize)
                {
                    await bulkWriter.WriteAsync(db, chunk, cancellationToken);
                    chunk.Clear();
                }
            }

            index++;
        }

        foreach (var (key, lines) in duplicates)
        {
            var shown = key.StartsWith(ExampleKeys.HashPrefix, StringComparison.Ordinal) ? "the same input text" : $"the key '{key}'";
            errors.Add(new InputError($"{shown} appears on lines {string.Join(", ", lines)}; example keys must be unique within a version", Line: lines[0], Column: idField ?? inputField, Value: key));
        }

        if (index == 0 && !errors.HasErrors)
        {
            errors.Add(new InputError("the file has no examples; it needs at least one row after the header", Line: 1));
        }

        errors.ThrowIfAny();
        if (chunk.Count > 0)
        {
            await bulkWriter.WriteAsync(db, chunk, cancellationToken);
        }

        var dimensions = segments.Select((s, ordinal) => s.ToDimension(versionId, ordinal)).ToList();
        return new WriteOutcome(index, dimensions, digests);
    }

    private static void CheckColumnsExist(TabularRow row, string? idField, string inputField, string? referenceField, List<string> segmentFields)
    {
        var errors = new InputErrorCollector();
        var fields = new List<(string Role, string? Name)> { ("id field", idField), ("input field", inputField), ("reference field", referenceField) };
        fields.AddRange(segmentFields.Select(s => ("segment field", (string?)s)));
        foreach (var (role, name) in fields)
        {
            if (name is not null && !row.Has(name))
            {
                var available = string.Join(", ", row.Fields.Keys.Take(30));
                errors.Add(new InputError($"the {role} '{name}' is not a column of the file; its columns are: {available}", Line: 1, Column: name, Value: name));
            }
        }

        errors.ThrowIfAny();
    }

    private async Task CommitAsync(Actor actor, Dataset dataset, int versionId, List<int> parentIds, CreateDatasetVersionRequest request, WriteOutcome outcome, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await transactions.BeginAsync(db, cancellationToken);
        var version = await db.DatasetVersions.FirstAsync(v => v.Id == versionId, cancellationToken);
        version.State = StoreState.Committed;
        version.RowCount = outcome.RowCount;
        db.SegmentDimensions.AddRange(outcome.Dimensions);
        foreach (var parentId in parentIds)
        {
            db.DatasetVersionParents.Add(new DatasetVersionParent { ChildId = versionId, ParentId = parentId });
        }

        await db.SaveChangesAsync(cancellationToken);
        ExampleKeyDigestStore.Write(db, versionId, System.Runtime.InteropServices.CollectionsMarshal.AsSpan(outcome.KeyDigests));
        var after = new
        {
            dataset = dataset.Name,
            version = version.Label,
            sha256 = version.ContentSha256,
            rows = version.RowCount,
            file = version.SourceFileName,
            format = version.SourceFormat,
            idField = version.IdField,
            inputField = version.InputField,
            referenceField = version.ReferenceField,
            segments = outcome.Dimensions.Select(d => d.Name).ToArray(),
            parents = request.ParentVersions,
        };
        await audit.AppendAsync(db, actor, new AuditEntry("dataset.version.created", "dataset-version", $"{dataset.Name}/{version.Label}", After: after), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task DiscardAsync(Actor actor, Dataset dataset, string label, int versionId, CreateDatasetVersionRequest request, Exception reason, CancellationToken cancellationToken)
    {
        // Runs even when the caller cancelled, so that no pending rows stay behind.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.DatasetExamples.Where(e => e.DatasetVersionId == versionId).ExecuteDeleteAsync(CancellationToken.None);
        await db.DatasetVersions.Where(v => v.Id == versionId).ExecuteDeleteAsync(CancellationToken.None);
        await RecordRejectionAsync(actor, dataset, label, request, reason);
    }

    private async Task RecordRejectionAsync(Actor actor, Dataset dataset, string label, CreateDatasetVersionRequest request, Exception reason)
    {
        var errorCount = reason is InputValidationException invalid ? invalid.Errors.Count : 0;
        var after = new { dataset = dataset.Name, version = label, file = Path.GetFileName(request.FileName), errors = errorCount, firstError = reason.Message };
        await writer.RecordAsync(actor, new AuditEntry("dataset.version.rejected", "dataset-version", $"{dataset.Name}/{label}", After: after), CancellationToken.None);
        logger.LogInformation("Rejected dataset version {Dataset}/{Version} from {FileName}: {ErrorCount} errors", dataset.Name, label, request.FileName, errorCount);
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = File.OpenRead(path);
        var hash = await SHA256.HashDataAsync(file, cancellationToken);
        return Convert.ToHexStringLower(hash);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private sealed class SegmentAccumulator(string name)
    {
        private readonly Dictionary<string, int> _codes = new(StringComparer.Ordinal);
        private readonly List<string> _values = [];
        private readonly List<int> _counts = [];
        private readonly List<int> _exampleCodes = [];

        public string Name { get; } = name;

        public bool Add(string value)
        {
            if (!_codes.TryGetValue(value, out var code))
            {
                if (_values.Count >= MaxSegmentValues)
                {
                    _exampleCodes.Add(0);
                    return false;
                }

                code = _values.Count;
                _codes[value] = code;
                _values.Add(value);
                _counts.Add(0);
            }

            _counts[code]++;
            _exampleCodes.Add(code);
            return true;
        }

        public SegmentDimension ToDimension(int versionId, int ordinal) => new()
        {
            DatasetVersionId = versionId,
            Name = Name,
            Ordinal = ordinal,
            ValuesJson = JsonSerializer.Serialize(_values),
            CountsJson = JsonSerializer.Serialize(_counts),
            Codes = SegmentCodes.Pack(_exampleCodes),
        };
    }

    /// <summary>The reference and segment values of an example's first row, to compare its repetitions against.</summary>
    private sealed record RepeatedExample(string? Reference, string[] Segments)
    {
        public static RepeatedExample From(TabularRow row, string? referenceField, List<string> segmentFields) =>
            new(referenceField is null ? null : row[referenceField], segmentFields.Select(f => row[f]?.Trim() ?? "").ToArray());

        /// <summary>Returns the name of the first field whose value differs, or null when the row agrees.</summary>
        public string? Conflict(TabularRow row, string? referenceField, List<string> segmentFields)
        {
            if (referenceField is not null && !string.Equals(Reference, row[referenceField], StringComparison.Ordinal))
            {
                return referenceField;
            }

            for (var i = 0; i < segmentFields.Count; i++)
            {
                if (!string.Equals(Segments[i], row[segmentFields[i]]?.Trim() ?? "", StringComparison.Ordinal))
                {
                    return segmentFields[i];
                }
            }

            return null;
        }
    }
}
