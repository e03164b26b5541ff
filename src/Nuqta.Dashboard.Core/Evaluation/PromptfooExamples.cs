using System.Text.Json;
using Nuqta.Dashboard.Core.Evaluation.Import;

namespace Nuqta.Dashboard.Core.Evaluation;

/// <summary>
/// Turns the test cases of a promptfoo results file into an examples file (JSON Lines), so a
/// dataset version can be created from the same file: the input text is the join variable and
/// every other variable is a field that can serve as a segment. Each test appears once per
/// provider in the results, so the dataset version must take repeated examples once.
/// </summary>
public static class PromptfooExamples
{
    /// <summary>Name of the field that contains the input text in the written file.</summary>
    public const string InputField = "input";

    /// <summary>Writes one JSON object per result row and returns the variable names seen.</summary>
    public static IReadOnlyList<string> WriteJsonLines(string resultsPath, string fileName, string? joinVar, string targetPath)
    {
        var importer = ResultImporter.Create(ResultFormat.Promptfoo, resultsPath, fileName, new ResultImportOptions { JoinVar = joinVar });
        var names = new List<string>();
        using var output = new StreamWriter(targetPath);
        foreach (var row in importer.ReadRows())
        {
            var fields = new Dictionary<string, string?> { [InputField] = row.InputText };
            foreach (var (name, value) in row.Vars)
            {
                if (name != InputField)
                {
                    fields[name] = value;
                    if (!names.Contains(name))
                    {
                        names.Add(name);
                    }
                }
            }

            output.WriteLine(JsonSerializer.Serialize(fields));
        }

        return names;
    }
}
