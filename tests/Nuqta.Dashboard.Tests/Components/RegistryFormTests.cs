using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MudBlazor;
using MudBlazor.Services;
using Nuqta.Dashboard.Components.Pages.Models;
using Nuqta.Dashboard.Core;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Storage;
using Nuqta.Dashboard.Hosting;

namespace Nuqta.Dashboard.Tests.Components;

/// <summary>The registry forms against the real Core services on a SQLite file.</summary>
public sealed class RegistryFormTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuqta-bunit-" + Guid.NewGuid().ToString("N"));
    private readonly BunitContext _context = new();
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
        services.AddScoped<ActorAccessor>();
        services.AddMudServices(options => options.SnackbarConfiguration.ShowTransitionDuration = 0);
        _context.JSInterop.Mode = JSRuntimeMode.Loose;
        _authorization = _context.AddAuthorization();

        await _context.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
    }

    [Fact]
    public async Task RegisterModel_InvalidNameShowsError()
    {
        await SignInAsync("engineer@test.local", Roles.Engineer);
        var form = _context.Render<RegisterModel>();

        form.Find("[data-testid=model-name] input, input[data-testid=model-name]").Change("bad name!");
        await form.Find("[data-testid=register-model]").ClickAsync(new());

        var errors = form.WaitForElement("[data-testid=act-errors]");
        Assert.Contains("name 'bad name!' is invalid", errors.TextContent);
    }

    [Fact]
    public async Task RegisterModel_ValidNameNavigatesToModel()
    {
        await SignInAsync("engineer@test.local", Roles.Engineer);
        var form = _context.Render<RegisterModel>();

        form.Find("[data-testid=model-name] input, input[data-testid=model-name]").Change("support-rag");
        await form.Find("[data-testid=register-model]").ClickAsync(new());

        var navigation = _context.Services.GetRequiredService<BunitNavigationManager>();
        form.WaitForAssertion(() => Assert.EndsWith("/models/support-rag", navigation.Uri));
    }

    [Fact]
    public async Task RegisterModel_ViewerSeesNoticeInsteadOfForm()
    {
        await SignInAsync("viewer@test.local", Roles.Viewer);

        var form = _context.Render<RegisterModel>();

        var notice = form.WaitForElement("[data-testid=permission-notice]");
        Assert.Contains("needs the engineer or admin role", notice.TextContent);
        Assert.Empty(form.FindAll("[data-testid=register-model]"));
    }

    [Fact]
    public async Task RegisterDataset_DuplicateNameShowsConflict()
    {
        await SignInAsync("engineer@test.local", Roles.Engineer);
        var first = _context.Render<Nuqta.Dashboard.Components.Pages.Datasets.RegisterDataset>();
        first.Find("[data-testid=dataset-name] input, input[data-testid=dataset-name]").Change("golden");
        await first.Find("[data-testid=register-dataset]").ClickAsync(new());

        var second = _context.Render<Nuqta.Dashboard.Components.Pages.Datasets.RegisterDataset>();
        second.Find("[data-testid=dataset-name] input, input[data-testid=dataset-name]").Change("GOLDEN");
        await second.Find("[data-testid=register-dataset]").ClickAsync(new());

        var errors = second.WaitForElement("[data-testid=act-errors]");
        Assert.Contains("A dataset named 'GOLDEN' already exists", errors.TextContent);
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
