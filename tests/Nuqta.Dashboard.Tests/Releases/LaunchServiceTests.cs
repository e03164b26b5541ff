using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Releases;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Core.Statistics;
using Nuqta.Dashboard.Tests.Evaluation;
using Nuqta.Dashboard.Tests.Support;
using static Nuqta.Dashboard.Tests.Releases.LaunchScenario;
using SloStatus = Nuqta.Dashboard.Core.Releases.SloStatus;

namespace Nuqta.Dashboard.Tests.Releases;

public sealed class LaunchServiceTests
{
    private const string Justification = "Known gap in one segment; the fix ships next week.";

    [Fact]
    public async Task Submit_FreezesEvidenceWithHash()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);

        var id = await host.Get<LaunchService>().CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison));

        var view = await host.Get<LaunchQueries>().GetAsync(Engineer, id);
        Assert.Equal(LaunchState.Submitted, view.Summary.State);
        Assert.True(view.EvidenceIntact);
        Assert.Equal("v1", view.Evidence!.BaselineVersion);
        Assert.Equal(comparison, view.Evidence.Comparison!.Id);
        Assert.Equal(GateVerdict.Pass, view.Evidence.Gate.Verdict);
        // The test host registers the scorecards' SLO check, and with no SLO defined no target is missed.
        Assert.Equal(SloStatus.Met, view.Evidence.Slo.Status);
        await using var db = host.CreateContext();
        var stored = await db.LaunchRequests.SingleAsync(l => l.Id == id);
        Assert.Equal(LaunchService.Sha256(stored.EvidenceJson!), stored.EvidenceSha256);
        Assert.Equal(CanonicalJson.Canonicalize(stored.EvidenceJson!), stored.EvidenceJson);
        Assert.Equal(["launch.created", "launch.submitted"], await ActionsAsync(host, id));
        Assert.Equal(1, await db.OutboundEvents.CountAsync(e => e.Type == EventTypes.LaunchSubmitted));
    }

    [Fact]
    public async Task Submit_EvidenceIgnoresLaterUploads()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        var id = await host.Get<LaunchService>().CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison));
        string before;
        await using (var db = host.CreateContext())
        {
            before = (await db.LaunchRequests.SingleAsync(l => l.Id == id)).EvidenceJson!;
        }

        await ImportScenario.ImportAsync(host, "id,faithfulness\nq1,0.1\nq2,0.1\nq3,0.1\nq4,0.1\nq5,0.1\nq6,0.1\n", version: "v2");
        await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Fail, Verdict.Regression);

        await using var after = host.CreateContext();
        var stored = await after.LaunchRequests.SingleAsync(l => l.Id == id);
        Assert.Equal(before, stored.EvidenceJson);
        Assert.Equal(GateVerdict.Pass, stored.GateVerdict);
    }

    [Fact]
    public async Task Draft_HasNoEvidenceUntilSubmitted()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        var launches = host.Get<LaunchService>();

        var id = await launches.CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison, Submit: false));
        var draft = await host.Get<LaunchQueries>().GetAsync(Engineer, id);
        await launches.SubmitAsync(Engineer, id);
        var submitted = await host.Get<LaunchQueries>().GetAsync(Engineer, id);

        Assert.Equal(LaunchState.Draft, draft.Summary.State);
        Assert.Null(draft.Evidence);
        Assert.Equal(LaunchState.Submitted, submitted.Summary.State);
        Assert.NotNull(submitted.Evidence);
    }

    [Fact]
    public async Task Flow_ApprovePromoteMovesAlias()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        var launches = host.Get<LaunchService>();
        var id = await launches.CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison));

        await launches.DecideAsync(OwnerA, id, LaunchDecisionKind.Approval, "Gate passed; approved.");
        await launches.PromoteAsync(Engineer, id);

        var model = await host.Get<ModelRegistry>().GetModelAsync(ModelName);
        Assert.Equal("v2", model.Aliases.Single(a => a.Name == "production").Version);
        var history = await host.Get<ModelRegistry>().GetAliasHistoryAsync(ModelName, "production");
        Assert.Equal(nameof(AliasMoveKind.Promotion), history[0].Kind);
        Assert.Equal(["launch.created", "launch.submitted", "launch.approved", "launch.promoted"], await ActionsAsync(host, id));

        await using var db = host.CreateContext();
        var lastTwo = await db.AuditEvents.OrderByDescending(e => e.Sequence).Take(2).ToListAsync();
        Assert.Equal("launch.promoted", lastTwo[0].Action);
        Assert.Equal("alias.moved", lastTwo[1].Action);
        Assert.Equal(1, await db.OutboundEvents.CountAsync(e => e.Type == EventTypes.LaunchApproved));
        Assert.Equal(1, await db.OutboundEvents.CountAsync(e => e.Type == EventTypes.LaunchPromoted));

        var packet = await host.Get<LaunchQueries>().GetPacketAsync(Engineer, id);
        Assert.Equal(lastTwo[0].Hash, packet.HeadHashAtPromotion);
        Assert.Contains(packet.Events, e => e.Action == "alias.moved");
        Assert.True((await host.Get<AuditQuery>().VerifyAsync(Actors.Admin)).IsIntact);
    }

    [Fact]
    public async Task Promote_RefusedAfterAliasMoved()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        var launches = host.Get<LaunchService>();
        var id = await launches.CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison));
        await launches.DecideAsync(OwnerA, id, LaunchDecisionKind.Approval, "Gate passed; approved.");
        await host.Get<ModelRegistry>().SetAliasAsync(Sre, ModelName, "production", new SetAliasRequest("v3", 1, "hotfix"));

        var error = await Assert.ThrowsAsync<ConflictException>(() => launches.PromoteAsync(Engineer, id));

        Assert.Contains("held v1", error.Message);
        Assert.Contains("now holds v3", error.Message);
        var model = await host.Get<ModelRegistry>().GetModelAsync(ModelName);
        Assert.Equal("v3", model.Aliases.Single(a => a.Name == "production").Version);
        Assert.DoesNotContain("launch.promoted", await ActionsAsync(host, id));
        Assert.Equal(LaunchState.Approved, (await host.Get<LaunchQueries>().GetAsync(Engineer, id)).Summary.State);
    }

    [Fact]
    public async Task Canary_RefusedWhenProductionMoved()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        var launches = host.Get<LaunchService>();
        var id = await launches.CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "canary", "v2", comparison));
        await launches.DecideAsync(OwnerA, id, LaunchDecisionKind.Approval, "Gate passed; approved.");
        await host.Get<ModelRegistry>().SetAliasAsync(Sre, ModelName, "production", new SetAliasRequest("v3", 1, "hotfix"));

        var error = await Assert.ThrowsAsync<ConflictException>(() => launches.PromoteAsync(Sre, id));

        Assert.Contains("'production' alias", error.Message);
    }

    [Fact]
    public async Task Canary_PromotionMovesCanaryOnly()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        var launches = host.Get<LaunchService>();
        var id = await launches.CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "canary", "v2", comparison));
        await launches.DecideAsync(OwnerA, id, LaunchDecisionKind.Approval, "Gate passed; approved.");

        await launches.PromoteAsync(Sre, id);

        var model = await host.Get<ModelRegistry>().GetModelAsync(ModelName);
        Assert.Equal("v2", model.Aliases.Single(a => a.Name == "canary").Version);
        Assert.Equal("v1", model.Aliases.Single(a => a.Name == "production").Version);
    }

    [Fact]
    public async Task Approve_RequesterRefusedAndNothingStored()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        var both = await host.CreateUserAsync("both@example.com", Core.Access.Roles.Engineer, Core.Access.Roles.ProductOwner);
        var launches = host.Get<LaunchService>();
        var id = await launches.CreateAsync(both, new CreateLaunchRequest(ModelName, "production", "v2", comparison));

        await Assert.ThrowsAsync<Core.Common.AccessDeniedException>(() => launches.DecideAsync(both, id, LaunchDecisionKind.Approval, "My own work, approved."));

        await using var db = host.CreateContext();
        Assert.Equal(0, await db.LaunchDecisions.CountAsync());
        Assert.Equal(["launch.created", "launch.submitted"], await ActionsAsync(host, id));
    }

    [Fact]
    public async Task Override_TwoOwnersApproveFailingGate()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Fail, Verdict.Equivalent, Verdict.Regression);
        var launches = host.Get<LaunchService>();
        var id = await launches.CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison));

        var first = await launches.DecideAsync(OwnerA, id, LaunchDecisionKind.Override, Justification);
        var second = await launches.DecideAsync(OwnerB, id, LaunchDecisionKind.Override, Justification);

        Assert.Equal(LaunchState.Submitted, first);
        Assert.Equal(LaunchState.Approved, second);
        var summary = Assert.Single((await host.Get<LaunchQueries>().ListAsync(Engineer, new LaunchListQuery())).Items);
        Assert.True(summary.IsOverride);
        Assert.Equal(["launch.created", "launch.submitted", "launch.override", "launch.override", "launch.approved"], await ActionsAsync(host, id));
    }

    [Fact]
    public async Task Inconclusive_StoresItemsToAcknowledge()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Inconclusive, Verdict.Equivalent, Verdict.InsufficientData);
        var launches = host.Get<LaunchService>();
        var id = await launches.CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison));
        var view = await host.Get<LaunchQueries>().GetAsync(Engineer, id);

        var items = view.Evidence!.Gate.InconclusiveItems;

        await Assert.ThrowsAsync<InputValidationException>(() => launches.DecideAsync(OwnerA, id, LaunchDecisionKind.Approval, "Fine by me."));
        var state = await launches.DecideAsync(OwnerA, id, LaunchDecisionKind.Approval, $"I acknowledge {string.Join(", ", items)}: too few examples, accepted.");

        // faithfulness has a segment without enough data; the other default critical metrics were not compared.
        Assert.Contains("faithfulness", items);
        Assert.Contains("context_recall", items);
        Assert.Equal(LaunchState.Approved, state);
    }

    [Fact]
    public async Task Withdrawn_CannotBeApproved()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        var launches = host.Get<LaunchService>();
        var id = await launches.CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison));
        await launches.WithdrawAsync(Engineer, id, "superseded");

        var error = await Assert.ThrowsAsync<ConflictException>(() => launches.DecideAsync(OwnerA, id, LaunchDecisionKind.Approval, "Approved."));

        Assert.Contains("withdrawn", error.Message);
    }

    [Fact]
    public async Task Create_RejectsComparisonOfOtherVersions()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v3", "v1", GateVerdict.Pass);

        var error = await Assert.ThrowsAsync<InputValidationException>(() =>
            host.Get<LaunchService>().CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison)));

        Assert.Contains("this launch needs v2 against v1", error.Message);
        await using var db = host.CreateContext();
        Assert.Equal(0, await db.LaunchRequests.CountAsync());
    }

    [Theory]
    [InlineData("staging", "v2", "alias")]
    [InlineData("production", "v1", "candidateVersion")]
    [InlineData("production", "", "candidateVersion")]
    public async Task Create_RejectsBadInput(string alias, string candidate, string field)
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);

        var error = await Assert.ThrowsAsync<InputValidationException>(() =>
            host.Get<LaunchService>().CreateAsync(Engineer, new CreateLaunchRequest(ModelName, alias, candidate, comparison)));

        Assert.Equal(field, error.Errors[0].Field);
    }

    [Fact]
    public async Task Create_RejectsSecondOpenRequest()
    {
        await using var host = await StartAsync();
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);
        var launches = host.Get<LaunchService>();
        await launches.CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison));

        await Assert.ThrowsAsync<ConflictException>(() => launches.CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison)));
    }

    [Fact]
    public async Task FirstLaunch_WithoutCheckIsInconclusive()
    {
        await using var host = await StartAsync(withProduction: false);

        var id = await host.Get<LaunchService>().CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v1", null));

        var evidence = (await host.Get<LaunchQueries>().GetAsync(Engineer, id)).Evidence!;
        Assert.True(evidence.FirstLaunch);
        Assert.Null(evidence.Comparison);
        Assert.Equal(GateVerdict.Inconclusive, evidence.Gate.Verdict);
        Assert.Equal(["SLO"], evidence.Gate.InconclusiveItems);
    }

    [Fact]
    public async Task FirstLaunch_MissedSloTargetFails()
    {
        var miss = new SloTargetMiss(1, "cited support", null, "good-rate 0.82 is below the target 0.90");
        await using var host = await StartAsync(withProduction: false, configure: s => s.AddSingleton<ISloTargetCheck>(new FixedSloCheck([miss])));
        await ImportScenario.ImportAsync(host, "id,faithfulness\nq1,0.9\nq2,0.8\nq3,0.7\nq4,0.9\nq5,0.8\nq6,0.7\n", version: "v1");

        var id = await host.Get<LaunchService>().CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v1", null));

        var evidence = (await host.Get<LaunchQueries>().GetAsync(Engineer, id)).Evidence!;
        Assert.Equal(SloStatus.Missed, evidence.Slo.Status);
        Assert.Single(evidence.Slo.RunIds);
        Assert.Equal(GateVerdict.Fail, evidence.Gate.Verdict);
        Assert.Contains("cited support", evidence.Gate.Reasons[0]);
    }

    [Fact]
    public async Task FirstLaunch_RejectsComparison()
    {
        await using var host = await StartAsync(withProduction: false);
        var comparison = await SaveComparisonAsync(host, "v2", "v1", GateVerdict.Pass);

        var error = await Assert.ThrowsAsync<InputValidationException>(() =>
            host.Get<LaunchService>().CreateAsync(Engineer, new CreateLaunchRequest(ModelName, "production", "v2", comparison)));

        Assert.Contains("first launch", error.Message);
    }

    private static async Task<List<string>> ActionsAsync(CoreHost host, int id)
    {
        await using var db = host.CreateContext();
        var subject = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await db.AuditEvents.Where(e => e.SubjectType == "launch" && e.SubjectId == subject).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync();
    }

    private sealed class FixedSloCheck(IReadOnlyList<SloTargetMiss> misses) : ISloTargetCheck
    {
        public Task<IReadOnlyList<SloTargetMiss>> MissedTargetsAsync(int modelId, IReadOnlyList<int> runIds, CancellationToken cancellationToken = default) =>
            Task.FromResult(misses);
    }
}
