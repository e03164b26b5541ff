using System.Text;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Common.Tabular;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>The columns, first rows and column mapping of a tabular result file, for review before an import.</summary>
public sealed record TablePreview(TabularSniff Sniff, IReadOnlyList<string> Columns, IReadOnlyList<TabularRow> SampleRows, ColumnMapping Mapping);

/// <summary>
/// Imports tabular result files (canonical and Ragas) through a <see cref="ColumnMapping"/>:
/// CSV or TSV with any delimiter, a UTF-8 byte order mark, CRLF line ends and quoted fields that
/// span lines, a JSON array of records, or JSON Lines. Ragas files need no mapping because the
/// suggested one fits their column names (user_input, response, retrieved_contexts, reference and
/// metric columns, or the older question, answer, contexts and ground_truth).
/// </summary>
public sealed class TableResultImporter : ResultImporter
{
    public TableResultImporter(ResultFormat format, string path, string? fileName = null, ResultImportOptions? options = null)
        : base(path, fileName, options)
    {
        if (format == ResultFormat.Promptfoo)
        {
            throw new ArgumentException("promptfoo files are read by PromptfooResultImporter", nameof(format));
        }

        Format = format;
    }

    public override ResultFormat Format { get; }

    /// <summary>
    /// Reads the header and the first <see cref="ResultImportOptions.SampleRows"/> rows and returns
    /// the mapping the import will use: the one in the options, or a suggested one, with the
    /// split column applied.
    /// </summary>
    public TablePreview Preview()
    {
        var sniff = TabularFile.Sniff(Path, FileName, Options.TabularFormat);
        // NOTE: for JSON and JSON Lines the columns are the keys of the sampled rows, so a key that
        // first appears after them is neither suggested nor accepted in a mapping.
        var (columns, rows) = TabularFile.Preview(Path, sniff, Options.SampleRows);
        var mapping = Options.Mapping ?? ColumnMappingSuggester.Suggest(columns, rows);
        if (Options.SplitColumn is { } split)
        {
            mapping = mapping.With(split, ColumnRole.Split);
        }

        return new TablePreview(sniff, columns, rows, mapping);
    }

    private protected override IEnumerable<ResultRow> ReadRowsCore(MetricAccumulator metrics, InputErrorCollector errors)
    {
        var preview = Preview();
        var mapping = preview.Mapping;
        mapping.Validate(preview.Columns);

        var metricColumns = new List<(string Column, MetricState State)>();
        foreach (var column in mapping.ColumnsWith(ColumnRole.Metric))
        {
            if (metrics.Declare(column, column, direction: null, errors) is { } state)
            {
                metricColumns.Add((column, state));
            }
        }

        if (errors.HasErrors)
        {
            yield break;
        }

        var layout = new RowLayout(mapping, metricColumns);
        if (preview.Sniff.Format is TabularFormat.Csv or TabularFormat.Tsv)
        {
            // Metric cells are parsed straight from the reader's buffer, so a row creates strings
            // only for the other columns.
            foreach (var (reader, header) in TabularFile.ReadDelimitedRecords(Path, preview.Sniff.Delimiter))
            {
                layout.MetricPositionsFor(header);
                var values = new string?[reader.FieldCount];
                for (var position = 0; position < values.Length; position++)
                {
                    if (!layout.IsMetricPosition(position))
                    {
                        values[position] = reader.FieldString(position);
                    }
                }

                yield return ToResultRow(new TabularRow(reader.RecordLine, header, values), layout, metrics, errors, reader);
            }

            yield break;
        }

        foreach (var row in TabularFile.ReadRows(Path, preview.Sniff))
        {
            yield return ToResultRow(row, layout, metrics, errors);
        }
    }

    /// <param name="record">The reader positioned on the row's record, whose metric cells the row leaves out, or null.</param>
    private static ResultRow ToResultRow(TabularRow row, RowLayout layout, MetricAccumulator metrics, InputErrorCollector errors, DelimitedRecordReader? record = null)
    {
        var exampleId = NullIfBlank(layout.Id is null ? null : row[layout.Id]);
        var input = NullIfBlank(layout.Input is null ? null : row[layout.Input]);
        if (exampleId is null && input is null)
        {
            var column = layout.Id ?? layout.Input;
            errors.Add(new InputError(
                "the row has no id and no input text, so it cannot be joined to the dataset; fill the cell or remove the row",
                Line: row.Line,
                Column: column,
                Value: column is null ? null : row[column]));
        }

        // Most result files have no segment columns, so the common row shares one empty map.
        IReadOnlyDictionary<string, string?> vars = ResultRow.EmptyVars;
        if (layout.Segments.Count > 0)
        {
            var segmentValues = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var column in layout.Segments)
            {
                segmentValues[column] = row[column];
            }

            vars = segmentValues;
        }

