using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Core.Access;

/// <summary>Kinds of identity that act in the app.</summary>
public enum ActorKind
{
    User,
    ServiceAccount,
    System,
}

/// <summary>
/// Who performs an act: a signed-in user, or the owner of an API key narrowed by the key's
/// scopes. Core services check permissions against this, so the UI and the API share one rule.
/// </summary>
public sealed record Actor(
    ActorKind Kind,
    string Id,
    string Name,
    IReadOnlySet<string> Roles,
    string? ApiKeyId = null,
    IReadOnlySet<string>? Scopes = null)
{
    /// <summary>The app itself, for start-up work such as removing abandoned imports.</summary>
    public static readonly Actor System = new(ActorKind.System, "system", "system", new HashSet<string> { Access.Roles.Admin });

    /// <summary>True when the act comes through an API key rather than a browser session.</summary>
    public bool ViaApiKey => ApiKeyId is not null;

    /// <summary>Returns true when the roles grant the permission and, for a key, a scope covers it.</summary>
    public bool Can(Permission permission)
    {
        if (!AccessMatrix.Allows(Roles, permission))
        {
            return false;
        }

        if (Scopes is null)
        {
            return true;
        }

        var scope = Access.Scopes.For(permission);
        return scope is not null && Scopes.Contains(scope);
    }

    /// <summary>Throws <see cref="AccessDeniedException"/> naming the missing role or scope.</summary>
    public void Demand(Permission permission)
    {
        if (!AccessMatrix.Allows(Roles, permission))
        {
            var roles = string.Join(" or ", AccessMatrix.RolesFor(permission).Select(Access.Roles.DisplayName));
            throw new AccessDeniedException($"{Name} may not do this: it needs the {roles} role.");
        }

        if (Scopes is not null)
        {
            var scope = Access.Scopes.For(permission);
            if (scope is null)
            {
                throw new AccessDeniedException("This act cannot be done with an API key; sign in to the app in a browser.");
            }

            if (!Scopes.Contains(scope))
            {
                throw new AccessDeniedException($"The API key lacks the '{scope}' scope; create a key with that scope.");
            }
        }
    }
}
