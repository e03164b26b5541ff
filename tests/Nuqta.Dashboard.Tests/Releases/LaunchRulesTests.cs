using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Releases;
using Nuqta.Dashboard.Core.Statistics;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Releases;

public sealed class LaunchRulesTests
{
    private const string Justification = "The maghrebi drop is known and a fix ships next week.";

    private static readonly Actor Requester = Actors.User("engineer@example.com", Roles.Engineer);
    private static readonly Actor OwnerA = Actors.User("owner-a@example.com", Roles.ProductOwner);
    private static readonly Actor OwnerB = Actors.User("owner-b@example.com", Roles.ProductOwner);

    [Fact]
    public void Decide_PassingGateApprovesWithOneApproval()
    {
        var launch = Submitted(GateVerdict.Pass);

        var next = LaunchRules.Decide(OwnerA, launch, LaunchDecisionKind.Approval, "Evidence is clean.", []);

        Assert.Equal(LaunchState.Approved, next);
    }

    [Fact]
    public void Decide_RequesterIsRefused()
    {
        var requesterOwner = Actors.User("both@example.com", Roles.Engineer, Roles.ProductOwner);
        var launch = Submitted(GateVerdict.Pass, requesterOwner);

        var error = Assert.Throws<AccessDeniedException>(() =>
            LaunchRules.Decide(requesterOwner, launch, LaunchDecisionKind.Approval, "Looks good.", []));

        Assert.Contains("another product owner must decide", error.Message);
    }

    [Fact]
    public void Decide_ApiKeyIsRefused()
    {
        var launch = Submitted(GateVerdict.Pass);
        var key = Actors.Key(OwnerA, Scopes.Read, Scopes.LaunchesWrite);

        var error = Assert.Throws<AccessDeniedException>(() =>
            LaunchRules.Decide(key, launch, LaunchDecisionKind.Approval, "Looks good.", []));

        Assert.Contains("in the browser", error.Message);
    }

    [Theory]
    [InlineData(Roles.Engineer)]
    [InlineData(Roles.Sre)]
    [InlineData(Roles.Admin)]
    public void Decide_NonProductOwnerIsRefused(string role)
    {
        var launch = Submitted(GateVerdict.Pass);

        Assert.Throws<AccessDeniedException>(() =>
            LaunchRules.Decide(Actors.User("other@example.com", role), launch, LaunchDecisionKind.Approval, "Looks good.", []));
    }

