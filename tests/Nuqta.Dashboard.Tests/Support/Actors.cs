using Nuqta.Dashboard.Core.Access;

namespace Nuqta.Dashboard.Tests.Support;

/// <summary>Actors with fixed roles, for services that check permissions but need no stored user.</summary>
public static class Actors
{
    public static Actor System => Actor.System;

    public static Actor Viewer => User("viewer@example.com", Roles.Viewer);

    public static Actor Engineer => User("engineer@example.com", Roles.Engineer);

    public static Actor Sre => User("sre@example.com", Roles.Sre);

    public static Actor Admin => User("admin@example.com", Roles.Admin);

    public static Actor User(string name, params string[] roles) =>
        new(ActorKind.User, "id-" + name, name, roles.ToHashSet(StringComparer.Ordinal));

    /// <summary>An actor that comes through an API key with the scopes.</summary>
    public static Actor Key(Actor owner, params string[] scopes) =>
        owner with { ApiKeyId = Guid.NewGuid().ToString(), Scopes = scopes.ToHashSet(StringComparer.Ordinal) };
}
