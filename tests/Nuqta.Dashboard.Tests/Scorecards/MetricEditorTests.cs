using Microsoft.EntityFrameworkCore;
using Nuqta.Dashboard.Core.Common;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Statistics;
using Nuqta.Dashboard.Tests.Support;

namespace Nuqta.Dashboard.Tests.Scorecards;

public sealed class MetricEditorTests
{
    private static (MetricEditor Editor, RecordingFigureMaintenance Figures) CreateEditor(CoreHost host)
    {
        var figures = new RecordingFigureMaintenance();
        var editor = new MetricEditor(host.Get<IDbContextFactory<NuqtaDbContext>>(), host.Get<AuditedWriter>(), figures);
        return (editor, figures);
    }

    [Fact]
    public async Task Update_StoresAuditsAndRecomputes()
    {
        await using var host = await CoreHost.StartAsync();
        var (editor, figures) = CreateEditor(host);
        var settings = await editor.GetAsync("faithfulness");

        var changed = await editor.UpdateAsync(Actors.Admin, "faithfulness", settings with { DisplayName = " Grounded answers ", BadThreshold = 0.6, MinExamples = 30 });

        Assert.Equal("Grounded answers", changed.DisplayName);
        await using var db = host.CreateContext();
        var metric = await db.Metrics.SingleAsync(m => m.Key == "faithfulness");
        Assert.Equal("Grounded answers", metric.DisplayName);
        Assert.Equal(0.6, metric.BadThreshold);
        Assert.Equal(30, metric.MinExamples);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "metric.updated");
        Assert.Equal("faithfulness", audit.SubjectId);
        Assert.Contains("\"minExamples\":20", audit.BeforeJson);
        Assert.Contains("\"minExamples\":30", audit.AfterJson);
        Assert.Equal([metric.Id], figures.Metrics);
    }

    [Fact]
    public async Task Update_NonAdminIsDenied()
    {
        await using var host = await CoreHost.StartAsync();
        var (editor, figures) = CreateEditor(host);
        var settings = await editor.GetAsync("faithfulness");

        await Assert.ThrowsAsync<AccessDeniedException>(() => editor.UpdateAsync(Actors.Engineer, "faithfulness", settings with { MinExamples = 5 }));

        Assert.Empty(figures.Metrics);
    }

    [Fact]
    public async Task Update_UnknownKeyIsNotFound()
    {
        await using var host = await CoreHost.StartAsync();
        var (editor, _) = CreateEditor(host);
        var settings = await editor.GetAsync("faithfulness");

        var error = await Assert.ThrowsAsync<NotFoundException>(() => editor.UpdateAsync(Actors.Admin, "no_such_metric", settings));

        Assert.Contains("no_such_metric", error.Message);
    }

    [Fact]
    public async Task Update_InvalidSettingsChangeNothing()
    {
        await using var host = await CoreHost.StartAsync();
        var (editor, figures) = CreateEditor(host);
        var settings = await editor.GetAsync("faithfulness");

        await Assert.ThrowsAsync<InputValidationException>(() => editor.UpdateAsync(Actors.Admin, "faithfulness", settings with { Alpha = 0 }));

        await using var db = host.CreateContext();
        Assert.Equal(0.05, (await db.Metrics.SingleAsync(m => m.Key == "faithfulness")).Alpha);
        Assert.False(await db.AuditEvents.AnyAsync(e => e.Action == "metric.updated"));
        Assert.Empty(figures.Metrics);
    }

    private static MetricSettings Valid() => new("Faithfulness", MetricDirection.HigherIsBetter, 0, 1, "", "mean", "lt", 0.5, 0.02, false, 0.05, 20);

    public static TheoryData<MetricSettings, string, string> InvalidCases() => new()
    {
        { Valid() with { DisplayName = "  " }, "displayName", "displayName is required" },
        { Valid() with { Aggregate = "median" }, "aggregate", "aggregate 'median' is not valid" },
        { Valid() with { Aggregate = "p100" }, "aggregate", "aggregate 'p100' is not valid" },
        { Valid() with { ScaleMin = 1, ScaleMax = 0 }, "scaleMax", "scaleMin 1 must be less than scaleMax 0" },
        { Valid() with { ScaleMin = null, ScaleMax = 1, BadThreshold = null, BadWhen = null }, "scaleMin", "scaleMax needs a scaleMin" },
        { Valid() with { BadThreshold = 1.5 }, "badThreshold", "badThreshold 1.5 lies outside the scale 0-1" },
        { Valid() with { BadWhen = "below" }, "badWhen", "badWhen 'below' is not valid" },
        { Valid() with { BadThreshold = null }, "badThreshold", "badWhen needs a badThreshold" },
        { Valid() with { BadWhen = null }, "badWhen", "badThreshold needs badWhen" },
        { Valid() with { Aggregate = "good-rate", BadWhen = null, BadThreshold = null }, "aggregate", "the good-rate aggregate needs a bad threshold" },
        { Valid() with { Tolerance = -0.1 }, "tolerance", "tolerance must be zero or a positive number" },
        { Valid() with { Tolerance = 5, ToleranceIsRelative = true }, "tolerance", "must be below 1" },
        { Valid() with { Alpha = 0.9 }, "alpha", "alpha must be greater than 0 and at most 0.5" },
        { Valid() with { MinExamples = 0 }, "minExamples", "minExamples must be between 1" },
        { Valid() with { Direction = (MetricDirection)7 }, "direction", "direction must be" },
    };

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void Validate_NamesFieldAndFix(MetricSettings settings, string field, string message)
    {
        var error = Assert.Throws<InputValidationException>(() => MetricEditor.Validate(settings));

        var single = Assert.Single(error.Errors);
        Assert.Equal(field, single.Field);
        Assert.Contains(message, single.Message);
    }

    [Theory]
    [InlineData("p95")]
    [InlineData(" P99.9 ")]
    [InlineData("good-rate")]
    [InlineData("MEAN")]
    public void Validate_AcceptsAggregateForms(string aggregate)
    {
        var valid = MetricEditor.Validate(Valid() with { Aggregate = aggregate });

        Assert.Equal(aggregate.Trim().ToLowerInvariant(), valid.Aggregate);
    }

    [Fact]
    public void Validate_ReportsEveryError()
    {
        var error = Assert.Throws<InputValidationException>(() => MetricEditor.Validate(Valid() with { DisplayName = "", Alpha = 2, MinExamples = -1 }));

        Assert.Equal(["displayName", "alpha", "minExamples"], error.Errors.Select(e => e.Field));
    }
}
