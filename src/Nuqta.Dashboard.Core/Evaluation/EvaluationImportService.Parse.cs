using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation.Import;
using Nuqta.Dashboard.Core.Registry;

namespace Nuqta.Dashboard.Core.Evaluation;

public sealed partial class EvaluationImportService
{
    /// <summary>The rows of one run, held as one array per metric in example order.</summary>
    private sealed class RunBuffer(string versionLabel, string? splitValue, int exampleCount)
    {
        public string VersionLabel { get; } = versionLabel;

        public string? SplitValue { get; } = splitValue;

        public Dictionary<string, PackedColumn> Values { get; } = new(StringComparer.Ordinal);

        public List<RunExampleDetail> Details { get; } = [];

        /// <summary>Line of the row already taken for each example, 0 when none; lines of files this app accepts fit in 32 bits.</summary>
        public int[] LineOf { get; private set; } = new int[exampleCount];

        public int Rows { get; set; }

        public int Matched { get; set; }

        public int Unmatched { get; set; }

        public int Errors { get; set; }

        private string[]? _packedNames;
        private PackedColumn[] _packedColumns = [];

        /// <summary>
        /// Stores a row's values at the example's index. Rows of one file share their name array,
        /// so the metric arrays are found by name once per file, not once per row and metric.
        /// </summary>
        public void Store(MetricValues row, int index, int exampleCount)
        {
            if (!ReferenceEquals(row.Names, _packedNames))
            {
                _packedColumns = row.Names.Select(name => ValuesOf(name, exampleCount)).ToArray();
                _packedNames = row.Names;
            }

            for (var position = 0; position < _packedColumns.Length; position++)
            {
                if (row.TryGetAt(position, out var value))
                {
                    _packedColumns[position].Set(index, value);
                }
            }
        }

        /// <summary>Drops the line numbers once every row is read; only duplicate checks use them.</summary>
        public void ReleaseLines() => LineOf = [];

        public PackedColumn ValuesOf(string metric, int exampleCount)
        {
            if (!Values.TryGetValue(metric, out var values))
            {
                values = new PackedColumn(exampleCount);
                Values[metric] = values;
            }

            return values;
        }
    }

    /// <summary>
    /// One metric's values in example order, NaN where missing, held in the stored layout of
    /// <see cref="RunMetricValues.Values"/> (little-endian float64), so that the import writes the
    /// array it filled instead of a packed copy of it.
    /// </summary>
    private sealed class PackedColumn
    {
        public PackedColumn(int exampleCount)
        {
            Bytes = new byte[exampleCount * sizeof(double)];
            if (BitConverter.IsLittleEndian)
            {
                System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(Bytes.AsSpan()).Fill(double.NaN);
                return;
            }

            for (var i = 0; i < exampleCount; i++)
            {
                Set(i, double.NaN);
            }
        }

        public byte[] Bytes { get; private set; }

        /// <summary>Drops the values once they are written, so that the rest of the import can reuse their memory.</summary>
        public void Release() => Bytes = [];

        public void Set(int index, double value) =>
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(Bytes.AsSpan(index * sizeof(double), sizeof(double)), value);

        /// <summary>Returns the values as doubles: a view of <see cref="Bytes"/> on little-endian machines, a converted copy otherwise.</summary>
        public ReadOnlySpan<double> AsDoubles() => BitConverter.IsLittleEndian
            ? System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(Bytes.AsSpan())
            : Unpack(Bytes);
    }

    private sealed record ParsedFile(string Format, IReadOnlyList<RunBuffer> Runs, IReadOnlyList<ImportedMetric> Metrics, List<UnmatchedRow> UnmatchedRows, long RowsRead);

