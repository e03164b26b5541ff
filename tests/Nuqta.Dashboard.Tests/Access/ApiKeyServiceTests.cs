using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Access;

public sealed class ApiKeyServiceTests
{
    [Fact]
    public async Task Create_ViewerReadKey()
    {
        await using var host = await CoreHost.StartAsync();
        var viewer = await host.CreateUserAsync("viewer@example.com", Roles.Viewer);

        var created = await host.Get<ApiKeyService>().CreateAsync(viewer, new CreateApiKeyRequest("reports", [Scopes.Read]));

        Assert.StartsWith("nqk_", created.Secret);
        Assert.Equal([Scopes.Read], created.Key.Scopes);
    }

    [Fact]
    public async Task Create_ViewerWriteScopeRejected()
    {
        await using var host = await CoreHost.StartAsync();
        var viewer = await host.CreateUserAsync("viewer@example.com", Roles.Viewer);

        var act = () => host.Get<ApiKeyService>().CreateAsync(viewer, new CreateApiKeyRequest("uploads", [Scopes.RegistryWrite]));

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Equal("scopes", error.Errors[0].Field);
    }

    [Fact]
    public async Task Create_EngineerRollbackRejected()
    {
        await using var host = await CoreHost.StartAsync();
        var engineer = await host.CreateUserAsync("engineer@example.com", Roles.Engineer);

        var act = () => host.Get<ApiKeyService>().CreateAsync(engineer, new CreateApiKeyRequest("ops", [Scopes.Read, Scopes.Rollback]));

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Contains(Scopes.Rollback, error.Message);
    }

    [Fact]
    public async Task Create_UnknownScopeRejected()
    {
        await using var host = await CoreHost.StartAsync();
        var engineer = await host.CreateUserAsync("engineer@example.com", Roles.Engineer);

        var act = () => host.Get<ApiKeyService>().CreateAsync(engineer, new CreateApiKeyRequest("ci", ["registry:admin"]));

        var error = await Assert.ThrowsAsync<InputValidationException>(act);
        Assert.Contains("'registry:admin' is unknown", error.Message);
    }

    [Fact]
    public async Task Authenticate_ActsAsOwnerNarrowedByScopes()
    {
        await using var host = await CoreHost.StartAsync();
        var engineer = await host.CreateUserAsync("engineer@example.com", Roles.Engineer);
        var keys = host.Get<ApiKeyService>();
        var created = await keys.CreateAsync(engineer, new CreateApiKeyRequest("read only", [Scopes.Read]));

        var (identity, failure) = await keys.AuthenticateAsync(created.Secret);

        Assert.Null(failure);
        Assert.Equal(engineer.Id, identity!.Actor.Id);
        Assert.True(identity.Actor.Can(Permission.Read));
        Assert.False(identity.Actor.Can(Permission.RegistryWrite));
    }

    [Fact]
    public async Task Authenticate_RevokedKey()
    {
        await using var host = await CoreHost.StartAsync();
        var engineer = await host.CreateUserAsync("engineer@example.com", Roles.Engineer);
        var keys = host.Get<ApiKeyService>();
        var created = await keys.CreateAsync(engineer, new CreateApiKeyRequest("ci", [Scopes.Read]));
        await keys.RevokeAsync(engineer, created.Key.Id);

        var (identity, failure) = await keys.AuthenticateAsync(created.Secret);

        Assert.Null(identity);
        Assert.Equal(ApiKeyFailure.Revoked, failure);
    }

    [Fact]
    public async Task Authenticate_ExpiredKey()
    {
        await using var host = await CoreHost.StartAsync();
        var engineer = await host.CreateUserAsync("engineer@example.com", Roles.Engineer);
        var keys = host.Get<ApiKeyService>();
        var created = await keys.CreateAsync(engineer, new CreateApiKeyRequest("ci", [Scopes.Read], ExpiresInDays: 7));

        host.Time.Advance(TimeSpan.FromDays(7));
        var (identity, failure) = await keys.AuthenticateAsync(created.Secret);

        Assert.Null(identity);
        Assert.Equal(ApiKeyFailure.Expired, failure);
    }

    [Fact]
    public async Task Authenticate_UnknownSecret()
    {
        await using var host = await CoreHost.StartAsync();

        var (identity, failure) = await host.Get<ApiKeyService>().AuthenticateAsync("nqk_not-a-key");

        Assert.Null(identity);
        Assert.Equal(ApiKeyFailure.Unknown, failure);
    }

    [Fact]
    public async Task Authenticate_ReadsCurrentRoles()
    {
        await using var host = await CoreHost.StartAsync();
        var engineer = await host.CreateUserAsync("engineer@example.com", Roles.Engineer);
        var keys = host.Get<ApiKeyService>();
        var created = await keys.CreateAsync(engineer, new CreateApiKeyRequest("ci", [Scopes.Read, Scopes.RegistryWrite]));

        // Demoting the owner takes effect on the key's next request.
        await host.Get<UserAdministration>().SetRolesAsync(Actors.Admin, engineer.Id, [Roles.Viewer]);
        var (identity, _) = await keys.AuthenticateAsync(created.Secret);

        Assert.False(identity!.Actor.Can(Permission.RegistryWrite));
    }
}
