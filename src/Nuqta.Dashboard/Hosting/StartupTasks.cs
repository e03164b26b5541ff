using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Data;

namespace Nuqta.Dashboard.Hosting;

/// <summary>
/// Runs before the app takes requests: prepares the database, seeds the demo when enabled, and on
/// a first run without users logs the one-time setup link once the server has its address.
/// </summary>
public sealed class StartupTasks(
    DatabaseInitializer database,
    DemoSeeder demo,
    IOptions<DemoOptions> demoOptions,
    SetupService setup,
    IServer server,
    IHostApplicationLifetime lifetime,
    ILogger<StartupTasks> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.InitializeAsync(cancellationToken);
        if (demoOptions.Value.Enabled)
        {
            await demo.SeedAsync(cancellationToken);
            return;
        }

        var token = await setup.IssueTokenIfNoUsersAsync(cancellationToken);
        if (token is not null)
        {
            lifetime.ApplicationStarted.Register(() =>
            {
                var address = WebApplicationExtensions.FirstAddress(server) ?? "http://localhost:5000";
                // The only secret ever logged: it works once, expires, and is issued only while no user exists.
                logger.LogWarning("No user exists yet. Create the first admin at {SetupUrl}", $"{address.TrimEnd('/')}/setup?token={token}");
            });
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Deletes expired staged uploads every hour.</summary>
public sealed class StagingCleanup(Core.Storage.StagingStore staging, ILogger<StagingCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            var removed = staging.DeleteExpired();
            if (removed > 0)
            {
                logger.LogInformation("Deleted {Count} expired staged uploads", removed);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>Reports the app unhealthy when a database query fails.</summary>
public sealed class DatabaseHealthCheck(Microsoft.EntityFrameworkCore.IDbContextFactory<NuqtaDbContext> contexts) : Microsoft.Extensions.Diagnostics.HealthChecks.IHealthCheck
{
    public async Task<Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult> CheckHealthAsync(
        Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckContext context,
        CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await db.Database.CanConnectAsync(cancellationToken)
                ? Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Healthy("database reachable")
                : Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database unreachable");
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or InvalidOperationException)
        {
            return Microsoft.Extensions.Diagnostics.HealthChecks.HealthCheckResult.Unhealthy("database query failed", ex);
        }
    }
}