    [Theory]
    [InlineData(LaunchState.Draft)]
    [InlineData(LaunchState.Approved)]
    [InlineData(LaunchState.Rejected)]
    [InlineData(LaunchState.Promoted)]
    [InlineData(LaunchState.Withdrawn)]
    public void Decide_OnlySubmittedRequestsAreDecided(LaunchState state)
    {
        var launch = Submitted(GateVerdict.Pass);
        launch.State = state;

        var error = Assert.Throws<ConflictException>(() =>
            LaunchRules.Decide(OwnerA, launch, LaunchDecisionKind.Approval, "Looks good.", []));

        Assert.Contains(LaunchRules.Describe(state), error.Message);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Decide_CommentIsRequired(string? comment)
    {
        var launch = Submitted(GateVerdict.Pass);

        var error = Assert.Throws<InputValidationException>(() =>
            LaunchRules.Decide(OwnerA, launch, LaunchDecisionKind.Rejection, comment, []));

        Assert.Equal("comment", error.Errors[0].Field);
    }

    [Fact]
    public void Decide_RejectionEndsRequest()
    {
        var launch = Submitted(GateVerdict.Fail);

        var next = LaunchRules.Decide(OwnerA, launch, LaunchDecisionKind.Rejection, "Maghrebi users would get worse answers.", []);

        Assert.Equal(LaunchState.Rejected, next);
    }

    [Fact]
    public void Decide_FailingGateRejectsPlainApproval()
    {
        var launch = Submitted(GateVerdict.Fail);

        var error = Assert.Throws<InputValidationException>(() =>
            LaunchRules.Decide(OwnerA, launch, LaunchDecisionKind.Approval, "Ship it.", []));

        Assert.Contains("2 overrides", error.Message);
    }

    [Fact]
    public void Decide_FirstOverrideKeepsRequestSubmitted()
    {
        var launch = Submitted(GateVerdict.Fail);

        var next = LaunchRules.Decide(OwnerA, launch, LaunchDecisionKind.Override, Justification, []);

        Assert.Equal(LaunchState.Submitted, next);
    }

    [Fact]
    public void Decide_SecondOverrideByAnotherOwnerApproves()
    {
        var launch = Submitted(GateVerdict.Fail);
        AddDecision(launch, OwnerA, LaunchDecisionKind.Override);

        var next = LaunchRules.Decide(OwnerB, launch, LaunchDecisionKind.Override, Justification, []);

        Assert.Equal(LaunchState.Approved, next);
    }

    [Fact]
    public void Decide_SameOwnerCannotOverrideTwice()
    {
        var launch = Submitted(GateVerdict.Fail);
        AddDecision(launch, OwnerA, LaunchDecisionKind.Override);

        var error = Assert.Throws<ConflictException>(() =>
            LaunchRules.Decide(OwnerA, launch, LaunchDecisionKind.Override, Justification, []));

        Assert.Contains("a second product owner is needed", error.Message);
    }

    [Fact]
    public void Decide_OverrideNeedsWrittenJustification()
    {
        var launch = Submitted(GateVerdict.Fail);

        var error = Assert.Throws<InputValidationException>(() =>
            LaunchRules.Decide(OwnerA, launch, LaunchDecisionKind.Override, "ok, ship", []));

        Assert.Contains($"at least {LaunchRules.MinJustificationLength}", error.Message);
    }

    [Theory]
    [InlineData(GateVerdict.Pass)]
    [InlineData(GateVerdict.Inconclusive)]
    public void Decide_OverrideOfNonFailingGateIsRejected(GateVerdict verdict)
    {
        var launch = Submitted(verdict);

        Assert.Throws<InputValidationException>(() =>
            LaunchRules.Decide(OwnerA, launch, LaunchDecisionKind.Override, Justification, ["faithfulness"]));
    }

    [Fact]
    public void Decide_InconclusiveNeedsEveryItemNamed()
    {
        var launch = Submitted(GateVerdict.Inconclusive);

        var error = Assert.Throws<InputValidationException>(() => LaunchRules.Decide(
            OwnerA, launch, LaunchDecisionKind.Approval, "Accepting the faithfulness gap.", ["faithfulness", "context_recall"]));

        Assert.Contains("does not name context_recall", error.Message);
        Assert.DoesNotContain("faithfulness,", error.Message);
    }

    [Fact]
    public void Decide_InconclusiveApprovesWhenAcknowledged()
    {
        var launch = Submitted(GateVerdict.Inconclusive);

        var next = LaunchRules.Decide(
            OwnerA, launch, LaunchDecisionKind.Approval, "I acknowledge FAITHFULNESS and context_recall: too few examples, accepted.", ["faithfulness", "context_recall"]);

        Assert.Equal(LaunchState.Approved, next);
    }

    [Theory]
    [InlineData("faithfulness_v2 is fine", false)]
    [InlineData("unfaithfulness", false)]
    [InlineData("(faithfulness)", true)]
    [InlineData("faithfulness.", true)]
    public void MissingAcknowledgements_MatchesWholeKeys(string comment, bool named)
    {
        var missing = LaunchRules.MissingAcknowledgements(comment, ["faithfulness"]);

        Assert.Equal(named, missing.Count == 0);
    }

    [Fact]
    public void InconclusiveMetrics_ListsUndecidedCriticalMetrics()
    {
        ComparisonCell[] cells =
        [
            Cell("faithfulness", null, null, Verdict.Equivalent),
            Cell("faithfulness", "dialect", "maghrebi", Verdict.InsufficientData),
            Cell("answer_relevancy", null, null, Verdict.Improvement),
            Cell("answer_relevancy", "dialect", "maghrebi", Verdict.Inconclusive, "bad-rate"),
            Cell("toxicity", null, null, Verdict.Inconclusive),
        ];
        var rules = new GateRules(["faithfulness", "answer_relevancy", "context_recall"], null);

        var metrics = LaunchRules.InconclusiveMetrics(cells, rules);

        Assert.Equal(["faithfulness", "context_recall"], metrics);
    }

    [Fact]
    public void InconclusiveMetrics_IgnoresUncountedDimensions()
    {
        ComparisonCell[] cells =
        [
            Cell("faithfulness", null, null, Verdict.Equivalent),
            Cell("faithfulness", "intent", "billing", Verdict.Inconclusive),
        ];

        var metrics = LaunchRules.InconclusiveMetrics(cells, new GateRules(["faithfulness"], ["dialect"]));

        Assert.Empty(metrics);
    }

    [Fact]
    public void Promote_RequesterMayPromote()
    {
        var launch = Submitted(GateVerdict.Pass);
        launch.State = LaunchState.Approved;

        LaunchRules.EnsureCanPromote(Requester, launch);

        Assert.Equal(LaunchState.Approved, launch.State);
    }

    [Fact]
    public void Promote_OtherEngineerIsRefused()
    {
        var launch = Submitted(GateVerdict.Pass);
        launch.State = LaunchState.Approved;

        var error = Assert.Throws<AccessDeniedException>(() =>
            LaunchRules.EnsureCanPromote(Actors.User("other-engineer@example.com", Roles.Engineer), launch));

        Assert.Contains("or an SRE", error.Message);
    }

    [Fact]
    public void Promote_SreKeyNeedsPromoteScope()
    {
        var launch = Submitted(GateVerdict.Pass);
        launch.State = LaunchState.Approved;
        var sreService = new Actor(ActorKind.ServiceAccount, "sa-1", "auto-release", new HashSet<string> { Roles.Sre });

        LaunchRules.EnsureCanPromote(Actors.Key(sreService, Scopes.LaunchesPromote), launch);
        var error = Assert.Throws<AccessDeniedException>(() => LaunchRules.EnsureCanPromote(Actors.Key(sreService, Scopes.Read), launch));

        Assert.Contains("launches:promote", error.Message);
    }

    [Theory]
    [InlineData(LaunchState.Draft)]
    [InlineData(LaunchState.Submitted)]
    [InlineData(LaunchState.Rejected)]
    [InlineData(LaunchState.Promoted)]
    [InlineData(LaunchState.Withdrawn)]
    public void Promote_OnlyApprovedRequests(LaunchState state)
    {
        var launch = Submitted(GateVerdict.Pass);
        launch.State = state;

        Assert.Throws<ConflictException>(() => LaunchRules.EnsureCanPromote(Actors.Sre, launch));
    }

    [Theory]
    [InlineData(LaunchState.Draft, true)]
    [InlineData(LaunchState.Submitted, true)]
    [InlineData(LaunchState.Approved, true)]
    [InlineData(LaunchState.Rejected, false)]
    [InlineData(LaunchState.Promoted, false)]
    [InlineData(LaunchState.Withdrawn, false)]
    public void Withdraw_AllowedBeforePromotionOrDecision(LaunchState state, bool allowed)
    {
        var launch = Submitted(GateVerdict.Pass);
        launch.State = state;

        var error = Record.Exception(() => LaunchRules.EnsureCanWithdraw(Requester, launch));

        Assert.Equal(allowed, error is null);
    }

    [Fact]
    public void Withdraw_OnlyByRequester()
    {
        var launch = Submitted(GateVerdict.Pass);

        Assert.Throws<AccessDeniedException>(() => LaunchRules.EnsureCanWithdraw(Actors.User("other@example.com", Roles.Engineer), launch));
    }

    [Fact]
    public void Submit_OnlyDrafts()
    {
        var launch = Submitted(GateVerdict.Pass);

        Assert.Throws<ConflictException>(() => LaunchRules.EnsureCanSubmit(Requester, launch));
    }

    [Theory]
    [InlineData("production", "production")]
    [InlineData("canary", "production")]
    public void BaselineAlias_CanaryComparesWithProduction(string alias, string expected)
    {
        Assert.Equal(expected, LaunchRules.BaselineAliasFor(alias));
    }

    private static LaunchRequest Submitted(GateVerdict verdict, Actor? requester = null)
    {
        var by = requester ?? Requester;
        return new LaunchRequest
        {
            Id = 7,
            Alias = "production",
            BaselineAlias = "production",
            State = LaunchState.Submitted,
            GateVerdict = verdict,
            RequestedById = by.Id,
            RequestedByName = by.Name,
        };
    }

    private static void AddDecision(LaunchRequest launch, Actor actor, LaunchDecisionKind kind) =>
        launch.Decisions.Add(new LaunchDecision { Kind = kind, ActorId = actor.Id, ActorName = actor.Name, Comment = Justification });

    private static ComparisonCell Cell(string metric, string? dimension, string? segment, Verdict verdict, string statistic = "mean") =>
        new(metric, statistic, dimension, segment, "paired", 30, 30, 30, 0.8, 0.8, 0, -0.01, 0.01, "PercentileBootstrap", 0.5, 0.5, 0.02, verdict, null);
}