        var values = new MetricValues(layout.MetricNames);
        var positions = row.ColumnIndex is { } index ? layout.MetricPositionsFor(index) : null;
        for (var i = 0; i < layout.Metrics.Count; i++)
        {
            var (column, state) = layout.Metrics[i];
            if (positions is null)
            {
                values.SetAt(i, metrics.Parse(state, row[column], row.Line, errors));
            }
            else if (positions[i] < 0)
            {
                values.SetAt(i, metrics.Parse(state, (string?)null, row.Line, errors));
            }
            else
            {
                values.SetAt(i, record is null
                    ? metrics.Parse(state, row.ValueAt(positions[i]), row.Line, errors)
                    : metrics.Parse(state, record.Field(positions[i]), row.Line, errors));
            }
        }

        metrics.CountScoredRow();
        return new ResultRow
        {
            Line = row.Line,
            ExampleId = exampleId,
            InputText = input,
            Vars = vars,
            Metrics = values,
            Output = layout.Output is null ? null : row[layout.Output],
            Contexts = ReadContexts(row, layout.Contexts, errors),
            Reference = layout.Reference is null ? null : row[layout.Reference],
            JudgeReasons = JoinJudgeColumns(row, layout.Judges),
            SplitValue = layout.Split is null ? null : row[layout.Split],
        };
    }

    private static IReadOnlyList<string> ReadContexts(TabularRow row, string? column, InputErrorCollector errors)
    {
        if (column is null)
        {
            return [];
        }

        var text = row[column];
        if (ContextListParser.TryParse(text, out var passages, out var problem))
        {
            return passages;
        }

        errors.Add(new InputError(
            $"the contexts cell starts with '[' but is not a JSON list or a Python list of strings: {problem}; fix the cell, or map the column to the ignore role to import without contexts",
            Line: row.Line,
            Column: column,
            Value: Shorten(text)));
        return [];
    }

    // One judge column gives its text as is; several are labelled with their column names.
    private static string? JoinJudgeColumns(TabularRow row, IReadOnlyList<string> columns)
    {
        if (columns.Count == 1)
        {
            return NullIfBlank(row[columns[0]]);
        }

        var builder = new StringBuilder();
        foreach (var column in columns)
        {
            if (NullIfBlank(row[column]) is { } text)
            {
                builder.Append(builder.Length == 0 ? "" : "\n").Append(column).Append(": ").Append(text);
            }
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private sealed class RowLayout(ColumnMapping mapping, IReadOnlyList<(string Column, MetricState State)> metrics)
    {
        public string? Id { get; } = mapping.ColumnWith(ColumnRole.Id);

        public string? Input { get; } = mapping.ColumnWith(ColumnRole.Input);

        public string? Output { get; } = mapping.ColumnWith(ColumnRole.Output);

        public string? Contexts { get; } = mapping.ColumnWith(ColumnRole.Contexts);

        public string? Reference { get; } = mapping.ColumnWith(ColumnRole.Reference);

        public string? Split { get; } = mapping.ColumnWith(ColumnRole.Split);

        public IReadOnlyList<string> Segments { get; } = mapping.ColumnsWith(ColumnRole.Segment);

        public IReadOnlyList<string> Judges { get; } = mapping.ColumnsWith(ColumnRole.Judge);

        public IReadOnlyList<(string Column, MetricState State)> Metrics { get; } = metrics;

        /// <summary>The stored names of the metrics, shared by every row's <see cref="MetricValues"/>.</summary>
        public string[] MetricNames { get; } = metrics.Select(m => m.State.Name).ToArray();

        private IReadOnlyDictionary<string, int>? _boundIndex;
        private int[]? _metricPositions;

        private bool[] _isMetricPosition = [];

        /// <summary>
        /// Returns the position of each metric column in a delimited file's column index, -1 for a
        /// column the file lacks. Every row of the file shares one column index, so the positions
        /// are looked up once instead of by name in every row.
        /// </summary>
        public int[] MetricPositionsFor(IReadOnlyDictionary<string, int> index)
        {
            if (!ReferenceEquals(index, _boundIndex))
            {
                _metricPositions = Metrics.Select(m => index.TryGetValue(m.Column, out var position) ? position : -1).ToArray();
                _isMetricPosition = new bool[index.Count];
                foreach (var position in _metricPositions.Where(p => p >= 0))
                {
                    _isMetricPosition[position] = true;
                }

                _boundIndex = index;
            }

            return _metricPositions!;
        }

        /// <summary>Returns true when the column at this position of the last bound index is a metric column.</summary>
        public bool IsMetricPosition(int position) => position < _isMetricPosition.Length && _isMetricPosition[position];
    }
}
