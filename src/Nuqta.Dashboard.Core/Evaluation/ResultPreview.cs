using Nuqta.Dashboard.Core.Common.Tabular;
using Nuqta.Dashboard.Core.Evaluation.Import;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>What an upload page shows before an import: the format, the first rows, a suggested mapping and the split values.</summary>
/// <param name="Mapping">Suggested column roles; null for promptfoo files, which have a fixed layout.</param>
/// <param name="SplitValues">Distinct values of each column that could split the file into runs (at most 50 values each).</param>
public sealed record ResultPreviewView(
    string Format,
    string Reason,
    IReadOnlyList<string> Columns,
    IReadOnlyList<IReadOnlyDictionary<string, string?>> Rows,
    IReadOnlyDictionary<string, string>? Mapping,
    IReadOnlyDictionary<string, IReadOnlyList<string>> SplitValues);

/// <summary>Builds the preview of a staged results file.</summary>
public static class ResultPreview
{
    private const int MaxSplitValues = 50;

    /// <exception cref="Common.InputValidationException">The file is not a supported results file.</exception>
    public static ResultPreviewView Build(string path, string fileName, ResultFormat? requested = null, int rows = 8)
    {
        var detection = ResultFormatDetector.Detect(path, fileName, requested);
        if (detection.Format == ResultFormat.Promptfoo)
        {
            return BuildPromptfoo(path, fileName, detection, rows);
        }

        var importer = new TableResultImporter(detection.Format, path, fileName);
        var preview = importer.Preview();
        var sample = preview.SampleRows.Take(rows).Select(r => (IReadOnlyDictionary<string, string?>)r.Fields).ToList();
        var mapping = preview.Mapping.Assignments.ToDictionary(a => a.Column, a => ColumnMapping.Describe(a.Role), StringComparer.Ordinal);
        var splitValues = CollectSplitValues(path, preview.Sniff, preview.Columns, preview.Mapping);
        return new ResultPreviewView(detection.Format.ToString().ToLowerInvariant(), detection.Reason, preview.Columns, sample, mapping, splitValues);
    }

    private static ResultPreviewView BuildPromptfoo(string path, string fileName, ResultFormatDetection detection, int rows)
    {
        var importer = ResultImporter.Create(ResultFormat.Promptfoo, path, fileName);
        var sample = new List<IReadOnlyDictionary<string, string?>>();
        var providers = new SortedSet<string>(StringComparer.Ordinal);
        var columns = new List<string> { "provider", "input", "error" };
        foreach (var row in importer.ReadRows())
        {
            providers.Add(row.SplitValue ?? "");
            if (sample.Count >= rows)
            {
                continue;
            }

            var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["provider"] = row.SplitValue,
                ["input"] = row.InputText,
                ["error"] = row.IsError ? row.ErrorMessage ?? "error" : "",
            };
            foreach (var (name, value) in row.Vars)
            {
                fields["var:" + name] = value;
            }

            foreach (var (name, value) in row.Metrics)
            {
                fields[name] = double.IsNaN(value) ? "" : value.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
            }

            foreach (var name in fields.Keys.Where(k => !columns.Contains(k)))
            {
                columns.Add(name);
            }

            sample.Add(fields);
        }

        var split = new Dictionary<string, IReadOnlyList<string>> { ["provider"] = providers.Take(MaxSplitValues).ToList() };
        return new ResultPreviewView("promptfoo", detection.Reason, columns, sample, null, split);
    }

    // Columns with a few distinct short values are candidates for splitting a file into runs.
    private static Dictionary<string, IReadOnlyList<string>> CollectSplitValues(string path, TabularSniff sniff, IReadOnlyList<string> columns, ColumnMapping mapping)
    {
        var candidates = columns.Where(c => mapping.RoleOf(c) is ColumnRole.Split or ColumnRole.Segment or ColumnRole.Ignore).ToList();
        var values = candidates.ToDictionary(c => c, _ => new SortedSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var row in TabularFile.ReadRows(path, sniff))
        {
            foreach (var column in values.Keys.ToList())
            {
                var value = row[column] ?? "";
                if (value.Length > 80 || (values[column].Add(value) && values[column].Count > MaxSplitValues))
                {
                    values.Remove(column);
                }
            }

            if (values.Count == 0)
            {
                break;
            }
        }

        return values.Where(v => v.Value.Count > 1).ToDictionary(v => v.Key, v => (IReadOnlyList<string>)v.Value.ToList(), StringComparer.Ordinal);
    }
}
