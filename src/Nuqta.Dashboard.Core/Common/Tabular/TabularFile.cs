using System.Text;
using System.Text.Json;

namespace Nuqta.Dashboard.Core.Common.Tabular;

/// <summary>Layouts of a file of records that the app reads as rows of named fields.</summary>
public enum TabularFormat
{
    /// <summary>Comma-separated values (or another single-character delimiter) with a header row.</summary>
    Csv,

    /// <summary>Tab-separated values with a header row.</summary>
    Tsv,

    /// <summary>A JSON array of objects.</summary>
    Json,

    /// <summary>JSON Lines: one object per line.</summary>
    Jsonl,
}

/// <summary>
/// One record of a tabular file. Values are text: JSON strings as their content, other JSON values
/// as their JSON text (numbers, <c>true</c>, arrays), and JSON null or an absent key as null.
/// Delimited rows share one column index and hold their values in an array, because a million
/// rows with a dictionary each cost hundreds of megabytes of allocation.
/// </summary>
public sealed class TabularRow
{
    private readonly IReadOnlyDictionary<string, int>? _index;
    private readonly string?[]? _values;
    private IReadOnlyDictionary<string, string?>? _fields;

    public TabularRow(long line, IReadOnlyDictionary<string, string?> fields)
    {
        Line = line;
        _fields = fields;
    }

    /// <summary>Creates a row of a delimited file from the header's column positions and the row's values.</summary>
    public TabularRow(long line, IReadOnlyDictionary<string, int> index, string?[] values)
    {
        Line = line;
        _index = index;
        _values = values;
    }

    /// <summary>1-based line on which the record starts.</summary>
    public long Line { get; }

    /// <summary>The fields by name; built on first use for delimited rows.</summary>
    public IReadOnlyDictionary<string, string?> Fields => _fields ??= _index!.ToDictionary(p => p.Key, p => _values![p.Value], StringComparer.Ordinal);

    /// <summary>Returns the field's value, or null when the field is absent or null.</summary>
    public string? this[string name] => _index is not null
        ? (_index.TryGetValue(name, out var position) ? _values![position] : null)
        : (_fields!.TryGetValue(name, out var value) ? value : null);

    /// <summary>The column positions shared by the rows of a delimited file, or null for a JSON row.</summary>
    internal IReadOnlyDictionary<string, int>? ColumnIndex => _index;

    /// <summary>Returns the field at a position of <see cref="ColumnIndex"/>; only for delimited rows.</summary>
    internal string? ValueAt(int position) => _values![position];

    /// <summary>Returns true when the row has a field of this name.</summary>
    public bool Has(string name) => _index?.ContainsKey(name) ?? _fields!.ContainsKey(name);
}

/// <summary>What a look at the start of a file found: its format and, for delimited text, the delimiter.</summary>
public sealed record TabularSniff(TabularFormat Format, char Delimiter);

/// <summary>
/// Detects the format of a tabular file and streams its records. Text must be UTF-8 (a byte order
/// mark is accepted and removed); undecodable bytes, binary content, a header with blank or
/// repeated names, and rows whose field count differs from the header are input errors that name
/// the line.
/// </summary>
public static class TabularFile
{
    private const int SniffBytes = 64 * 1024;

    /// <summary>Parses a format name as used in the API and the UI (csv, tsv, json, jsonl).</summary>
    public static TabularFormat? ParseFormat(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => null,
        "csv" => TabularFormat.Csv,
        "tsv" or "tab" => TabularFormat.Tsv,
        "json" => TabularFormat.Json,
        "jsonl" or "ndjson" or "jsonlines" => TabularFormat.Jsonl,
        _ => throw new InputValidationException($"unknown format '{name}'; use auto, csv, tsv, json or jsonl", "format", name),
    };

