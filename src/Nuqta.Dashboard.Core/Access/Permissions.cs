namespace Nuqta.Dashboard.Core.Access;

/// <summary>Acts that the access matrix governs.</summary>
public enum Permission
{
    /// <summary>Read models, datasets, runs, scorecards, comparisons and the non-security audit trail.</summary>
    Read,

    /// <summary>Read security events (sign-in failures, lockouts, key and user changes) in the audit trail.</summary>
    ReadSecurityEvents,

    /// <summary>Register models, datasets and their versions.</summary>
    RegistryWrite,

    /// <summary>Upload evaluation runs.</summary>
    RunsWrite,

    /// <summary>Save comparisons.</summary>
    ComparisonsWrite,

    /// <summary>Request launches.</summary>
    LaunchesWrite,

    /// <summary>Promote an approved launch (engineers only their own requests).</summary>
    LaunchesPromote,

    /// <summary>Approve or reject launches, and override a failing gate.</summary>
    ApproveLaunches,

    /// <summary>Freeze and unfreeze a scorecard week.</summary>
    FreezeWeeks,

    /// <summary>Move aliases directly, roll back, and manage incidents.</summary>
    MoveAliases,

    /// <summary>Roll back an alias (the API scope of the same name).</summary>
    Rollback,

    /// <summary>Open quality incidents, change their status and add notes; browser only.</summary>
    ManageIncidents,

    /// <summary>Manage users, roles, service accounts, all API keys, metrics, SLOs, gate policies and webhooks.</summary>
    Administer,

    /// <summary>Create personal API keys.</summary>
    CreatePersonalKeys,
}

/// <summary>API key scopes and the permissions each one lets a key use.</summary>
public static class Scopes
{
    public const string Read = "read";
    public const string RegistryWrite = "registry:write";
    public const string RunsWrite = "runs:write";
    public const string ComparisonsWrite = "comparisons:write";
    public const string LaunchesWrite = "launches:write";
    public const string LaunchesPromote = "launches:promote";
    public const string Rollback = "rollback";

    public static readonly IReadOnlyList<string> All = [Read, RegistryWrite, RunsWrite, ComparisonsWrite, LaunchesWrite, LaunchesPromote, Rollback];

    /// <summary>Returns the scope that lets a key use the permission, or null when no key may.</summary>
    public static string? For(Permission permission) => permission switch
    {
        Permission.Read => Read,
        Permission.RegistryWrite => RegistryWrite,
        Permission.RunsWrite => RunsWrite,
        Permission.ComparisonsWrite => ComparisonsWrite,
        Permission.LaunchesWrite => LaunchesWrite,
        Permission.LaunchesPromote => LaunchesPromote,
        Permission.Rollback => Rollback,
        Permission.MoveAliases => Rollback,
        _ => null,
    };

    /// <summary>Returns the permission a scope stands for.</summary>
    public static Permission PermissionOf(string scope) => scope switch
    {
        Read => Permission.Read,
        RegistryWrite => Permission.RegistryWrite,
        RunsWrite => Permission.RunsWrite,
        ComparisonsWrite => Permission.ComparisonsWrite,
        LaunchesWrite => Permission.LaunchesWrite,
        LaunchesPromote => Permission.LaunchesPromote,
        Rollback => Permission.Rollback,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, "unknown scope"),
    };

    public static bool IsKnown(string scope) => All.Contains(scope, StringComparer.Ordinal);
}

/// <summary>The access matrix: which roles grant which permissions.</summary>
public static class AccessMatrix
{
    private static readonly Dictionary<Permission, string[]> Grants = new()
    {
        [Permission.Read] = Roles.All.ToArray(),
        [Permission.ReadSecurityEvents] = [Roles.Admin],
        [Permission.CreatePersonalKeys] = Roles.All.ToArray(),
        [Permission.RegistryWrite] = [Roles.Engineer, Roles.Admin],
        [Permission.RunsWrite] = [Roles.Engineer, Roles.Admin],
        [Permission.ComparisonsWrite] = [Roles.Engineer, Roles.Admin],
        [Permission.LaunchesWrite] = [Roles.Engineer, Roles.Admin],
        // Engineers may promote only launches they requested; the launch workflow checks that.
        [Permission.LaunchesPromote] = [Roles.Engineer, Roles.Sre],
        [Permission.ApproveLaunches] = [Roles.ProductOwner],
        [Permission.FreezeWeeks] = [Roles.ProductOwner, Roles.Admin],
        [Permission.MoveAliases] = [Roles.Sre, Roles.Admin],
        [Permission.Rollback] = [Roles.Sre, Roles.Admin],
        [Permission.ManageIncidents] = [Roles.Sre, Roles.Admin],
        [Permission.Administer] = [Roles.Admin],
    };

    /// <summary>Returns the roles that grant the permission.</summary>
    public static IReadOnlyList<string> RolesFor(Permission permission) => Grants[permission];

    public static bool Allows(IEnumerable<string> roles, Permission permission) =>
        roles.Any(role => Grants[permission].Contains(role, StringComparer.Ordinal));

    /// <summary>
    /// Returns the scopes a key of an owner with these roles may carry. Viewers may create keys,
    /// but only with the read scope.
    /// </summary>
    public static IReadOnlyList<string> GrantableScopes(IEnumerable<string> roles)
    {
        var roleList = roles.ToList();
        return Scopes.All.Where(scope => Allows(roleList, Scopes.PermissionOf(scope))).ToList();
    }
}
