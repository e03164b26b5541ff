using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Access;

public sealed class AccessMatrixTests
{
    [Fact]
    public void ViewerScopes_ReadOnly()
    {
        var scopes = AccessMatrix.GrantableScopes([Roles.Viewer]);

        Assert.Equal([Scopes.Read], scopes);
    }

    [Fact]
    public void EngineerScopes_NoRollback()
    {
        var scopes = AccessMatrix.GrantableScopes([Roles.Engineer]);

        Assert.DoesNotContain(Scopes.Rollback, scopes);
        Assert.Contains(Scopes.RegistryWrite, scopes);
        Assert.Contains(Scopes.LaunchesPromote, scopes);
    }

    [Fact]
    public void SreScopes_IncludeRollback()
    {
        var scopes = AccessMatrix.GrantableScopes([Roles.Sre]);

        Assert.Contains(Scopes.Rollback, scopes);
        Assert.DoesNotContain(Scopes.RegistryWrite, scopes);
    }

    [Theory]
    [InlineData(Roles.Viewer, false)]
    [InlineData(Roles.Engineer, true)]
    [InlineData(Roles.ProductOwner, false)]
    [InlineData(Roles.Sre, false)]
    [InlineData(Roles.Admin, true)]
    public void RegistryWrite_ByRole(string role, bool allowed)
    {
        Assert.Equal(allowed, AccessMatrix.Allows([role], Permission.RegistryWrite));
    }

    [Fact]
    public void ViewerDemand_NamesRequiredRoles()
    {
        var error = Assert.Throws<AccessDeniedException>(() => Actors.Viewer.Demand(Permission.RegistryWrite));

        Assert.Contains("engineer or admin", error.Message);
    }

    [Fact]
    public void Key_NarrowedByScopes()
    {
        var key = Actors.Key(Actors.Engineer, Scopes.Read);

        Assert.True(key.Can(Permission.Read));
        Assert.False(key.Can(Permission.RegistryWrite));
    }

    [Fact]
    public void KeyDemand_NamesMissingScope()
    {
        var key = Actors.Key(Actors.Engineer, Scopes.Read);

        var error = Assert.Throws<AccessDeniedException>(() => key.Demand(Permission.RegistryWrite));

        Assert.Contains("'registry:write'", error.Message);
    }

    [Fact]
    public void KeyScope_CannotExceedRoles()
    {
        // A scope on the key does not add a permission that the owner's roles lack.
        var key = Actors.Key(Actors.Viewer, Scopes.RegistryWrite);

        Assert.False(key.Can(Permission.RegistryWrite));
    }

    [Fact]
    public void Key_CannotAdminister()
    {
        var key = Actors.Key(Actors.Admin, Scopes.All.ToArray());

        var error = Assert.Throws<AccessDeniedException>(() => key.Demand(Permission.Administer));

        Assert.Contains("cannot be done with an API key", error.Message);
    }

    [Fact]
    public void MoveAliases_NeedsRollbackScope()
    {
        Assert.Equal(Scopes.Rollback, Scopes.For(Permission.MoveAliases));
    }
}