    /// <summary>
    /// Looks at the start of the file and decides its format. The content decides; the file name's
    /// extension is checked against it so that a mislabelled file is reported, not misread.
    /// </summary>
    public static TabularSniff Sniff(string path, string? fileName, TabularFormat? requested = null)
    {
        var head = ReadHead(path);
        var text = DecodeHead(head);
        var trimmed = text.TrimStart();
        if (trimmed.Length == 0)
        {
            throw new InputValidationException([new InputError("the file is empty; it needs a header row or a JSON array of objects", Line: 1)]);
        }

        var detected = DetectFromContent(trimmed);
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var format = requested ?? detected.Format;
        if (requested is null && IsJson(detected.Format) != IsJsonExtension(extension) && extension.Length > 0 && KnownExtension(extension))
        {
            var looksLike = IsJson(detected.Format) ? "JSON" : "delimited text";
            throw new InputValidationException(
                $"the file name ends in '{extension}' but its content looks like {looksLike}; rename the file or name its format explicitly",
                "file",
                fileName);
        }

        if (requested is { } r && IsJson(r) != IsJson(detected.Format))
        {
            var looksLike = IsJson(detected.Format) ? "JSON" : "delimited text";
            throw new InputValidationException($"the format '{r.ToString().ToLowerInvariant()}' was requested but the content looks like {looksLike}", "format", r.ToString());
        }

        var delimiter = format switch
        {
            TabularFormat.Tsv => '\t',
            TabularFormat.Csv => detected.Format == TabularFormat.Csv ? detected.Delimiter : ',',
            _ => '\0',
        };
        return new TabularSniff(format, delimiter);
    }

    /// <summary>Streams the records of the file in order.</summary>
    public static IEnumerable<TabularRow> ReadRows(string path, TabularSniff sniff)
    {
        return sniff.Format switch
        {
            TabularFormat.Csv or TabularFormat.Tsv => ReadDelimited(path, sniff.Delimiter),
            TabularFormat.Json => ReadJsonArray(path),
            TabularFormat.Jsonl => ReadJsonLines(path),
            _ => throw new ArgumentOutOfRangeException(nameof(sniff)),
        };
    }

    /// <summary>
    /// Returns the column names of the first rows and those rows, for a preview. JSON files list
    /// every key seen in the sampled rows, in order of first appearance.
    /// </summary>
    public static (IReadOnlyList<string> Columns, IReadOnlyList<TabularRow> Rows) Preview(string path, TabularSniff sniff, int maxRows = 10)
    {
        var rows = ReadRows(path, sniff).Take(maxRows).ToList();
        var columns = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (sniff.Format is TabularFormat.Csv or TabularFormat.Tsv)
        {
            columns.AddRange(ReadHeader(path, sniff.Delimiter));
        }
        else
        {
            foreach (var name in rows.SelectMany(row => row.Fields.Keys))
            {
                if (seen.Add(name))
                {
                    columns.Add(name);
                }
            }
        }

        return (columns, rows);
    }

    /// <summary>Opens the file as strict UTF-8 text; a byte order mark is removed.</summary>
    public static StreamReader OpenText(string path) =>
        new(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, new FileStreamOptions { BufferSize = 1 << 16 });

    private static IReadOnlyList<string> ReadHeader(string path, char delimiter)
    {
        using var text = OpenText(path);
        SkipBom(text);
        var header = new DelimitedRecordReader(text, delimiter).ReadRecord();
        return header ?? [];
    }

    private static IEnumerable<TabularRow> ReadDelimited(string path, char delimiter)
    {
        IReadOnlyDictionary<string, int>? index = null;
        foreach (var reader in ReadDelimitedRecords(path, delimiter))
        {
            index ??= reader.Header;
            yield return new TabularRow(reader.Reader.RecordLine, index, reader.Reader.ReadCurrentRecord());
        }
    }

    /// <summary>
    /// Streams the records of a delimited file after checking its header, with the same checks and
    /// errors as <see cref="ReadRows"/>. Each step returns the same reader positioned on the next
    /// record, whose fields are valid until the step after it.
    /// </summary>
    internal static IEnumerable<(DelimitedRecordReader Reader, IReadOnlyDictionary<string, int> Header)> ReadDelimitedRecords(string path, char delimiter)
    {
        using var text = OpenText(path);
        SkipBom(text);
        var reader = new DelimitedRecordReader(text, delimiter);
        string[]? header;
        try
        {
            header = reader.ReadRecord();
        }
        catch (DecoderFallbackException)
        {
            throw NotUtf8(1);
        }

        if (header is null)
        {
            throw new InputValidationException([new InputError("the file is empty; it needs a header row", Line: 1)]);
        }

        ValidateHeader(header);
        var index = header.Select((name, position) => (name, position)).ToDictionary(p => p.name, p => p.position, StringComparer.Ordinal);
        while (true)
        {
            bool read;
            try
            {
                read = reader.ReadFields();
            }
            catch (DecoderFallbackException)
            {
                throw NotUtf8(reader.RecordLine);
            }

            if (!read)
            {
                yield break;
            }

            if (reader.FieldCount != header.Length)
            {
                throw WrongWidthRows(reader, header, delimiter);
            }

            yield return (reader, index);
        }
    }

