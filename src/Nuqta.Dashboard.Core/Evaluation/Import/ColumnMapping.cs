using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Core.Evaluation.Import;

/// <summary>What the importer does with one column of a tabular result file.</summary>
public enum ColumnRole
{
    /// <summary>The column is not imported.</summary>
    Ignore,

    /// <summary>The example id, joined to the dataset's example ids.</summary>
    Id,

    /// <summary>The input text (question, prompt), joined to the dataset when there is no id.</summary>
    Input,

    /// <summary>A segment value such as a category or language, stored in <see cref="ResultRow.Vars"/>.</summary>
    Segment,

    /// <summary>A numeric or boolean metric.</summary>
    Metric,

    /// <summary>The model output.</summary>
    Output,

    /// <summary>The retrieved contexts: a JSON list, a Python-style list string, or one passage.</summary>
    Contexts,

    /// <summary>The reference (ground-truth) answer.</summary>
    Reference,

    /// <summary>The column whose values split the file into several runs, such as a model name.</summary>
    Split,

    /// <summary>A grader's explanation; several such columns are joined into <see cref="ResultRow.JudgeReasons"/>.</summary>
    Judge,
}

/// <summary>The role given to one column, with the reason when the role was suggested.</summary>
public sealed record ColumnAssignment(string Column, ColumnRole Role, string? Reason = null);

/// <summary>
/// The roles of the columns of a tabular result file. Columns the mapping does not name are
/// ignored. A valid mapping has an id or input column, at least one metric column, and at most
/// one column for each of the id, input, output, contexts, reference and split roles.
/// </summary>
public sealed class ColumnMapping
{
    private static readonly ColumnRole[] SingleColumnRoles =
        [ColumnRole.Id, ColumnRole.Input, ColumnRole.Output, ColumnRole.Contexts, ColumnRole.Reference, ColumnRole.Split];

    public ColumnMapping(IEnumerable<ColumnAssignment> assignments)
    {
        Assignments = assignments.ToList();
    }

    /// <summary>The assignments in column order.</summary>
    public IReadOnlyList<ColumnAssignment> Assignments { get; }

    /// <summary>Creates a mapping from column names and roles, for callers that have no reasons to record.</summary>
    public static ColumnMapping From(IReadOnlyDictionary<string, ColumnRole> roles) =>
        new(roles.Select(pair => new ColumnAssignment(pair.Key, pair.Value)));

    /// <summary>Returns the role of the column, or <see cref="ColumnRole.Ignore"/> when the mapping does not name it.</summary>
    public ColumnRole RoleOf(string column) =>
        Assignments.FirstOrDefault(assignment => assignment.Column == column)?.Role ?? ColumnRole.Ignore;

    /// <summary>Returns the columns with the role, in column order.</summary>
    public IReadOnlyList<string> ColumnsWith(ColumnRole role) =>
        Assignments.Where(assignment => assignment.Role == role).Select(assignment => assignment.Column).ToList();

    /// <summary>Returns the single column with the role, or null.</summary>
    public string? ColumnWith(ColumnRole role) => ColumnsWith(role).FirstOrDefault();

    /// <summary>
    /// Returns a copy in which <paramref name="column"/> has <paramref name="role"/>. A column
    /// that had the role before loses it when the role allows one column only.
    /// </summary>
    public ColumnMapping With(string column, ColumnRole role)
    {
        var single = SingleColumnRoles.Contains(role);
        var assignments = Assignments
            .Where(assignment => assignment.Column != column)
            .Select(assignment => single && assignment.Role == role ? assignment with { Role = ColumnRole.Ignore, Reason = null } : assignment)
            .ToList();
        assignments.Add(new ColumnAssignment(column, role));
        return new ColumnMapping(assignments);
    }

    /// <summary>
    /// Checks the mapping against the file's columns and throws
    /// <see cref="InputValidationException"/> listing every problem.
    /// </summary>
    public void Validate(IReadOnlyCollection<string> fileColumns)
    {
        var errors = new InputErrorCollector();
        var known = new HashSet<string>(fileColumns, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var assignment in Assignments)
        {
            if (!seen.Add(assignment.Column))
            {
                errors.Add(new InputError("the mapping names this column twice; give each column one role", "mapping", Column: assignment.Column));
            }

            if (assignment.Role != ColumnRole.Ignore && !known.Contains(assignment.Column))
            {
                errors.Add(new InputError(
                    $"the mapping names column '{assignment.Column}', which the file does not have; the file's columns are {string.Join(", ", fileColumns.Select(name => $"'{name}'"))}",
                    "mapping",
                    Column: assignment.Column));
            }
        }

        foreach (var role in SingleColumnRoles)
        {
            var columns = ColumnsWith(role);
            if (columns.Count > 1)
            {
                errors.Add(new InputError(
                    $"the {Describe(role)} role is given to {columns.Count} columns ({string.Join(", ", columns)}); give it to one column",
                    "mapping",
                    Column: columns[1]));
            }
        }

        if (ColumnWith(ColumnRole.Id) is null && ColumnWith(ColumnRole.Input) is null)
        {
            errors.Add(new InputError("the mapping has no id or input column, so rows cannot be joined to the dataset; map one column to id or input", "mapping"));
        }

        if (ColumnWith(ColumnRole.Metric) is null)
        {
            errors.Add(new InputError("the mapping has no metric column; map at least one numeric or true/false column to metric", "mapping"));
        }

        errors.ThrowIfAny();
    }

    /// <summary>Returns the role's name as the API and the UI spell it.</summary>
    public static string Describe(ColumnRole role) => role.ToString().ToLowerInvariant();

    /// <summary>Parses a role name as the API and the UI spell it (id, input, segment, metric, ...).</summary>
    public static ColumnRole ParseRole(string name) =>
        Enum.TryParse<ColumnRole>(name.Trim(), ignoreCase: true, out var role) && Enum.IsDefined(role)
            ? role
            : throw new InputValidationException(
                $"unknown column role '{name}'; use one of {string.Join(", ", Enum.GetValues<ColumnRole>().Select(Describe))}",
                "mapping",
                name);
}
