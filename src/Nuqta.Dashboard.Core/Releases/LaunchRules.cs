using System.Text.RegularExpressions;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Statistics;

namespace Nuqta.Dashboard.Core.Releases;

/// <summary>
/// The launch state machine and its approval rules, free of storage so that tests can walk every
/// path: four-eyes, two-person overrides of a failing gate, and acknowledgement of an
/// inconclusive one.
/// </summary>
public static class LaunchRules
{
    /// <summary>Aliases a launch request may move.</summary>
    public static readonly IReadOnlyList<string> LaunchAliases = ["production", "canary"];

    /// <summary>Overrides needed to approve a launch whose gate failed.</summary>
    public const int OverridesNeeded = 2;

    // A guess at the least text that can say why a failing gate is acceptable; one word cannot.
    public const int MinJustificationLength = 20;

    public const int MaxCommentLength = 4000;

    /// <summary>Returns the alias whose holder is the baseline: <c>production</c> for a canary, else the alias itself.</summary>
    public static string BaselineAliasFor(string alias) => alias == "canary" ? "production" : alias;

    /// <summary>Throws unless a draft may be submitted by this actor.</summary>
    public static void EnsureCanSubmit(Actor actor, LaunchRequest launch)
    {
        actor.Demand(Permission.LaunchesWrite);
        if (launch.State != LaunchState.Draft)
        {
            throw new ConflictException($"Launch request {launch.Id} is {Describe(launch.State)}; only a draft can be submitted.");
        }

        if (actor.Id != launch.RequestedById)
        {
            throw new AccessDeniedException($"Only the requester ({launch.RequestedByName}) may submit launch request {launch.Id}.");
        }
    }

    /// <summary>Throws unless the requester may withdraw the launch now: any state before promotion and before a final decision.</summary>
    public static void EnsureCanWithdraw(Actor actor, LaunchRequest launch)
    {
        actor.Demand(Permission.LaunchesWrite);
        if (actor.Id != launch.RequestedById)
        {
            throw new AccessDeniedException($"Only the requester ({launch.RequestedByName}) may withdraw launch request {launch.Id}.");
        }

        if (launch.State is not (LaunchState.Draft or LaunchState.Submitted or LaunchState.Approved))
        {
            throw new ConflictException($"Launch request {launch.Id} is {Describe(launch.State)}; only a draft, submitted or approved request can be withdrawn.");
        }
    }

    /// <summary>
    /// Checks a product owner's decision and returns the state the launch moves to. A passing gate
    /// is approved by one approval, an inconclusive gate by one approval whose comment names every
    /// item of <paramref name="inconclusiveItems"/>, and a failing gate only by
    /// <see cref="OverridesNeeded"/> overrides from different product owners, each with a written
    /// justification. The launch stays submitted until the last override arrives.
    /// </summary>
    /// <exception cref="AccessDeniedException">An API key, someone without the product owner role, or the requester.</exception>
    /// <exception cref="ConflictException">The launch is not submitted, or this product owner already decided.</exception>
    /// <exception cref="InputValidationException">The comment is missing or does not meet the gate's rule.</exception>
    public static LaunchState Decide(Actor actor, LaunchRequest launch, LaunchDecisionKind kind, string? comment, IReadOnlyList<string> inconclusiveItems)
    {
        if (actor.ViaApiKey || actor.Kind != ActorKind.User)
        {
            throw new AccessDeniedException("Launches are approved and rejected by a signed-in product owner in the browser, never with an API key.");
        }

        actor.Demand(Permission.ApproveLaunches);
        if (actor.Id == launch.RequestedById)
        {
            throw new AccessDeniedException($"You requested launch {launch.Id}, so another product owner must decide on it.");
        }

        if (launch.State != LaunchState.Submitted)
        {
            throw new ConflictException($"Launch request {launch.Id} is {Describe(launch.State)}; only a submitted request can be approved or rejected.");
        }

        if (launch.Decisions.Any(d => d.ActorId == actor.Id))
        {
            throw new ConflictException($"You already decided on launch request {launch.Id}; a second product owner is needed.");
        }

        var text = comment?.Trim() ?? "";
        CheckComment(text, kind);
        return kind switch
        {
            LaunchDecisionKind.Rejection => LaunchState.Rejected,
            LaunchDecisionKind.Override => AfterOverride(launch),
            _ => AfterApproval(launch, text, inconclusiveItems),
        };
    }

