using System.Text.RegularExpressions;

namespace Nuqta.Dashboard.Core.Common;

/// <summary>Rules for the names and labels that appear in URLs and API routes.</summary>
public static partial class Names
{
    /// <summary>Longest name or label, in characters.</summary>
    public const int MaxLength = 64;

    // Names start with a letter or digit and contain letters, digits, '.', '_' and '-'.
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();

    // Version labels also allow '+' (semantic-version build metadata).
    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+-]*$")]
    private static partial Regex LabelPattern();

    /// <summary>Returns an input error when the name is invalid, or null.</summary>
    public static InputError? CheckName(string? value, string field) =>
        Check(value, field, NamePattern(), "letters, digits, '.', '_' and '-', starting with a letter or digit, for example support-rag");

    /// <summary>Returns an input error when the version label is invalid, or null.</summary>
    public static InputError? CheckLabel(string? value, string field) =>
        Check(value, field, LabelPattern(), "letters, digits, '.', '_', '+' and '-', starting with a letter or digit, for example v1.2.0");

    /// <summary>Returns the form used for uniqueness checks: names differing only in case are the same name.</summary>
    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    private static InputError? Check(string? value, string field, Regex pattern, string rule)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new InputError($"{field} is required", field);
        }

        var trimmed = value.Trim();
        if (trimmed.Length > MaxLength)
        {
            return new InputError($"{field} is {trimmed.Length} characters long; the limit is {MaxLength}", field, Value: trimmed);
        }

        if (!pattern.IsMatch(trimmed))
        {
            return new InputError($"{field} '{trimmed}' is invalid: use {rule}", field, Value: trimmed);
        }

        return null;
    }
}

/// <summary>A page of results and the total count, for paged lists.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