    private ParsedFile Parse(ImportRunsRequest request, Target target, IProgress<ImportProgress>? progress, CancellationToken cancellationToken)
    {
        var options = BuildOptions(request);
        var importer = ResultImporter.Open(request.FilePath, request.FileName, ParseFormat(request.Format), options);
        using var cursorContext = contexts.CreateDbContext();
        using var joinKeys = OpenJoinKeys(target, cursorContext, cancellationToken);
        var runs = new Dictionary<string, RunBuffer>(StringComparer.Ordinal);
        var unmatched = new List<UnmatchedRow>();
        var errors = new InputErrorCollector();
        var unmappedSplitValues = new Dictionary<string, (long FirstLine, int Rows)>(StringComparer.Ordinal);
        long rows = 0;

        foreach (var row in importer.ReadRows())
        {
            cancellationToken.ThrowIfCancellationRequested();
            rows++;
            if (rows % 50_000 == 0)
            {
                progress?.Report(new ImportProgress("reading rows", rows, 10));
            }

            var run = RunFor(row, target, runs, unmappedSplitValues);
            if (run is null)
            {
                continue;
            }

            run.Rows++;
            var index = Join(row, joinKeys);
            if (index < 0)
            {
                run.Unmatched++;
                unmatched.Add(new UnmatchedRow { Line = row.Line, SplitValue = row.SplitValue, ExampleId = row.ExampleId, Input = Shorten(row.InputText, 2000) });
                continue;
            }

            if (run.LineOf[index] != 0)
            {
                errors.Add(new InputError(
                    $"this row is the same example as line {run.LineOf[index]} for version {run.VersionLabel}; one run holds each example once (use a trial number for repeats)",
                    Line: row.Line,
                    Column: row.ExampleId is null ? "input" : "id",
                    Value: row.ExampleId ?? Shorten(row.InputText, 80)));
                continue;
            }

            run.LineOf[index] = (int)Math.Min(row.Line, int.MaxValue);
            run.Matched++;
            if (row.IsError)
            {
                run.Errors++;
            }

            if (row.Metrics is MetricValues packed)
            {
                run.Store(packed, index, target.ExampleCount);
            }
            else
            {
                foreach (var (metric, value) in row.Metrics)
                {
                    run.ValuesOf(metric, target.ExampleCount).Set(index, value);
                }
            }

            if (row.IsError || row.Output is not null || row.Contexts.Count > 0 || row.JudgeReasons is not null)
            {
                run.Details.Add(new RunExampleDetail
                {
                    ExampleIndex = index,
                    IsError = row.IsError,
                    ErrorMessage = row.ErrorMessage,
                    Output = row.Output,
                    ContextsJson = ContextsJson(row.Contexts),
                    JudgeReasons = row.JudgeReasons,
                });
            }
        }

        // One error per split value without a version, not one per row, so every missing value is listed.
        foreach (var (value, (firstLine, count)) in unmappedSplitValues)
        {
            errors.Add(new InputError(
                $"the value '{value}' of the split column ({count} rows) has no version in versionMap; add it, for example \"{value}\": \"<version>\"",
                Line: firstLine,
                Column: request.SplitBy,
                Value: value));
        }

        if (rows == 0)
        {
            errors.Add(new InputError("the file has no result rows", Line: 1));
        }
        else if (runs.Values.All(r => r.Matched == 0))
        {
            var how = target.HasIdField ? "by id, or by input text" : "by input text";
            errors.Add(new InputError($"no row matched an example of {target.DatasetLabel} ({how}); check that the file belongs to this dataset version and that the id or input column is mapped", Line: 1));
        }

        errors.ThrowIfAny();
        foreach (var run in runs.Values)
        {
            run.ReleaseLines();
        }

        progress?.Report(new ImportProgress("rows read", rows, 50));
        return new ParsedFile(importer.Format.ToString().ToLowerInvariant(), runs.Values.ToList(), importer.Metrics, unmatched, rows);
    }

    private static ResultImportOptions BuildOptions(ImportRunsRequest request)
    {
        ColumnMapping? mapping = null;
        if (request.Mapping is { Count: > 0 })
        {
            // Columns left out of the request keep the role the app suggests for them.
            var suggested = ResultFormatDetector.Detect(request.FilePath, request.FileName, ParseFormat(request.Format)).Format == ResultFormat.Promptfoo
                ? null
                : new TableResultImporter(ResultFormat.Canonical, request.FilePath, request.FileName).Preview().Mapping;
            mapping = suggested ?? new ColumnMapping([]);
            foreach (var (column, role) in request.Mapping)
            {
                mapping = mapping.With(column, ColumnMapping.ParseRole(role));
            }
        }

        return new ResultImportOptions
        {
            Mapping = mapping,
            SplitColumn = string.IsNullOrWhiteSpace(request.SplitBy) ? null : request.SplitBy.Trim(),
            JoinVar = string.IsNullOrWhiteSpace(request.JoinField) ? null : request.JoinField.Trim(),
        };
    }

    private static ResultFormat? ParseFormat(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "canonical" => ResultFormat.Canonical,
        "ragas" => ResultFormat.Ragas,
        "promptfoo" => ResultFormat.Promptfoo,
        _ => throw new InputValidationException($"format '{format}' is unknown; use auto, canonical, ragas or promptfoo", "format", format),
    };

    private static RunBuffer? RunFor(ResultRow row, Target target, Dictionary<string, RunBuffer> runs, Dictionary<string, (long FirstLine, int Rows)> unmapped)
    {
        string label;
        string key;
        if (target.SingleLabel is { } single)
        {
            label = single;
            key = "";
        }
        else
        {
            var value = row.SplitValue ?? "";
            if (!target.LabelBySplitValue.TryGetValue(value, out var mapped))
            {
                unmapped[value] = unmapped.TryGetValue(value, out var seen) ? (seen.FirstLine, seen.Rows + 1) : (row.Line, 1);
                return null;
            }

            label = mapped;
            key = value;
        }

        if (!runs.TryGetValue(key, out var run))
        {
            run = new RunBuffer(label, target.SingleLabel is null ? key : null, target.ExampleCount);
            runs[key] = run;
        }

        return run;
    }

