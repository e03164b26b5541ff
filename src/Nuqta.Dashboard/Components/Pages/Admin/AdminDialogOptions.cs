using MudBlazor;

namespace Nuqta.Dashboard.Components.Pages.Admin;

/// <summary>Dialog options shared by the user and service-account forms.</summary>
internal static class AdminDialogOptions
{
    /// <summary>A full-width form that a stray click on the backdrop does not discard.</summary>
    public static DialogOptions Form => new() { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false };
}
