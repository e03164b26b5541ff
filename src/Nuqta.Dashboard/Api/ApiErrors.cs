using Microsoft.AspNetCore.Antiforgery;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Api;

/// <summary>
/// Endpoint filters shared by the API: domain exceptions become problem+json responses, and
/// state-changing requests that rely on the sign-in cookie must carry an antiforgery token.
/// </summary>
public static class ApiErrors
{
    /// <summary>Converts Core's exceptions to 400, 403, 404 and 409 problem responses.</summary>
    public static async ValueTask<object?> MapExceptions(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (InputValidationException ex)
        {
            return ValidationProblem(ex);
        }
        catch (NotFoundException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found");
        }
        catch (ConflictException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict");
        }
        catch (AccessDeniedException ex)
        {
            return Results.Problem(ex.Message, statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");
        }
    }

    /// <summary>Returns a 400 problem that lists every input error with its line, column and value.</summary>
    public static IResult ValidationProblem(InputValidationException ex)
    {
        var errors = ex.Errors.Select(e => new
        {
            message = e.Message,
            field = e.Field,
            line = e.Line,
            column = e.Column,
            value = e.Value,
            text = e.ToString(),
        }).ToList();
        var extensions = new Dictionary<string, object?> { ["errors"] = errors, ["truncated"] = ex.Truncated };
        return Results.Problem(ex.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid input", extensions: extensions);
    }

    /// <summary>
    /// Requires an antiforgery token on POST, PUT, PATCH and DELETE requests authenticated by the
    /// sign-in cookie. Requests with an API key carry no ambient credential, so they need none.
    /// </summary>
    public static async ValueTask<object?> RequireAntiforgeryForCookies(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var changesState = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
        var viaKey = http.User.HasClaim(c => c.Type == ClaimNames.ApiKeyId);
        if (changesState && !viaKey && http.User.Identity?.IsAuthenticated == true)
        {
            var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.Problem(
                    "The request has no valid antiforgery token. Browser requests must send the RequestVerificationToken header; scripts should use an API key instead.",
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Antiforgery token missing");
            }
        }

        return await next(context);
    }
}
