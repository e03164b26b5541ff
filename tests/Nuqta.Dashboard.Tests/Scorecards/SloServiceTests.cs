using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Tests.Evaluation;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Scorecards;

/// <summary>SLO administration on a database with the model support-rag and a dataset version segmented by lang.</summary>
public sealed class SloServiceTests
{
    private static readonly SloRequest Latency = new("p95 latency", "latency_ms", "p95", SloComparator.AtMost, 2500);

    private static (SloService Service, RecordingFigureMaintenance Figures) CreateService(CoreHost host)
    {
        var figures = new RecordingFigureMaintenance();
        var service = new SloService(host.Get<IDbContextFactory<NuqtaDbContext>>(), host.Get<AuditedWriter>(), figures, host.Time);
        return (service, figures);
    }

    [Fact]
    public async Task Create_StoresAuditsAndEvaluates()
    {
        await using var host = await ImportScenario.StartAsync();
        var (service, figures) = CreateService(host);

        var created = await service.CreateAsync(Actors.Admin, Latency with { Model = "SUPPORT-RAG", RunKinds = ["production-sample", "Regression"], Dimension = "lang" });

        Assert.Equal("p95 latency_ms <= 2500", created.Objective);
        Assert.Equal("support-rag", created.Model);
        Assert.Equal(["production-sample", "regression"], created.RunKinds);
        Assert.Equal("lang", created.Dimension);
        Assert.Equal([created.Id], figures.Slos);
        await using var db = host.CreateContext();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "slo.created");
        Assert.Equal(created.Id.ToString(), audit.SubjectId);
        Assert.Null(audit.BeforeJson);
    }

    [Fact]
    public async Task Create_NonAdminIsDenied()
    {
        await using var host = await ImportScenario.StartAsync();
        var (service, figures) = CreateService(host);

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.CreateAsync(Actors.Engineer, Latency));

        Assert.Empty(figures.Slos);
    }

    [Fact]
    public async Task Create_DuplicateNameIsConflict()
    {
        await using var host = await ImportScenario.StartAsync();
        var (service, _) = CreateService(host);
        await service.CreateAsync(Actors.Admin, Latency);

        var error = await Assert.ThrowsAsync<ConflictException>(() => service.CreateAsync(Actors.Admin, Latency with { Name = "P95 Latency " }));

        Assert.Contains("P95 Latency", error.Message);
    }

    public static TheoryData<SloRequest, string, string> InvalidCases() => new()
    {
        { Latency with { Name = "" }, "name", "name is required" },
        { Latency with { Metric = "groundedness" }, "metric", "metric 'groundedness' is not in the metric catalogue" },
        { Latency with { Aggregate = "max" }, "aggregate", "aggregate 'max' is not valid" },
        { Latency with { Metric = "faithfulness", Aggregate = "mean", Target = 1.2 }, "target", "target 1.2 is outside the scale of 'faithfulness' (0-1)" },
        { Latency with { Target = -5 }, "target", "target -5 is outside the scale of 'latency_ms'" },
        { Latency with { Metric = "cited_support", Aggregate = "good-rate", Target = 90 }, "target", "target 90 is outside 0-1" },
        { Latency with { Target = double.NaN }, "target", "target must be a finite number" },
        { Latency with { Comparator = (SloComparator)9 }, "comparator", "comparator must be" },
        { Latency with { Model = "billing-bot" }, "model", "model 'billing-bot' is not registered" },
        { Latency with { RunKinds = ["red-team"] }, "runKinds", "run kind 'red-team' is not valid" },
        { Latency with { DatasetNames = ["legal-golden"] }, "datasetNames", "dataset 'legal-golden' is not registered" },
        { Latency with { Dimension = "dialect" }, "dimension", "dimension 'dialect' is not a segment attribute of any dataset version" },
        { Latency with { MinExamples = 0 }, "minExamples", "minExamples must be between 1" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public async Task Create_InvalidValueNamesFieldAndFix(SloRequest request, string field, string message)
    {
        await using var host = await ImportScenario.StartAsync();
        var (service, figures) = CreateService(host);

        var error = await Assert.ThrowsAsync<InputValidationException>(() => service.CreateAsync(Actors.Admin, request));

        var single = Assert.Single(error.Errors);
        Assert.Equal(field, single.Field);
        Assert.Contains(message, single.Message);
        Assert.Empty(figures.Slos);
    }

    [Fact]
    public async Task Create_GoodRateNeedsBadThreshold()
    {
        await using var host = await ImportScenario.StartAsync();
        await using (var db = host.CreateContext())
        {
            await db.Metrics.Where(m => m.Key == "faithfulness").ExecuteUpdateAsync(s => s.SetProperty(m => m.BadWhen, (string?)null).SetProperty(m => m.BadThreshold, (double?)null));
        }

        var (service, _) = CreateService(host);

        var error = await Assert.ThrowsAsync<InputValidationException>(() => service.CreateAsync(Actors.Admin, new SloRequest("grounded", "faithfulness", "good-rate", SloComparator.AtLeast, 0.9)));

        Assert.Contains("has no bad threshold", Assert.Single(error.Errors).Message);
    }

    [Fact]
    public async Task Update_ChangesTargetAndAuditsBoth()
    {
        await using var host = await ImportScenario.StartAsync();
        var (service, figures) = CreateService(host);
        var created = await service.CreateAsync(Actors.Admin, Latency);

        var updated = await service.UpdateAsync(Actors.Admin, created.Id, Latency with { Target = 3000 });

        Assert.Equal(3000, updated.Target);
        Assert.Equal([created.Id, created.Id], figures.Slos);
        await using var db = host.CreateContext();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "slo.updated");
        Assert.Contains("\"target\":2500", audit.BeforeJson);
        Assert.Contains("\"target\":3000", audit.AfterJson);
    }

    [Fact]
    public async Task Update_KeepsOwnNameWithoutConflict()
    {
        await using var host = await ImportScenario.StartAsync();
        var (service, _) = CreateService(host);
        var created = await service.CreateAsync(Actors.Admin, Latency);

        var updated = await service.UpdateAsync(Actors.Admin, created.Id, Latency with { MinExamples = 50 });

        Assert.Equal(50, updated.MinExamples);
    }

    [Fact]
    public async Task Update_UnknownIdIsNotFound()
    {
        await using var host = await ImportScenario.StartAsync();
        var (service, _) = CreateService(host);

        await Assert.ThrowsAsync<NotFoundException>(() => service.UpdateAsync(Actors.Admin, 404, Latency));
    }

    [Fact]
    public async Task Disable_NeedsReason()
    {
        await using var host = await ImportScenario.StartAsync();
        var (service, _) = CreateService(host);
        var created = await service.CreateAsync(Actors.Admin, Latency);

        var error = await Assert.ThrowsAsync<InputValidationException>(() => service.SetEnabledAsync(Actors.Admin, created.Id, false, "  "));

        Assert.Equal("reason", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task Disable_RecordsReasonAndListsLast()
    {
        await using var host = await ImportScenario.StartAsync();
        var (service, figures) = CreateService(host);
        var latency = await service.CreateAsync(Actors.Admin, Latency);
        await service.CreateAsync(Actors.Admin, new SloRequest("cited support", "cited_support", "good-rate", SloComparator.AtLeast, 0.9));

        var disabled = await service.SetEnabledAsync(Actors.Admin, latency.Id, false, "Latency moved to the SRE dashboard");

        Assert.False(disabled.IsEnabled);
        Assert.Equal(["cited support", "p95 latency"], (await service.ListAsync()).Select(s => s.Name));
        Assert.Equal(["cited support"], (await service.ListAsync(includeDisabled: false)).Select(s => s.Name));
        Assert.Equal(latency.Id, figures.Slos[^1]);
        await using var db = host.CreateContext();
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "slo.disabled");
        Assert.Equal("Latency moved to the SRE dashboard", audit.Reason);
    }
}
