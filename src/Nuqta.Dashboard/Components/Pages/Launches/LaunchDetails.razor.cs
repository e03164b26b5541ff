using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Releases;

namespace Nuqta.Dashboard.Components.Pages.Launches;

/// <summary>
/// The launch request page: the frozen evidence, the decisions, and the acts the current user may
/// take. The buttons follow the user's roles, but the server checks every act again.
/// </summary>
public sealed partial class LaunchDetails
{
    private LaunchView? _launch;
    private LaunchAccess _access = LaunchAccess.None;
    private string? _loadError;
    private List<BreadcrumbItem> _crumbs = [];

    [Parameter] public int Id { get; set; }

    [Inject] public required LaunchQueries Queries { get; init; }

    [Inject] public required LaunchService Launches { get; init; }

    protected override async Task OnParametersSetAsync()
    {
        _crumbs = [new(Text.Launches, "launches"), new($"#{Id}", null, disabled: true)];
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        try
        {
            var actor = await CurrentActorAsync();
            _launch = await Queries.GetAsync(actor, Id);
            _access = LaunchAccess.For(actor, _launch);
            _loadError = null;
        }
        catch (Exception ex) when (ex is NotFoundException or AccessDeniedException)
        {
            _loadError = ex.Message;
        }
    }

    private Task SubmitAsync() => ActThenReloadAsync(actor => Launches.SubmitAsync(actor, Id), Text.Submitted);

    private Task WithdrawAsync() => ActThenReloadAsync(actor => Launches.WithdrawAsync(actor, Id), Text.Withdrawn);

    private Task PromoteAsync() => ActThenReloadAsync(actor => Launches.PromoteAsync(actor, Id), Text.Promoted);

    private Task DecideAsync((LaunchDecisionKind Kind, string Comment) decision) =>
        ActThenReloadAsync(actor => Launches.DecideAsync(actor, Id, decision.Kind, decision.Comment), Text.Decided);

    private async Task ActThenReloadAsync(Func<Actor, Task> act, string message)
    {
        await ActAsync(act, message);
        await ReloadAsync();
    }

    private static class Text
    {
        public const string Title = "Launch request";
        public const string Launches = "Launch requests";
        public const string Loading = "Loading the launch request…";
        public const string NotFoundHint = "Check the number, or find the request in the list of launch requests.";
        public const string Packet = "Launch packet";
        public const string DraftTitle = "No evidence yet: this request is a draft";
        public const string DraftHint = "Submitting freezes the cited comparison, the SLO status and the gate verdict, and asks product owners to decide.";
        public const string OverrideBanner = "The gate failed. This launch was approved by override: two product owners other than the requester each wrote a justification.";
        public const string Submitted = "Submitted; the evidence is frozen.";
        public const string Withdrawn = "The launch request was withdrawn.";
        public const string Promoted = "Promoted: the alias now points to the candidate.";
        public const string Decided = "Your decision was recorded.";

        public static string Heading(LaunchSummary s) => $"#{s.Id} {s.Model}: {s.Alias} → {s.CandidateVersion}";

        public static string Summary(LaunchView v)
        {
            var baseline = v.Summary.BaselineVersion is null
                ? $"'{v.BaselineAlias}' held no version at submission (a first launch)"
                : $"baseline {v.Summary.BaselineVersion} under '{v.BaselineAlias}'";
            var promoted = v.Summary.PromotedAtUtc is { } at
                ? $" Promoted by {v.PromotedBy} at {at.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC."
                : "";
            return $"Requested by {v.Summary.RequestedBy}; {baseline}.{promoted}";
        }
    }
}

/// <summary>What the current user may do with one launch request, for showing buttons and notices.</summary>
public sealed record LaunchAccess(bool IsRequester, bool CanDecide, bool CanPromote, bool CanWithdraw, bool IsProductOwner)
{
    public static readonly LaunchAccess None = new(false, false, false, false, false);

    /// <summary>Derives the buttons to show from the actor's roles; Core checks each act again.</summary>
    public static LaunchAccess For(Actor actor, LaunchView launch)
    {
        var isRequester = actor.Id == launch.RequestedById;
        var isProductOwner = actor.Can(Permission.ApproveLaunches);
        var canPromote = actor.Can(Permission.LaunchesPromote) && (isRequester || actor.Roles.Contains(Roles.Sre));
        var canWithdraw = isRequester && actor.Can(Permission.LaunchesWrite);
        return new LaunchAccess(isRequester, isProductOwner && !isRequester, canPromote, canWithdraw, isProductOwner);
    }
}
