using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor.Services;
using Nuqta.Dashboard.Api;
using Nuqta.Dashboard.Components;
using Nuqta.Dashboard.Components.Account;
using Nuqta.Dashboard.Core;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Storage;
using Scalar.AspNetCore;

namespace Nuqta.Dashboard.Hosting;

/// <summary>Wires the host: configuration, storage, sign-in, the API and the Blazor UI.</summary>
public static class WebApplicationExtensions
{
    /// <summary>Name of the authorization policy for API routes: a sign-in cookie or an API key.</summary>
    public const string ApiPolicy = "api";

    /// <summary>Registers every service of the app.</summary>
    /// <param name="demo">True when the <c>--demo</c> switch was given; the setting <c>Demo:Enabled</c> also turns demo mode on.</param>
    public static WebApplicationBuilder AddNuqtaDashboard(this WebApplicationBuilder builder, bool demo = false)
    {
        var configuration = builder.Configuration;
        if (demo)
        {
            configuration["Demo:Enabled"] = "true";
        }

        // Serve static web assets from the build output in every environment, not only in
        // Development, so "dotnet run" works as the README describes. After publish this is a no-op.
        builder.WebHost.UseStaticWebAssets();

        var storage = ResolveStorage(builder);
        var demoOptions = configuration.GetSection(DemoOptions.SectionName).Get<DemoOptions>() ?? new DemoOptions();
        var databaseFile = Path.Combine(storage.ResolvedDataDirectory, demoOptions.Enabled ? "nuqta-demo.db" : "nuqta.db");
        var configured = configuration.GetConnectionString("Nuqta");
        var connectionString = string.IsNullOrWhiteSpace(configured) ? $"Data Source={databaseFile};Default Timeout=30;Pooling=True" : configured;

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .PostConfigure(o => o.ResolvedDataDirectory = storage.ResolvedDataDirectory)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<DemoOptions>().Bind(configuration.GetSection(DemoOptions.SectionName));

        builder.Services.AddNuqtaData(connectionString);
        builder.Services.AddNuqtaAudit(configuration);
        builder.Services.AddNuqtaRegistry();
        builder.Services.AddNuqtaEvaluation();
        builder.Services.AddNuqtaComparisons();
        builder.Services.AddNuqtaWebhooks(configuration);
        builder.Services.AddNuqtaReleases();
        builder.Services.AddNuqtaRollbacks();
        builder.Services.AddNuqtaScorecards(configuration);
        builder.Services.AddNuqtaScorecardAdministration();
        // The token providers sign the one-time token that UserAdministration.ResetPasswordAsync
        // creates and redeems at once, so an admin's password reset needs them.
        builder.Services.AddNuqtaAccess(configuration).AddSignInManager().AddDefaultTokenProviders();

        builder.Services.AddScoped<ActorAccessor>();
        builder.Services.AddSingleton<DemoSeeder>();
        builder.Services.AddHostedService<StartupTasks>();
        builder.Services.AddHostedService<StagingCleanup>();
        // After StartupTasks, whose start migrates the database that delivery reads.
        builder.Services.AddHostedService<WebhookDeliveryService>();

        builder.Services.AddDataProtection()
            .SetApplicationName("Nuqta.Dashboard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(storage.ResolvedDataDirectory, "keys")));
        AddSignIn(builder.Services);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddOpenApi();
        builder.Services.AddProblemDetails();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>Builds the request pipeline and maps the UI, the API, health and API reference routes.</summary>
    public static WebApplication UseNuqtaDashboard(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }

        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapOpenApi();
        app.MapScalarApiReference("/api/reference", options => options.WithTitle("Nuqta Dashboard API"));
        app.MapHealthChecks("/health");

        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(ApiPolicy)
            .DisableAntiforgery()
            .AddEndpointFilter(ApiErrors.RequireAntiforgeryForCookies)
            .AddEndpointFilter(ApiErrors.MapExceptions);
        api.MapRegistryApi();
        api.MapEvaluationApi();
        api.MapComparisonApi();
        api.MapAuditApi();
        api.MapLaunchApi();
        api.MapScorecardApi();
        api.MapAliasApi();

        // A week in the path, as in the scorecard API (/scorecard/2026-W44), leads to the page's
        // own address with the week in the query string.
        app.MapGet("/scorecard/{week:regex(^\\d{{4}}-W\\d{{2}}$)}", (string week) => Results.Redirect($"/scorecard?week={Uri.EscapeDataString(week)}"))
            .ExcludeFromDescription();

        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        return app;
    }

    private static StorageOptions ResolveStorage(WebApplicationBuilder builder)
    {
        var storage = builder.Configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        var directory = string.IsNullOrWhiteSpace(storage.DataDirectory) ? "data" : storage.DataDirectory;
        storage.ResolvedDataDirectory = Path.GetFullPath(Path.IsPathRooted(directory) ? directory : Path.Combine(builder.Environment.ContentRootPath, directory));
        Directory.CreateDirectory(storage.ResolvedDataDirectory);
        return storage;
    }

    private static void AddSignIn(IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(ApiPolicy, "API key or sign-in cookie", options =>
            {
                // One scheme per request, so only one of them handles a challenge.
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? ApiKeyAuthenticationHandler.SchemeName
                        : IdentityConstants.ApplicationScheme;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.ExpireTimeSpan = TimeSpan.FromHours(12);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => RedirectOrStatus(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => RedirectOrStatus(context, StatusCodes.Status403Forbidden);
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(ApiPolicy, policy => policy
                .AddAuthenticationSchemes(ApiPolicy)
                .RequireAuthenticatedUser());
    }

    // API callers get a status code and problem details instead of the sign-in page's HTML.
    private static Task RedirectOrStatus(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            var detail = status == StatusCodes.Status401Unauthorized
                ? "Sign in, or send an API key as 'Authorization: Bearer <key>'."
                : "The caller may not do this.";
            return Results.Problem(detail, statusCode: status).ExecuteAsync(context.HttpContext);
        }

        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>Returns the app's first listening address, for the setup link in the log.</summary>
    public static string? FirstAddress(IServer server) =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
}
