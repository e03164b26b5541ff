using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Shared;

/// <summary>
/// Base of interactive pages: resolves the acting user at each act (roles are re-read, because a
/// circuit outlives changes to them) and turns Core's exceptions into messages on the page.
/// </summary>
public abstract class AppPage : ComponentBase
{
    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required ISnackbar Snackbar { get; init; }

    [Inject]
    public required NavigationManager Navigation { get; init; }

    [Inject]
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Errors of the last act, shown by the page; empty when it succeeded.</summary>
    protected IReadOnlyList<string> ActErrors { get; private set; } = [];

    /// <summary>True while an act runs, to disable its button.</summary>
    protected bool Busy { get; private set; }

    /// <summary>Returns the current actor, read fresh from the database.</summary>
    protected Task<Actor> CurrentActorAsync() =>
        Actors.FromAuthenticationStateAsync(AuthenticationState ?? throw new InvalidOperationException("No authentication state is available."));

    /// <summary>Returns true when the current user's roles grant the permission; false when signed out or locked.</summary>
    protected async Task<bool> CanAsync(Permission permission)
    {
        try
        {
            return (await CurrentActorAsync()).Can(permission);
        }
        catch (AccessDeniedException)
        {
            return false;
        }
    }

    /// <summary>
    /// Runs an act as the current user. Input errors, conflicts, missing items and refusals are
    /// shown on the page; anything else propagates to the error boundary.
    /// </summary>
    protected async Task<bool> ActAsync(Func<Actor, Task> act, string? successMessage = null)
    {
        Busy = true;
        ActErrors = [];
        try
        {
            var actor = await CurrentActorAsync();
            await act(actor);
            if (successMessage is not null)
            {
                Snackbar.Add(successMessage, Severity.Success);
            }

            return true;
        }
        catch (InputValidationException ex)
        {
            ActErrors = ex.Errors.Select(e => e.ToString()).ToList();
        }
        catch (Exception ex) when (ex is ConflictException or NotFoundException or AccessDeniedException)
        {
            ActErrors = [ex.Message];
        }
        finally
        {
            Busy = false;
        }

        LoggerFactory.CreateLogger(GetType()).LogInformation("An act on {Page} was rejected: {Errors}", GetType().Name, string.Join("; ", ActErrors));
        return false;
    }

    /// <summary>Returns the URL of the current page with the given query parameters changed.</summary>
    protected string WithQuery(IReadOnlyDictionary<string, object?> parameters) => Navigation.GetUriWithQueryParameters(parameters);
}
