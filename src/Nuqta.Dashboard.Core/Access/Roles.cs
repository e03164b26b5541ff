namespace Nuqta.Dashboard.Core.Access;

/// <summary>The role names. A user or service account may hold several.</summary>
public static class Roles
{
    public const string Viewer = "viewer";
    public const string Engineer = "engineer";
    public const string ProductOwner = "product-owner";
    public const string Sre = "sre";
    public const string Admin = "admin";

    /// <summary>Every role, in the order the UI lists them.</summary>
    public static readonly IReadOnlyList<string> All = [Viewer, Engineer, ProductOwner, Sre, Admin];

    /// <summary>Returns the name as used by the UI, for example "product owner".</summary>
    public static string DisplayName(string role) => role switch
    {
        ProductOwner => "product owner",
        Sre => "SRE",
        _ => role,
    };

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