    /// <summary>
    /// Finds the example of a result row by the digest of its key. Evaluation tools usually write
    /// their results in the dataset's order. While each row's key is the next example's, the rows
    /// are matched by position against the stored digests, read in step, and no map is built. The
    /// first row out of order builds the map of every key (<see cref="KeyDigestMap"/>, 24 MB on a
    /// million examples), and the rest of the file is looked up in it.
    /// </summary>
    /// <remarks>
    /// The hashes of the input texts are built on first need as well: files with an id column never
    /// need them, and on a million examples they cost seconds and over 100 MB.
    /// </remarks>
    private sealed class JoinKeys(
        ExampleKeyDigestStore.DigestCursor? cursor,
        bool hasIdField,
        Func<KeyDigestMap> loadKeys,
        Func<Dictionary<ExampleKeyDigest, int>> loadInputHashes) : IDisposable
    {
        private ExampleKeyDigestStore.DigestCursor? _cursor = cursor;
        private int _next;
        private KeyDigestMap? _byKey;
        private Dictionary<ExampleKeyDigest, int>? _byInputHash;

        /// <summary>Whether the version's keys are the values of an id field rather than input hashes.</summary>
        public bool HasIdField { get; } = hasIdField;

        /// <summary>Returns the index of the example with this key digest, or -1.</summary>
        public int FindKey(ExampleKeyDigest digest)
        {
            if (_cursor is not null)
            {
                if (_cursor.TryReadNext(out var expected) && expected == digest)
                {
                    return _next++;
                }

                _cursor.Dispose();
                _cursor = null;
            }

            _byKey ??= loadKeys();
            return _byKey.Find(digest);
        }

        /// <summary>Returns the index of the example with this input hash, or -1.</summary>
        public int FindInput(ExampleKeyDigest digest)
        {
            // Without an id field the keys are the input hashes themselves.
            if (!HasIdField)
            {
                return FindKey(digest);
            }

            _byInputHash ??= loadInputHashes();
            return _byInputHash.TryGetValue(digest, out var index) ? index : -1;
        }

        public void Dispose()
        {
            _cursor?.Dispose();
            _byKey?.Dispose();
        }
    }

    private JoinKeys OpenJoinKeys(Target target, NuqtaDbContext cursorContext, CancellationToken cancellationToken)
    {
        // Versions created before key digests were stored, or on an engine that keeps none, have no
        // cursor and build the map from the key strings at the first row.
        var cursor = ExampleKeyDigestStore.OpenCursor(cursorContext, target.DatasetVersionId, target.ExampleCount);
        return new JoinKeys(cursor, target.HasIdField, () => LoadKeys(target, cancellationToken), () => LoadInputHashes(target, cancellationToken));
    }

    private KeyDigestMap LoadKeys(Target target, CancellationToken cancellationToken)
    {
        var byKey = new KeyDigestMap(target.ExampleCount);
        try
        {
            using var db = contexts.CreateDbContext();
            if (!ExampleKeyDigestStore.TryRead(db, target.DatasetVersionId, target.ExampleCount, byKey.Add))
            {
                ReadKeys(db, target.DatasetVersionId, byKey, cancellationToken);
            }

            return byKey;
        }
        catch
        {
            byKey.Dispose();
            throw;
        }
    }

    // A plain data reader, because EF Core's materializer costs more than the digests on a million rows.
    private static void ReadKeys(NuqtaDbContext db, int datasetVersionId, KeyDigestMap byKey, CancellationToken cancellationToken)
    {
        db.Database.OpenConnection();
        using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = """SELECT "ExampleIndex", "Key" FROM "DatasetExamples" WHERE "DatasetVersionId" = $version""";
        var version = command.CreateParameter();
        version.ParameterName = "$version";
        version.Value = datasetVersionId;
        command.Parameters.Add(version);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            byKey.Add(ExampleKeyDigest.Of(reader.GetString(1)), reader.GetInt32(0));
        }
    }

    private Dictionary<ExampleKeyDigest, int> LoadInputHashes(Target target, CancellationToken cancellationToken)
    {
        var byInput = new Dictionary<ExampleKeyDigest, int>(target.ExampleCount);
        using var db = contexts.CreateDbContext();
        var inputs = db.DatasetExamples.AsNoTracking()
            .Where(e => e.DatasetVersionId == target.DatasetVersionId)
            .Select(e => new { e.ExampleIndex, e.Input });
        foreach (var example in inputs.AsEnumerable())
        {
            cancellationToken.ThrowIfCancellationRequested();
            byInput.TryAdd(ExampleKeyDigest.Of(ExampleKeys.FromInput(example.Input)), example.ExampleIndex);
        }

        return byInput;
    }

    // Returns the example index the row belongs to, or -1 when it matches none.
    private static int Join(ResultRow row, JoinKeys keys)
    {
        // A version without an id field is keyed by input hashes, which no id matches.
        if (keys.HasIdField && row.ExampleId is { Length: > 0 } id && keys.FindKey(ExampleKeyDigest.Of(id.Trim())) is var byId and >= 0)
        {
            return byId;
        }

        if (row.InputText is { Length: > 0 } input && keys.FindInput(ExampleKeyDigest.Of(ExampleKeys.FromInput(input))) is var byInput and >= 0)
        {
            return byInput;
        }

        return -1;
    }

    private static string? Shorten(string? text, int length) => text is null || text.Length <= length ? text : text[..length] + "…";
}
