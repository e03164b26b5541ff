using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Access;

namespace Nuqta.Dashboard.Hosting;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c>. The principal carries the key owner's
/// current roles and the key's scopes; Core services narrow the roles by the scopes.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyService keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string FailureItem = "nuqta:api-key-failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        var (identity, failure) = await keys.AuthenticateAsync(secret, Context.RequestAborted);
        if (identity is null)
        {
            var message = failure switch
            {
                ApiKeyFailure.Revoked => "The API key was revoked.",
                ApiKeyFailure.Expired => "The API key has expired; create a new one.",
                ApiKeyFailure.OwnerDisabled => "The API key's owner is locked or disabled.",
                _ => "The API key is not valid.",
            };
            Context.Items[FailureItem] = message;
            Logger.LogInformation("Rejected an API key: {Failure}", failure);
            return AuthenticateResult.Fail(message);
        }

        var actor = identity.Actor;
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, actor.Id),
            new(ClaimTypes.Name, actor.Name),
            new(ClaimNames.ActorKind, actor.Kind.ToString()),
            new(ClaimNames.ApiKeyId, identity.KeyId.ToString()),
        };
        claims.AddRange(actor.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange((actor.Scopes ?? new HashSet<string>()).Select(s => new Claim(ClaimNames.Scope, s)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = Context.Items[FailureItem] as string
            ?? "Sign in, or send an API key as 'Authorization: Bearer <key>'.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(detail, statusCode: 401, title: "Authentication required").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem("The caller may not do this.", statusCode: 403, title: "Forbidden").ExecuteAsync(Context);
    }
}
