using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Nuqta.Dashboard.Core.Access;

namespace Nuqta.Dashboard.Components.Account;

/// <summary>Account routes that are plain HTTP endpoints rather than pages.</summary>
public static class AccountEndpoints
{
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/Account/Logout", async ([FromServices] SignInManager<AppUser> signInManager, [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            return TypedResults.LocalRedirect($"~/{returnUrl?.TrimStart('/')}");
        });
        return endpoints;
    }
}
