using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;

namespace Nuqta.Dashboard.Hosting;

/// <summary>
/// Turns the current principal into the <see cref="Actor"/> that Core services check. A
/// signed-in user's roles are read again from the database each time, because a browser circuit
/// outlives the cookie's snapshot of them: a locked user or a removed role takes effect at the
/// next act, not at the next sign-in.
/// </summary>
public sealed class ActorAccessor(UserAdministration users)
{
    /// <summary>Returns the actor for an HTTP request (cookie or API key).</summary>
    /// <exception cref="AccessDeniedException">Nobody is signed in, or the account is locked.</exception>
    public Task<Actor> FromPrincipalAsync(ClaimsPrincipal principal, CancellationToken cancellationToken = default)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            throw new AccessDeniedException("Sign in first.");
        }

        var keyId = principal.FindFirstValue(ClaimNames.ApiKeyId);
        if (keyId is not null)
        {
            var kind = Enum.Parse<ActorKind>(principal.FindFirstValue(ClaimNames.ActorKind) ?? nameof(ActorKind.User));
            var actor = new Actor(
                kind,
                principal.FindFirstValue(ClaimTypes.NameIdentifier)!,
                principal.FindFirstValue(ClaimTypes.Name)!,
                principal.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
                keyId,
                principal.FindAll(ClaimNames.Scope).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
            return Task.FromResult(actor);
        }

        return LoadUserAsync(principal, cancellationToken);
    }

    /// <summary>Returns the actor of the signed-in user of a Blazor circuit.</summary>
    public async Task<Actor> FromAuthenticationStateAsync(Task<AuthenticationState> state, CancellationToken cancellationToken = default) =>
        await FromPrincipalAsync((await state).User, cancellationToken);

    private async Task<Actor> LoadUserAsync(ClaimsPrincipal principal, CancellationToken cancellationToken)
    {
        var userId = principal.FindFirstValue(ClaimTypes.NameIdentifier)
            ?? throw new AccessDeniedException("Sign in first.");
        return await users.LoadActorAsync(userId, cancellationToken)
            ?? throw new AccessDeniedException("Your account is locked or no longer exists; sign in again or ask an admin.");
    }
}
