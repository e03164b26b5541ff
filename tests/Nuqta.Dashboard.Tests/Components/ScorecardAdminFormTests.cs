using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Nuqta.Dashboard.Components.Pages.Admin;
using Nuqta.Dashboard.Components.Pages.Metrics;
using Nuqta.Dashboard.Core;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Core.Storage;
using Nuqta.Dashboard.Hosting;
using Nuqta.Dashboard.Tests.Scorecards;

namespace Nuqta.Dashboard.Tests.Components;

/// <summary>The metric edit form and the SLO admin page against the real Core services on a SQLite file.</summary>
public sealed class ScorecardAdminFormTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuqta-bunit-" + Guid.NewGuid().ToString("N"));
    private readonly BunitContext _context = new();
    private readonly RecordingFigureMaintenance _figures = new();
    private BunitAuthorizationContext _authorization = default!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Audit:SigningKey"] = Convert.ToBase64String(new byte[32]) })
            .Build();
        var services = _context.Services;
        services.AddLogging();
        services.AddSingleton(TimeProvider.System);
        services.AddOptions<StorageOptions>().Configure(o => o.ResolvedDataDirectory = _directory);
        services.AddNuqtaData($"Data Source={Path.Combine(_directory, "test.db")};Pooling=False");
        services.AddNuqtaAudit(configuration);
        services.AddNuqtaRegistry();
        services.AddNuqtaEvaluation();
        services.AddNuqtaAccess(configuration);
        services.AddSingleton<IWeeklyFigureMaintenance>(_figures);
        services.AddNuqtaScorecardAdministration();
        services.AddScoped<ActorAccessor>();
        services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _authorization = _context.AddAuthorization();

        await _context.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    [Fact]
    public async Task MetricForm_InvalidAlphaShowsError()
    {
        await SignInAsync("admin@test.local", Roles.Admin);
        var form = _context.Render<MetricEditForm>(p => p.Add(c => c.MetricKey, "faithfulness"));

        Input(form, "metric-alpha").Change("0");
        await form.Find("[data-testid=metric-save]").ClickAsync(new());

        var errors = form.WaitForElement("[data-testid=act-errors]");
        Assert.Contains("alpha must be greater than 0 and at most 0.5", errors.TextContent);
        Assert.Empty(_figures.Metrics);
    }

    [Fact]
    public async Task MetricForm_ListsEveryError()
    {
        await SignInAsync("admin@test.local", Roles.Admin);
        var form = _context.Render<MetricEditForm>(p => p.Add(c => c.MetricKey, "faithfulness"));

        Input(form, "metric-display-name").Change("");
        Input(form, "metric-bad-threshold").Change("7");
        await form.Find("[data-testid=metric-save]").ClickAsync(new());

        var errors = form.WaitForElement("[data-testid=act-errors]");
        Assert.Contains("displayName is required", errors.TextContent);
        Assert.Contains("badThreshold 7 lies outside the scale 0-1", errors.TextContent);
    }

    [Fact]
    public async Task MetricForm_ValidChangeSavesAndRecomputes()
    {
        await SignInAsync("admin@test.local", Roles.Admin);
        var saved = false;
        var form = _context.Render<MetricEditForm>(p => p
            .Add(c => c.MetricKey, "faithfulness")
            .Add(c => c.Saved, () => saved = true));

        Input(form, "metric-min-examples").Change("40");
        await form.Find("[data-testid=metric-save]").ClickAsync(new());

        form.WaitForAssertion(() => Assert.True(saved));
        await using var db = await _context.Services.GetRequiredService<IDbContextFactory<NuqtaDbContext>>().CreateDbContextAsync();
        Assert.Equal(40, (await db.Metrics.SingleAsync(m => m.Key == "faithfulness")).MinExamples);
        Assert.Single(_figures.Metrics);
    }

    [Fact]
    public void MetricForm_UnknownKeyShowsNotFound()
    {
        var form = _context.Render<MetricEditForm>(p => p.Add(c => c.MetricKey, "no_such_metric"));

        Assert.Contains("No metric has the key 'no_such_metric'", form.Find(".status-panel").TextContent);
    }

    [Fact]
    public async Task SloForm_TargetOutsideScaleShowsError()
    {
        await SignInAsync("admin@test.local", Roles.Admin);
        var existing = await CreateSloAsync(new SloRequest("grounded answers", "faithfulness", "mean", SloComparator.AtLeast, 0.8));
        var form = _context.Render<SloForm>(p => p.Add(c => c.Existing, existing));

        Input(form, "slo-target").Change("1.5");
        await form.Find("[data-testid=slo-save]").ClickAsync(new());

        var errors = form.WaitForElement("[data-testid=act-errors]");
        Assert.Contains("target 1.5 is outside the scale of 'faithfulness' (0-1)", errors.TextContent);
    }

    [Fact]
    public async Task SloForm_ListsEveryError()
    {
        await SignInAsync("admin@test.local", Roles.Admin);
        var existing = await CreateSloAsync(new SloRequest("p95 latency", "latency_ms", "p95", SloComparator.AtMost, 2500));
        var form = _context.Render<SloForm>(p => p.Add(c => c.Existing, existing));

        Input(form, "slo-dimension").Change("dialect");
        Input(form, "slo-run-kinds").Change("regression, red-team");
        await form.Find("[data-testid=slo-save]").ClickAsync(new());

        var errors = form.WaitForElement("[data-testid=act-errors]");
        Assert.Contains("run kind 'red-team' is not valid", errors.TextContent);
        Assert.Contains("dimension 'dialect' is not a segment attribute of any dataset version", errors.TextContent);
    }

    [Fact]
    public async Task SloForm_DuplicateNameShowsConflict()
    {
        await SignInAsync("admin@test.local", Roles.Admin);
        await CreateSloAsync(new SloRequest("p95 latency", "latency_ms", "p95", SloComparator.AtMost, 2500));
        var other = await CreateSloAsync(new SloRequest("non-toxic", "toxicity", "good-rate", SloComparator.AtLeast, 0.995));
        var form = _context.Render<SloForm>(p => p.Add(c => c.Existing, other));

        Input(form, "slo-name").Change("P95 latency");
        await form.Find("[data-testid=slo-save]").ClickAsync(new());

        var errors = form.WaitForElement("[data-testid=act-errors]");
        Assert.Contains("Another SLO is already named 'P95 latency'", errors.TextContent);
    }

    [Fact]
    public async Task SloPage_DisableWithoutReasonShowsError()
    {
        await SignInAsync("admin@test.local", Roles.Admin);
        await CreateSloAsync(new SloRequest("p95 latency", "latency_ms", "p95", SloComparator.AtMost, 2500));
        var page = _context.Render<Slos>();

        await page.WaitForElement("[data-testid=disable-slo]").ClickAsync(new());
        await page.Find("[data-testid=slo-disable-confirm]").ClickAsync(new());

        var errors = page.WaitForElement("[data-testid=act-errors]");
        Assert.Contains("reason is required to disable an SLO", errors.TextContent);
    }

    [Fact]
    public async Task SloPage_ViewerSeesNotice()
    {
        await SignInAsync("viewer@test.local", Roles.Viewer);

        var page = _context.Render<Slos>();

        var notice = page.WaitForElement("[data-testid=permission-notice]");
        Assert.Contains("needs the admin role", notice.TextContent);
        Assert.Empty(page.FindAll("[data-testid=new-slo]"));
    }

    private static AngleSharp.Dom.IElement Input<T>(IRenderedComponent<T> form, string testId)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        form.Find($"[data-testid={testId}] input, input[data-testid={testId}]");

    private async Task<SloView> CreateSloAsync(SloRequest request)
    {
        var admin = new Actor(ActorKind.System, "test", "test", new HashSet<string> { Roles.Admin });
        return await _context.Services.GetRequiredService<SloService>().CreateAsync(admin, request);
    }

    private async Task SignInAsync(string email, string role)
    {
        var users = _context.Services.GetRequiredService<UserAdministration>();
        var created = await users.CreateUncheckedAsync(Actor.System, new CreateUserRequest(email, email, [role], "Test-password-1234"), "user.created");
        _authorization.SetAuthorized(email);
        // bUnit rebuilds the principal on each call, keeping roles but not earlier custom claims, so claims go last.
        _authorization.SetRoles(role);
        _authorization.SetClaims(new Claim(ClaimTypes.NameIdentifier, created.User.Id));
    }

    public async Task DisposeAsync()
    {
        await _context.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
