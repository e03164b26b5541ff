using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Nuqta.Dashboard.Components.Shared;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Releases;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Components.Pages.Releases;

public partial class RollbackDialog
{
    private RollbackPlan? _plan;
    private Exception? _loadError;
    private Exception? _error;
    private RollbackComparison? _comparison;
    private int _targetId;
    private int _incidentId;
    private IncidentSeverity _severity = IncidentSeverity.Major;
    private string? _segments;
    private string? _reason;
    private string? _confirmation;
    private bool _busy;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [Inject]
    public required RollbackService Rollbacks { get; init; }

    [Inject]
    public required ActorAccessor Actors { get; init; }

    [Inject]
    public required ILogger<RollbackDialog> Logger { get; init; }

    /// <summary>The model whose alias is rolled back.</summary>
    [Parameter, EditorRequired] public string ModelName { get; set; } = "";

    /// <summary>The alias to roll back, for example <c>production</c>.</summary>
    [Parameter, EditorRequired] public string AliasName { get; set; } = "";

    private RollbackTarget? SelectedTarget => _plan?.Targets.FirstOrDefault(t => t.VersionId == _targetId);

    private bool Confirmed => string.Equals(_confirmation?.Trim(), _plan?.Model, StringComparison.Ordinal);

    /// <summary>Shows the dialog and returns what the rollback did, or null when cancelled.</summary>
    public static async Task<RollbackOutcome?> ShowAsync(IDialogService dialogs, string model, string alias)
    {
        var parameters = new DialogParameters<RollbackDialog> { { d => d.ModelName, model }, { d => d.AliasName, alias } };
        var options = new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false };
        var reference = await dialogs.ShowAsync<RollbackDialog>(Text.Title(model, alias), parameters, options);
        var result = await reference.Result;
        return result is { Canceled: false, Data: RollbackOutcome outcome } ? outcome : null;
    }

    protected override async Task OnInitializedAsync()
    {
        try
        {
            // The rollback expects the plan's revision. If the alias moves before the SRE
            // confirms, Core rejects the rollback instead of acting on this stale view.
            _plan = await Rollbacks.GetPlanAsync(ModelName, AliasName);
            var initial = _plan.DefaultTarget ?? _plan.Targets.FirstOrDefault();
            if (initial is not null)
            {
                await SelectTargetAsync(initial.VersionId);
            }
        }
        catch (Exception exception) when (CoreErrors.IsRejection(exception))
        {
            Logger.LogRejection(exception, "load rollback plan", $"{ModelName}/{AliasName}");
            _loadError = exception;
        }
    }

    private async Task SelectTargetAsync(int versionId)
    {
        _targetId = versionId;
        _comparison = _plan?.CurrentVersionId is { } currentId ? await Rollbacks.FindComparisonAsync(currentId, versionId) : null;
    }

    private async Task RollBackAsync()
    {
        if (_plan is null || SelectedTarget is null)
        {
            return;
        }

        _busy = true;
        _error = null;
        try
        {
            var actor = await Actors.FromAuthenticationStateAsync(AuthenticationState);
            var request = new RollbackRequest(
                SelectedTarget.Label,
                _reason ?? "",
                ExpectedRevision: _plan.Revision,
                ConfirmModelName: _confirmation,
                IncidentId: _incidentId == 0 ? null : _incidentId,
                Severity: _severity,
                AffectedSegments: _segments);
            var outcome = await Rollbacks.RollBackAsync(actor, _plan.Model, _plan.Alias, request);
            Dialog.Close(DialogResult.Ok(outcome));
        }
        catch (Exception exception) when (CoreErrors.IsRejection(exception))
        {
            Logger.LogRejection(exception, "roll back", $"{ModelName}/{AliasName}");
            _error = exception;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Cancel() => Dialog.Cancel();

    private static Severity VerdictSeverity(GateVerdict verdict) => verdict switch
    {
        GateVerdict.Pass => Severity.Success,
        GateVerdict.Fail => Severity.Error,
        _ => Severity.Warning,
    };

    /// <summary>User-facing text of the dialog, kept in one place for translation.</summary>
    private static class Text
    {
        public const string CannotLoad = "The rollback cannot be prepared";
        public const string NoHolder = "This alias points to no version";
        public const string NoHolderHint = "There is nothing to roll back.";
        public const string NoTargets = "No earlier version to return to";
        public const string NotRolledBack = "Nothing was rolled back";
        public const string Target = "Return to version";
        public const string Incident = "Quality incident";
        public const string NewIncident = "Open a new incident";
        public const string Severity = "Severity";
        public const string Segments = "Affected segments";
        public const string SegmentsHelp = "Optional, for example dialect=maghrebi.";
        public const string Reason = "Reason";
        public const string ReasonHelp = "Required; recorded in the audit trail, the incident and the webhook event.";
        public const string ConfirmHelp = "Typing the name guards against rolling back the wrong model.";
        public const string Cancel = "Cancel";
        public const string RollingBack = "Rolling back…";
        public const string OpenComparison = "Open the comparison in a new tab";

        public static string Title(string model, string alias) => $"Roll back {alias} of {model}";

        public static string NoTargetsHint(string current) => $"{current} is the only version that held this alias or was registered before it.";

        public static string Current(string alias, string version) => $"{alias} now points to {version}.";

        public static string Describe(RollbackTarget target, bool isDefault)
        {
            var held = target.HeldUntilUtc is { } until ? $"held until {until:yyyy-MM-dd}" : "never held this alias";
            var flags = target.RolledBackFrom ? ", rolled back from before" : "";
            var suffix = isDefault ? " (default)" : "";
            return $"{target.Label}: {held}{flags}{suffix}";
        }

        public static string RolledBackFromWarning(string label) =>
            $"An earlier rollback moved this alias away from {label}. Return to it only if its problem is understood.";

        public static string NoComparison(string current, string? target) =>
            $"No saved comparison between {current} and {target ?? "the target"}; decide from the scorecard and the incident.";

        public static string ComparisonHeadline(RollbackComparison comparison) =>
            $"Saved comparison #{comparison.Id}: {comparison.CandidateVersion} against {comparison.BaselineVersion} on {comparison.DatasetVersion}, gate {comparison.Verdict.ToString().ToLowerInvariant()} ({comparison.CreatedAtUtc:yyyy-MM-dd})";

        public static string MoreReasons(int count) => $"and {count} more reasons";

        public static string LinkIncident(IncidentSummary incident) =>
            $"Link #{incident.Id}: {incident.Title} ({incident.Status.ToString().ToLowerInvariant()})";

        public static string Confirm(string model) => $"Type {model} to confirm";

        public static string Submit(string? target) => target is null ? "Roll back" : $"Roll back to {target}";
    }
}
