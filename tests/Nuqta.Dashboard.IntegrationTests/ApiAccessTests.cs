using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.IntegrationTests.Support;

namespace Nuqta.Dashboard.IntegrationTests;

public sealed class ApiAccessTests
{
    private static readonly object SupportModel = new { name = "support-rag", team = "support" };

    [Fact]
    public async Task NoKey_Unauthorized()
    {
        using var app = new NuqtaAppFactory();
        using var client = app.CreateClient();

        var response = await client.GetAsync("/api/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownKey_Unauthorized()
    {
        using var app = new NuqtaAppFactory();
        using var client = app.CreateKeyClient("nqk_not-a-key");

        var response = await client.GetAsync("/api/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RevokedKey_Unauthorized()
    {
        using var app = new NuqtaAppFactory();
        var owner = await app.CreateUserAsync("engineer@example.com", Roles.Engineer);
        var key = await app.CreateKeyAsync(owner, [Scopes.Read]);
        await Service<ApiKeyService>(app).RevokeAsync(owner, key.Key.Id);
        using var client = app.CreateKeyClient(key.Secret);

        var response = await client.GetAsync("/api/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("revoked", await DetailAsync(response));
    }

    [Fact]
    public async Task ExpiredKey_Unauthorized()
    {
        using var app = new NuqtaAppFactory();
        var owner = await app.CreateUserAsync("engineer@example.com", Roles.Engineer);
        var key = await app.CreateKeyAsync(owner, [Scopes.Read], expiresInDays: 1);
        using var client = app.CreateKeyClient(key.Secret);

        app.Time.Advance(TimeSpan.FromDays(1));
        var response = await client.GetAsync("/api/v1/models");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", await DetailAsync(response));
    }

    [Fact]
    public async Task ReadKey_Lists()
    {
        using var app = new NuqtaAppFactory();
        using var client = await app.CreateKeyClientAsync("viewer@example.com", [Roles.Viewer], [Scopes.Read]);

        var response = await client.GetAsync("/api/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task KeyWithoutWriteScope_Forbidden()
    {
        using var app = new NuqtaAppFactory();
        using var client = await app.CreateKeyClientAsync("engineer@example.com", [Roles.Engineer], [Scopes.Read]);

        var response = await client.PostAsJsonAsync("/api/v1/models", SupportModel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("'registry:write' scope", await DetailAsync(response));
    }

    [Fact]
    public async Task Viewer_Forbidden()
    {
        using var app = new NuqtaAppFactory();
        using var client = await app.CreateKeyClientAsync("viewer@example.com", [Roles.Viewer], [Scopes.Read]);

        var response = await client.PostAsJsonAsync("/api/v1/models", SupportModel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("engineer or admin role", await DetailAsync(response));
    }

    [Fact]
    public async Task WriteKey_RegistersModel()
    {
        using var app = new NuqtaAppFactory();
        using var client = await app.CreateKeyClientAsync("engineer@example.com", [Roles.Engineer], [Scopes.Read, Scopes.RegistryWrite]);

        var response = await client.PostAsJsonAsync("/api/v1/models", SupportModel);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/v1/models/support-rag", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DuplicateModel_Conflict()
    {
        using var app = new NuqtaAppFactory();
        using var client = await app.CreateKeyClientAsync("engineer@example.com", [Roles.Engineer], [Scopes.Read, Scopes.RegistryWrite]);
        await client.PostAsJsonAsync("/api/v1/models", SupportModel);

        var response = await client.PostAsJsonAsync("/api/v1/models", new { name = "SUPPORT-RAG" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task InvalidModelName_BadRequest()
    {
        using var app = new NuqtaAppFactory();
        using var client = await app.CreateKeyClientAsync("engineer@example.com", [Roles.Engineer], [Scopes.RegistryWrite]);

        var response = await client.PostAsJsonAsync("/api/v1/models", new { name = "has space" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("name", (await ProblemAsync(response)).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task UnknownModel_NotFound()
    {
        using var app = new NuqtaAppFactory();
        using var client = await app.CreateKeyClientAsync("viewer@example.com", [Roles.Viewer], [Scopes.Read]);

        var response = await client.GetAsync("/api/v1/models/missing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("No model is named 'missing'", await DetailAsync(response));
    }

    [Fact]
    public async Task CookiePostWithoutAntiforgery_BadRequest()
    {
        using var app = new NuqtaAppFactory();
        await app.CreateUserAsync("engineer@example.com", Roles.Engineer);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await SignInAsync(client, "engineer@example.com");

        var response = await client.PostAsJsonAsync("/api/v1/models", SupportModel);

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("antiforgery", await DetailAsync(response));
    }

    [Fact]
    public async Task CookieGet_NeedsNoAntiforgery()
    {
        using var app = new NuqtaAppFactory();
        await app.CreateUserAsync("viewer@example.com", Roles.Viewer);
        using var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await SignInAsync(client, "viewer@example.com");

        var response = await client.GetAsync("/api/v1/models");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    internal static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email) =>
        HtmlForms.SubmitAsync(client, "/Account/Login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = NuqtaAppFactory.Password,
        });

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await ProblemAsync(response)).GetProperty("detail").GetString() ?? "";

    private static T Service<T>(NuqtaAppFactory app)
        where T : notnull => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<T>(app.Services);
}