    // Reads on from the first row of the wrong width to the end of the file, so that the error
    // lists every such row (up to the collector's limit) and the user can fix them in one pass.
    private static InputValidationException WrongWidthRows(DelimitedRecordReader reader, string[] header, char delimiter)
    {
        var errors = new InputErrorCollector();
        errors.Add(WrongWidth(header, reader.ReadCurrentRecord(), reader.RecordLine, delimiter));
        try
        {
            while (reader.ReadFields())
            {
                if (reader.FieldCount != header.Length)
                {
                    errors.Add(WrongWidth(header, reader.ReadCurrentRecord(), reader.RecordLine, delimiter));
                }
            }
        }
        catch (DecoderFallbackException)
        {
            errors.Add(NotUtf8(reader.RecordLine).Errors[0]);
        }

        return new InputValidationException(errors.Errors.ToList(), errors.Dropped > 0);
    }

    private static IEnumerable<TabularRow> ReadJsonArray(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        SkipBom(file);
        using var filtered = new PythonJsonLiteralStream(file);
        using var reader = new JsonArrayItemReader(filtered);
        while (true)
        {
            JsonDocument? item;
            try
            {
                item = reader.ReadItem();
            }
            catch (DecoderFallbackException)
            {
                throw NotUtf8(reader.ItemLine);
            }

            if (item is null)
            {
                yield break;
            }

            using (item)
            {
                yield return ToRow(item.RootElement, reader.ItemLine, $"item {reader.ItemCount} of the array");
            }
        }
    }

