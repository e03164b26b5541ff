using System.Text;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Evaluation.Import;

namespace Nuqta.Dashboard.Tests.Evaluation.Import;

/// <summary>Locates the import fixtures and writes temporary files for tests that build their input.</summary>
internal static class ImportTestFiles
{
    public static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Import", name);

    /// <summary>
    /// Writes the bytes to a new file with the given extension in a temporary folder of this test
    /// run and returns its path. The folder is not removed, so a failing test's input can be inspected.
    /// </summary>
    public static string WriteTemp(byte[] content, string extension)
    {
        var folder = Path.Combine(Path.GetTempPath(), "nuqta-import-tests", Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, $"{Guid.NewGuid():N}{extension}");
        File.WriteAllBytes(path, content);
        return path;
    }

    public static string WriteTemp(string content, string extension) => WriteTemp(Encoding.UTF8.GetBytes(content), extension);

    /// <summary>Detects the format of a fixture, imports it and returns the importer and its rows.</summary>
    public static (ResultImporter Importer, List<ResultRow> Rows) ImportFile(string path, ResultImportOptions? options = null, ResultFormat? format = null)
    {
        var importer = ResultImporter.Open(path, Path.GetFileName(path), format, options);
        var rows = importer.ReadRows().ToList();
        return (importer, rows);
    }

    /// <summary>Checks the location and value of one input error, each with its own assert.</summary>
    public static void AssertInputError(InputError error, long line, string column, string value)
    {
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Equal(value, error.Value);
    }

    public static ImportedMetric Metric(this ResultImporter importer, string name) =>
        importer.Metrics.Single(metric => metric.Name == name);
}
