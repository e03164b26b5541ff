using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace Nuqta.Dashboard.Components.Shared;

/// <summary>
/// Catches an exception thrown while rendering a page, logs it with a short correlation id, and
/// shows a friendly message with that id, so a user can report it and an operator can find it.
/// </summary>
public sealed class AppErrorBoundary : ErrorBoundary
{
    private string _correlationId = "";

    [Inject]
    public required ILogger<AppErrorBoundary> Logger { get; init; }

    protected override Task OnErrorAsync(Exception exception)
    {
        _correlationId = Guid.NewGuid().ToString("N")[..10];
        Logger.LogError(exception, "Unhandled error while rendering a page; correlation id {CorrelationId}", _correlationId);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        builder.OpenComponent<StatusPanel>(1);
        builder.AddComponentParameter(2, nameof(StatusPanel.Kind), StatusKind.Error);
        builder.AddComponentParameter(3, nameof(StatusPanel.Title), "Something went wrong on this page");
        builder.AddComponentParameter(4, nameof(StatusPanel.Message), $"The error was logged with the id {_correlationId}. Reload the page or go back; if it happens again, report this id.");
        builder.CloseComponent();
    }
}
