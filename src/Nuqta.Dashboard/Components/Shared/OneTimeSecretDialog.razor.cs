using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Nuqta.Dashboard.Components.Shared;

public partial class OneTimeSecretDialog
{
    private string? _copyMessage;
    private bool _copied;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Inject]
    public required IJSRuntime JS { get; init; }

    /// <summary>Dialog headline, for example "Key created".</summary>
    [Parameter] public string Title { get; set; } = "";

    /// <summary>One sentence on what the secret is for and who should get it.</summary>
    [Parameter] public string Intro { get; set; } = "";

    /// <summary>Label of the field that shows the secret, for example "API key".</summary>
    [Parameter] public string SecretLabel { get; set; } = "";

    [Parameter, EditorRequired] public string Secret { get; set; } = "";

    /// <summary>Why the secret is not shown again; defaults to the text for secrets stored only as a hash.</summary>
    [Parameter] public string? Warning { get; set; }

    /// <summary>Shows the secret in a dialog that a click on the backdrop does not close.</summary>
    public static async Task ShowAsync(IDialogService dialogs, string title, string intro, string secretLabel, string secret, string? warning = null)
    {
        var parameters = new DialogParameters<OneTimeSecretDialog>
        {
            { d => d.Title, title },
            { d => d.Intro, intro },
            { d => d.SecretLabel, secretLabel },
            { d => d.Secret, secret },
            { d => d.Warning, warning },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = false };
        var reference = await dialogs.ShowAsync<OneTimeSecretDialog>(title, parameters, options);
        await reference.Result;
    }

    private async Task CopyAsync()
    {
        try
        {
            await JS.InvokeVoidAsync("navigator.clipboard.writeText", Secret);
            _copied = true;
            _copyMessage = Text.Copied;
        }
        catch (JSException)
        {
            // The browser may deny clipboard access (no permission, or a page not served over HTTPS).
            _copied = false;
            _copyMessage = Text.CopyFailed;
        }
    }

    private void Close() => Dialog.Close();

    /// <summary>User-facing text of the dialog, kept in one place for translation.</summary>
    private static class Text
    {
        public const string Copy = "Copy";
        public const string Done = "I have copied it";
        public const string Copied = "Copied to the clipboard.";
        public const string CopyFailed = "The browser did not allow copying. Select the text in the field and copy it by hand.";
        public const string NotShownAgain = "This is the only time it is shown. The server keeps only a hash, so nobody can show it again; if it is lost, create a new one.";
    }
}
