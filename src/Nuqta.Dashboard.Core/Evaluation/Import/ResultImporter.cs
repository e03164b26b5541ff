using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Common.Tabular;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>The layouts of evaluation result files that the app imports.</summary>
public enum ResultFormat
{
    /// <summary>The app's own CSV, TSV, JSON or JSON Lines layout, read through a column mapping.</summary>
    Canonical,

    /// <summary>A Ragas result table saved as CSV or as a JSON array of records.</summary>
    Ragas,

    /// <summary>The JSON that <c>promptfoo eval -o FILE.json</c> writes (results version 3).</summary>
    Promptfoo,
}

/// <summary>Settings of one import. Every setting has a default that fits the usual file.</summary>
public sealed record ResultImportOptions
{
    /// <summary>Column roles for tabular formats; null uses <see cref="ColumnMappingSuggester"/>.</summary>
    public ColumnMapping? Mapping { get; init; }

    /// <summary>A column that splits a tabular file into runs; it overrides the split role of <see cref="Mapping"/>.</summary>
    public string? SplitColumn { get; init; }

    /// <summary>The delimited or JSON layout of a tabular file; null detects it from the content.</summary>
    public TabularFormat? TabularFormat { get; init; }

    /// <summary>
    /// The promptfoo test variable whose value is the input text. Null uses the first of
    /// question, user_input, input, query and prompt that a result has.
    /// </summary>
    public string? JoinVar { get; init; }

    /// <summary>The promptfoo test variable whose value is the example id, or null when the tests have none.</summary>
    public string? IdVar { get; init; }

    /// <summary>Rows sampled to suggest a column mapping and to list the columns of a JSON file.</summary>
    public int SampleRows { get; init; } = 50;

    /// <summary>Most errors listed before the rest are only counted.</summary>
    public int MaxErrors { get; init; } = 100;

    /// <summary>
    /// Largest single JSON value of a promptfoo file held in memory at once, in bytes. The file is
    /// streamed, so this bounds one result (or the config object), not the whole file.
    /// </summary>
    /// <remarks>NOTE: 256 MiB is a guessed ceiling, not a measured need.</remarks>
    public int MaxJsonValueBytes { get; init; } = 256 * 1024 * 1024;
}

/// <summary>
/// Reads an evaluation result file as <see cref="ResultRow"/> values, streaming it so that memory
/// use does not grow with the file. Every call to <see cref="ReadRows"/> scans the file again.
/// Errors are collected with their line, column and value, and the scan goes on to the end of
/// the file so that one upload reports many problems. Once an error is found, no further rows are
/// returned, and the enumeration ends by throwing <see cref="InputValidationException"/>. Callers
/// must therefore treat the rows as uncommitted until the enumeration has completed.
/// </summary>
public abstract class ResultImporter
{
    private readonly Dictionary<string, int> _rowsBySplit = new(StringComparer.Ordinal);
    private IReadOnlyList<ImportedMetric> _metrics = [];

    protected ResultImporter(string path, string? fileName, ResultImportOptions? options)
    {
        Path = path;
        FileName = fileName;
        Options = options ?? new ResultImportOptions();
    }

    public abstract ResultFormat Format { get; }

    /// <summary>The file being read.</summary>
    public string Path { get; }

    /// <summary>The name the user gave the file, used to check its extension against its content.</summary>
    public string? FileName { get; }

    public ResultImportOptions Options { get; }

    /// <summary>The metrics of the file. Complete only after <see cref="ReadRows"/> has been enumerated to the end.</summary>
    public IReadOnlyList<ImportedMetric> Metrics => _metrics;

    /// <summary>Rows scanned by the last <see cref="ReadRows"/>, error rows included.</summary>
    public int RowCount { get; private set; }

    /// <summary>Rows whose evaluation failed (<see cref="ResultRow.IsError"/>).</summary>
    public int ErrorRowCount { get; private set; }

    /// <summary>Rows scanned per split value; rows with no split value count under the empty string.</summary>
    public IReadOnlyDictionary<string, int> RowCountsBySplit => _rowsBySplit;

    /// <summary>Creates the importer for a known format.</summary>
    public static ResultImporter Create(ResultFormat format, string path, string? fileName = null, ResultImportOptions? options = null) =>
        format switch
        {
            ResultFormat.Promptfoo => new PromptfooResultImporter(path, fileName, options),
            _ => new TableResultImporter(format, path, fileName, options),
        };

    /// <summary>
    /// Detects the format from the content (or checks <paramref name="requested"/> against it)
    /// and creates the importer for it.
    /// </summary>
    public static ResultImporter Open(string path, string? fileName = null, ResultFormat? requested = null, ResultImportOptions? options = null)
    {
        var detection = ResultFormatDetector.Detect(path, fileName, requested);
        return Create(detection.Format, path, fileName, options);
    }

    /// <summary>
    /// Streams the rows of the file. After the last row, <see cref="Metrics"/> and the counts are
    /// complete, and any collected error is thrown as <see cref="InputValidationException"/>.
    /// </summary>
    public IEnumerable<ResultRow> ReadRows()
    {
        RowCount = 0;
        ErrorRowCount = 0;
        _rowsBySplit.Clear();
        _metrics = [];
        var metrics = new MetricAccumulator();
        var errors = new InputErrorCollector(Options.MaxErrors);

        using var rows = ReadRowsCore(metrics, errors).GetEnumerator();
        while (true)
        {
            ResultRow row;
            try
            {
                if (!rows.MoveNext())
                {
                    break;
                }

                row = rows.Current;
            }
            catch (InputValidationException ex)
            {
                // A structural error (malformed JSON, a row of the wrong width) ends the scan.
                // The errors found before it are reported together with it.
                foreach (var error in ex.Errors)
                {
                    errors.Add(error);
                }

                throw new InputValidationException(errors.Errors.ToList(), errors.Dropped > 0 || ex.Truncated);
            }

            Count(row);
            if (!errors.HasErrors)
            {
                yield return row;
            }
        }

        _metrics = metrics.Build();
        errors.ThrowIfAny();
    }

    /// <summary>
    /// Streams the file's rows. Implementations add value errors to <paramref name="errors"/> and
    /// go on, or stop early with no exception. They throw <see cref="InputValidationException"/>
    /// only for an error not yet in <paramref name="errors"/> that ends the scan, because the
    /// caller adds the thrown errors to the collected ones.
    /// </summary>
    private protected abstract IEnumerable<ResultRow> ReadRowsCore(MetricAccumulator metrics, InputErrorCollector errors);

    /// <summary>Shortens a value for an error message, so that a long cell does not flood the report.</summary>
    internal static string? Shorten(string? value, int maxLength = 200) =>
        value is null || value.Length <= maxLength ? value : string.Concat(value.AsSpan(0, maxLength), "…");

    private void Count(ResultRow row)
    {
        RowCount++;
        if (row.IsError)
        {
            ErrorRowCount++;
        }

        var split = row.SplitValue ?? "";
        _rowsBySplit[split] = _rowsBySplit.GetValueOrDefault(split) + 1;
    }
}
