using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Releases;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Releases;

public sealed class RollbackServiceTests
{
    private const string Model = "legal-qa";

    [Fact]
    public async Task RollBack_MovesToDefaultAndOpensIncident()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10", "2026.11");

        var outcome = await host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", Request("2026.11"));

        Assert.Equal("2026.11", outcome.FromVersion);
        Assert.Equal("2026.10", outcome.ToVersion);
        Assert.True(outcome.IncidentOpened);
        Assert.Equal("2026.10", await HolderAsync(host));
        var incident = await host.Get<IncidentService>().GetAsync(outcome.IncidentId);
        Assert.Equal(IncidentStatus.Open, incident.Incident.Status);
        Assert.Equal(Model, incident.Incident.Model);
        Assert.Contains(incident.Timeline, n => n.Kind == IncidentNoteKind.Rollback && n.Text.Contains("from 2026.11 to 2026.10", StringComparison.Ordinal));
        Assert.Single(incident.Rollbacks);
    }

    [Fact]
    public async Task RollBack_WritesAuditAndOutboxEvents()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10", "2026.11");

        var outcome = await host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", Request("2026.11"));

        var audit = await host.Get<AuditQuery>().ListAsync(Actors.Admin, new AuditFilter(PageSize: 5));
        Assert.Contains(audit.Items, e => e.Action == "alias.rolled-back" && e.SubjectId == "legal-qa/production" && e.Reason == "cited support fell");
        Assert.Contains(audit.Items, e => e.Action == "incident.opened" && e.SubjectId == outcome.IncidentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var db = host.CreateContext();
        var events = await db.OutboundEvents.Select(e => e.Type).ToListAsync();
        Assert.Contains(EventTypes.RollbackExecuted, events);
        Assert.Contains(EventTypes.IncidentOpened, events);
        var move = await db.AliasMoves.OrderByDescending(m => m.Id).FirstAsync();
        Assert.Equal(AliasMoveKind.Rollback, move.Kind);
    }

    [Fact]
    public async Task SecondRollback_NeverRestoresVersionRolledBackFrom()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10", "2026.11");
        var rollbacks = host.Get<RollbackService>();
        await rollbacks.RollBackAsync(Actors.Sre, Model, "production", Request("2026.11"));

        var second = await rollbacks.RollBackAsync(Actors.Sre, Model, "production", Request("2026.10"));

        Assert.Equal("2026.09", second.ToVersion);
        var plan = await rollbacks.GetPlanAsync(Model, "production");
        Assert.Null(plan.DefaultTarget);
        Assert.All(plan.Targets, t => Assert.True(t.RolledBackFrom));
    }

    [Fact]
    public async Task RollBack_RejectsCurrentVersion()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10");

        var error = await Assert.ThrowsAsync<InputValidationException>(() =>
            host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", Request("2026.10") with { ToVersion = "2026.10" }));

        Assert.Contains("already points to 2026.10", error.Message);
        await AssertNoRollbackAsync(host);
    }

    [Fact]
    public async Task RollBack_RejectsVersionOfOtherModel()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10");
        var registry = host.Get<ModelRegistry>();
        await registry.RegisterModelAsync(Actors.Engineer, new RegisterModelRequest("support-rag", "support", null));
        await registry.RegisterVersionAsync(Actors.Engineer, "support-rag", new RegisterModelVersionRequest("v1.2", null, null, null, null, null));

        var error = await Assert.ThrowsAsync<InputValidationException>(() =>
            host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", Request("2026.10") with { ToVersion = "v1.2" }));

        Assert.Contains("belongs to model 'support-rag'", error.Message);
        await AssertNoRollbackAsync(host);
    }

    [Fact]
    public async Task RollBack_RejectsNewerVersionThatNeverHeld()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10");
        await host.Get<ModelRegistry>().RegisterVersionAsync(Actors.Engineer, Model, new RegisterModelVersionRequest("2026.12", null, null, null, null, null));

        var error = await Assert.ThrowsAsync<InputValidationException>(() =>
            host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", Request("2026.10") with { ToVersion = "2026.12" }));

        Assert.Contains("is a launch, not a rollback", error.Message);
    }

    [Fact]
    public async Task RollBack_StaleRevisionIsConflict()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10", "2026.11");
        var plan = await host.Get<RollbackService>().GetPlanAsync(Model, "production");
        host.Time.Advance(TimeSpan.FromMinutes(1));
        await host.Get<ModelRegistry>().SetAliasAsync(Actors.Sre, Model, "production", new SetAliasRequest("2026.09", plan.Revision, "manual move"));

        var request = new RollbackRequest(null, "cited support fell", ExpectedRevision: plan.Revision, ConfirmModelName: Model);
        var error = await Assert.ThrowsAsync<ConflictException>(() => host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", request));

        Assert.Contains("moved since the page loaded", error.Message);
        Assert.Contains("now points to 2026.09", error.Message);
        await AssertNoRollbackAsync(host);
    }

    [Fact]
    public async Task RollBack_StaleExpectedVersionIsConflict()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10", "2026.11");

        var error = await Assert.ThrowsAsync<ConflictException>(() =>
            host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", Request("2026.10")));

        Assert.Contains("points to 2026.11, not 2026.10", error.Message);
    }

    [Fact]
    public async Task RollBack_RequiresTypedModelName()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10");

        var error = await Assert.ThrowsAsync<InputValidationException>(() =>
            host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", Request("2026.10") with { ConfirmModelName = "legal" }));

        Assert.Contains("type 'legal-qa' exactly", error.Message);
        await AssertNoRollbackAsync(host);
    }

    [Fact]
    public async Task RollBack_RequiresReasonAndExpectedState()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10");

        var error = await Assert.ThrowsAsync<InputValidationException>(() =>
            host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", new RollbackRequest(null, " ", ConfirmModelName: Model)));

        Assert.Contains(error.Errors, e => e.Field == "reason");
        Assert.Contains(error.Errors, e => e.Field == "expectedVersion");
    }

    [Fact]
    public async Task RollBack_KeyNeedsNoConfirmation()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10");
        var key = Actors.Key(Actors.Sre, Scopes.Rollback);

        var outcome = await host.Get<RollbackService>().RollBackAsync(key, Model, "production", new RollbackRequest(null, "SLO breach", ExpectedVersion: "2026.10"));

        Assert.Equal("2026.09", outcome.ToVersion);
    }

    [Fact]
    public async Task RollBack_RejectsEngineerAndKeyWithoutScope()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10");
        var rollbacks = host.Get<RollbackService>();

        await Assert.ThrowsAsync<AccessDeniedException>(() => rollbacks.RollBackAsync(Actors.Engineer, Model, "production", Request("2026.10")));
        var error = await Assert.ThrowsAsync<AccessDeniedException>(() =>
            rollbacks.RollBackAsync(Actors.Key(Actors.Sre, Scopes.Read), Model, "production", Request("2026.10")));

        Assert.Contains("'rollback' scope", error.Message);
        await AssertNoRollbackAsync(host);
    }

    [Fact]
    public async Task RollBack_LinksOpenIncident()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10");
        var incident = await host.Get<IncidentService>().OpenAsync(Actors.Sre, new OpenIncidentRequest(Model, "Citations missing", IncidentSeverity.Critical, "category=contracts", null));

        var outcome = await host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", Request("2026.10") with { IncidentId = incident.Id });

        Assert.False(outcome.IncidentOpened);
        Assert.Equal(incident.Id, outcome.IncidentId);
        var detail = await host.Get<IncidentService>().GetAsync(incident.Id);
        Assert.Single(detail.Rollbacks);
        var audit = await host.Get<AuditQuery>().ListAsync(Actors.Admin, new AuditFilter(Action: "incident.rollback-linked"));
        Assert.Single(audit.Items);
    }

    [Fact]
    public async Task RollBack_RejectsResolvedIncident()
    {
        await using var host = await StartWithHistoryAsync("2026.09", "2026.10");
        var incidents = host.Get<IncidentService>();
        var incident = await incidents.OpenAsync(Actors.Sre, new OpenIncidentRequest(Model, "Old breach", IncidentSeverity.Minor, null, null));
        await incidents.ChangeStatusAsync(Actors.Sre, incident.Id, IncidentStatus.Resolved, "fixed upstream");

        var error = await Assert.ThrowsAsync<InputValidationException>(() =>
            host.Get<RollbackService>().RollBackAsync(Actors.Sre, Model, "production", Request("2026.10") with { IncidentId = incident.Id }));

        Assert.Contains("is resolved", error.Message);
        await AssertNoRollbackAsync(host);
    }

    [Fact]
    public async Task Incident_StatusAndNotesAreAudited()
    {
        await using var host = await StartWithHistoryAsync("2026.09");
        var incidents = host.Get<IncidentService>();
        var incident = await incidents.OpenAsync(Actors.Sre, new OpenIncidentRequest(Model, "Latency breach", IncidentSeverity.Major, null, "p95 at 3.1 s"));

        await incidents.AddNoteAsync(Actors.Admin, incident.Id, "Retriever index rebuilt.");
        var mitigated = await incidents.ChangeStatusAsync(Actors.Sre, incident.Id, IncidentStatus.Mitigated, "p95 back to 1.9 s");

        Assert.Equal(IncidentStatus.Mitigated, mitigated.Status);
        var detail = await incidents.GetAsync(incident.Id);
        Assert.Equal([IncidentNoteKind.Opened, IncidentNoteKind.Note, IncidentNoteKind.StatusChange], detail.Timeline.Select(n => n.Kind));
        var actions = (await host.Get<AuditQuery>().ListAsync(Actors.Admin, new AuditFilter(PageSize: 3))).Items.Select(e => e.Action).ToList();
        Assert.Contains("incident.opened", actions);
        Assert.Contains("incident.note-added", actions);
        Assert.Contains("incident.status-changed", actions);
    }

    [Fact]
    public async Task Incident_RejectsEngineerAndEmptyNote()
    {
        await using var host = await StartWithHistoryAsync("2026.09");
        var incidents = host.Get<IncidentService>();
        var incident = await incidents.OpenAsync(Actors.Admin, new OpenIncidentRequest(Model, "Breach", IncidentSeverity.Major, null, null));

        await Assert.ThrowsAsync<AccessDeniedException>(() => incidents.AddNoteAsync(Actors.Engineer, incident.Id, "note"));
        var error = await Assert.ThrowsAsync<InputValidationException>(() => incidents.ChangeStatusAsync(Actors.Sre, incident.Id, IncidentStatus.Resolved, ""));

        Assert.Equal("note", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task Incident_OpenRequiresModelAndTitle()
    {
        await using var host = await StartWithHistoryAsync("2026.09");

        var error = await Assert.ThrowsAsync<InputValidationException>(() =>
            host.Get<IncidentService>().OpenAsync(Actors.Sre, new OpenIncidentRequest("", " ", IncidentSeverity.Major, null, null)));

        Assert.Contains(error.Errors, e => e.Field == "model");
        Assert.Contains(error.Errors, e => e.Field == "title");
        await using var db = host.CreateContext();
        Assert.Equal(0, await db.QualityIncidents.CountAsync());
    }

    private static RollbackRequest Request(string expected) =>
        new(null, "cited support fell", ExpectedVersion: expected, ConfirmModelName: Model);

    /// <summary>Registers the model's versions a day apart and moves production through them in order.</summary>
    private static async Task<CoreHost> StartWithHistoryAsync(params string[] productionHistory)
    {
        var host = await CoreHost.StartAsync();
        var registry = host.Get<ModelRegistry>();
        await registry.RegisterModelAsync(Actors.Engineer, new RegisterModelRequest(Model, "legal", null));
        foreach (var label in productionHistory)
        {
            host.Time.Advance(TimeSpan.FromDays(1));
            await registry.RegisterVersionAsync(Actors.Engineer, Model, new RegisterModelVersionRequest(label, null, null, null, null, null));
        }

        var revision = 0;
        foreach (var label in productionHistory)
        {
            host.Time.Advance(TimeSpan.FromDays(1));
            await registry.SetAliasAsync(Actors.Sre, Model, "production", new SetAliasRequest(label, revision++, $"launch of {label}"));
        }

        host.Time.Advance(TimeSpan.FromHours(1));
        return host;
    }

    private static async Task<string?> HolderAsync(CoreHost host) =>
        (await host.Get<ModelRegistry>().GetModelAsync(Model)).Aliases.Single(a => a.Name == "production").Version;

    private static async Task AssertNoRollbackAsync(CoreHost host)
    {
        await using var db = host.CreateContext();
        Assert.Equal(0, await db.Rollbacks.CountAsync());
        Assert.False(await db.AliasMoves.AnyAsync(m => m.Kind == AliasMoveKind.Rollback));
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "alias.rolled-back"));
    }
}