    /// <summary>Throws unless the actor may promote the approved launch: its requester, or an SRE, with <c>launches:promote</c> on a key.</summary>
    public static void EnsureCanPromote(Actor actor, LaunchRequest launch)
    {
        actor.Demand(Permission.LaunchesPromote);
        if (actor.Id != launch.RequestedById && !actor.Roles.Contains(Roles.Sre))
        {
            throw new AccessDeniedException($"Only the requester ({launch.RequestedByName}) or an SRE may promote launch request {launch.Id}.");
        }

        if (launch.State != LaunchState.Approved)
        {
            throw new ConflictException($"Launch request {launch.Id} is {Describe(launch.State)}; only an approved request can be promoted.");
        }
    }

    /// <summary>
    /// Returns the critical metrics whose gate cells reached no verdict: not compared, or an
    /// aggregate cell (overall or in a counted segment) that is inconclusive or has insufficient data.
    /// </summary>
    public static IReadOnlyList<string> InconclusiveMetrics(IReadOnlyList<ComparisonCell> cells, GateRules rules)
    {
        var metrics = new List<string>();
        foreach (var metric in rules.CriticalMetrics)
        {
            var counted = cells.Where(c => c.Metric == metric && Counts(c, rules)).ToList();
            var undecided = counted.Count == 0 || counted.Any(c =>
                c.Statistic != "bad-rate" && c.Verdict is Verdict.Inconclusive or Verdict.InsufficientData);
            if (undecided)
            {
                metrics.Add(metric);
            }
        }

        return metrics;
    }

    /// <summary>Returns the items that the comment does not name as whole words, compared case-insensitively.</summary>
    public static IReadOnlyList<string> MissingAcknowledgements(string comment, IReadOnlyList<string> items) =>
        items.Where(item => !Regex.IsMatch(comment, $@"(?<![\w-]){Regex.Escape(item)}(?![\w-])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToList();

    /// <summary>Returns the state as the UI writes it, for example "withdrawn".</summary>
    public static string Describe(LaunchState state) => state.ToString().ToLowerInvariant();

    private static void CheckComment(string text, LaunchDecisionKind kind)
    {
        if (text.Length == 0)
        {
            var what = kind == LaunchDecisionKind.Override ? "a written justification" : "a comment";
            throw new InputValidationException($"{what} is required: say why you decide so", "comment");
        }

        if (text.Length > MaxCommentLength)
        {
            throw new InputValidationException($"the comment is {text.Length} characters long; the limit is {MaxCommentLength}", "comment");
        }

        if (kind == LaunchDecisionKind.Override && text.Length < MinJustificationLength)
        {
            throw new InputValidationException(
                $"the justification is {text.Length} characters long; an override needs at least {MinJustificationLength} that say why the failing gate is acceptable",
                "comment");
        }
    }

    private static LaunchState AfterApproval(LaunchRequest launch, string comment, IReadOnlyList<string> inconclusiveItems)
    {
        switch (launch.GateVerdict)
        {
            case GateVerdict.Fail:
                throw new InputValidationException(
                    $"the gate failed, so launch request {launch.Id} can only be approved by {OverridesNeeded} overrides from product owners, each with a written justification",
                    "kind");
            case GateVerdict.Inconclusive:
                var missing = MissingAcknowledgements(comment, inconclusiveItems);
                if (missing.Count > 0)
                {
                    throw new InputValidationException(
                        $"the gate is inconclusive, so the comment must acknowledge each inconclusive item by name; it does not name {string.Join(", ", missing)}",
                        "comment");
                }

                return LaunchState.Approved;
            default:
                return LaunchState.Approved;
        }
    }

    private static LaunchState AfterOverride(LaunchRequest launch)
    {
        if (launch.GateVerdict != GateVerdict.Fail)
        {
            throw new InputValidationException(
                $"the gate verdict of launch request {launch.Id} is {launch.GateVerdict.ToString().ToLowerInvariant()}, not fail; approve it instead of overriding",
                "kind");
        }

        int overrides = launch.Decisions.Count(d => d.Kind == LaunchDecisionKind.Override) + 1;
        return overrides >= OverridesNeeded ? LaunchState.Approved : LaunchState.Submitted;
    }

    private static bool Counts(ComparisonCell cell, GateRules rules) =>
        cell.Dimension is null || rules.CountedDimensions is null || rules.CountedDimensions.Contains(cell.Dimension, StringComparer.Ordinal);
}