    private static IEnumerable<TabularRow> ReadJsonLines(string path)
    {
        using var text = OpenText(path);
        SkipBom(text);
        long line = 0;
        while (true)
        {
            string? content;
            try
            {
                content = text.ReadLine();
            }
            catch (DecoderFallbackException)
            {
                throw NotUtf8(line + 1);
            }

            if (content is null)
            {
                yield break;
            }

            line++;
            if (string.IsNullOrWhiteSpace(content))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                var bytes = Encoding.UTF8.GetBytes(content);
                using var filtered = new PythonJsonLiteralStream(new MemoryStream(bytes));
                document = JsonDocument.Parse(filtered);
            }
            catch (JsonException ex)
            {
                var message = ex.Message.Split(" Path:")[0];
                throw new InputValidationException([new InputError($"the line is not valid JSON: {message}", Line: line)]);
            }

            using (document)
            {
                yield return ToRow(document.RootElement, line, "the line");
            }
        }
    }

    private static TabularRow ToRow(JsonElement element, long line, string what)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputValidationException([new InputError($"{what} is a JSON {element.ValueKind.ToString().ToLowerInvariant()}, not an object with named fields", Line: line)]);
        }

        var fields = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            fields[property.Name] = ToText(property.Value);
        }

        return new TabularRow(line, fields);
    }

    /// <summary>Converts a JSON value to the text form that <see cref="TabularRow"/> stores.</summary>
    public static string? ToText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };

    private static void ValidateHeader(string[] header)
    {
        var errors = new InputErrorCollector();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i];
            if (string.IsNullOrWhiteSpace(name))
            {
                errors.Add(new InputError($"column {i + 1} of the header has no name; give every column a name", Line: 1));
            }
            else if (!seen.Add(name))
            {
                errors.Add(new InputError("the header names this column twice; column names must be unique", Line: 1, Column: name));
            }
        }

        errors.ThrowIfAny();
    }

    private static byte[] ReadHead(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[SniffBytes];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = file.Read(buffer, total, buffer.Length - total)) > 0)
        {
            total += read;
        }

        return buffer[..total];
    }

    private static string DecodeHead(byte[] head)
    {
        var span = head.AsSpan();
        if (span.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            span = span[3..];
        }

        if (span.IndexOf((byte)0) >= 0)
        {
            throw new InputValidationException(
                [new InputError("the file contains NUL bytes, so it is binary, not text; upload a CSV, TSV, JSON or JSON Lines file saved as UTF-8", Line: 1)]);
        }

        // The sampled head may end inside a multi-byte character, so cut back to a character
        // boundary. The test is on the bytes read, because a removed byte order mark shortens the span.
        var length = span.Length;
        if (head.Length == SniffBytes)
        {
            while (length > 0 && (span[length - 1] & 0xC0) == 0x80)
            {
                length--;
            }

            if (length > 0 && span[length - 1] >= 0xC0)
            {
                length--;
            }
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(span[..length]);
        }
        catch (DecoderFallbackException ex)
        {
            var line = 1 + span[..Math.Max(0, Math.Min(length, ex.Index))].Count((byte)'\n');
            throw NotUtf8(line);
        }
    }

    private static TabularSniff DetectFromContent(string text)
    {
        if (text[0] == '[')
        {
            return new TabularSniff(TabularFormat.Json, '\0');
        }

        if (text[0] == '{')
        {
            // One complete object on the first line means JSON Lines; otherwise a single JSON object.
            var firstLine = text.Split('\n', 2)[0].Trim();
            try
            {
                using var _ = JsonDocument.Parse(firstLine);
                return new TabularSniff(TabularFormat.Jsonl, '\0');
            }
            catch (JsonException)
            {
                throw new InputValidationException(
                    [new InputError("the file is a single JSON object; a dataset file must be a JSON array of objects or JSON Lines (one object per line)", Line: 1)]);
            }
        }

        var header = text.Split('\n', 2)[0];
        var tabs = header.Count(c => c == '\t');
        var commas = header.Count(c => c == ',');
        var semicolons = header.Count(c => c == ';');
        if (tabs > 0 && tabs >= commas && tabs >= semicolons)
        {
            return new TabularSniff(TabularFormat.Tsv, '\t');
        }

        if (semicolons > commas)
        {
            return new TabularSniff(TabularFormat.Csv, ';');
        }

        return new TabularSniff(TabularFormat.Csv, ',');
    }

    private static bool IsJson(TabularFormat format) => format is TabularFormat.Json or TabularFormat.Jsonl;

    private static bool IsJsonExtension(string extension) => extension is ".json" or ".jsonl" or ".ndjson";

    private static bool KnownExtension(string extension) => extension is ".json" or ".jsonl" or ".ndjson" or ".csv" or ".tsv" or ".tab" or ".txt";

    private static void SkipBom(StreamReader reader)
    {
        if (reader.Peek() == 0xFEFF)
        {
            reader.Read();
        }
    }

    private static void SkipBom(Stream stream)
    {
        var bom = new byte[3];
        var read = stream.Read(bom, 0, 3);
        if (read == 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF)
        {
            return;
        }

        stream.Seek(0, SeekOrigin.Begin);
    }

    // Names the first column without a field (a short row) or the last column and the first
    // extra field (a long row), so the user can find the stray or missing delimiter.
    private static InputError WrongWidth(string[] header, string[] record, long line, char delimiter)
    {
        var hint = $"check for an unquoted '{Printable(delimiter)}' or a missing field";
        var error = record.Length < header.Length
            ? new InputError(
                $"the row has {record.Length} fields but the header has {header.Length}, so column '{header[record.Length]}' and the ones after it have no field; {hint}",
                Line: line,
                Column: header[record.Length],
                Value: record[^1])
            : new InputError(
                $"the row has {record.Length} fields but the header has {header.Length}; the first extra field follows column '{header[^1]}'; {hint}",
                Line: line,
                Column: header[^1],
                Value: record[header.Length]);
        return error;
    }

    private static string Printable(char delimiter) => delimiter == '\t' ? "tab" : delimiter.ToString();

    private static InputValidationException NotUtf8(long line) =>
        new([new InputError("the file contains bytes that are not valid UTF-8; save it as UTF-8 and upload it again", Line: line)]);
}
