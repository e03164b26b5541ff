using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Data;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Releases;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Core.Storage;
using Nuqta.Dashboard.Core.Webhooks;

namespace Nuqta.Dashboard.Core;

/// <summary>Registers the services of each Core feature.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the database: a context factory (one context per operation) on SQLite.</summary>
    public static IServiceCollection AddNuqtaData(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<NuqtaDbContext>(options => options.UseSqlite(connectionString));
        services.AddSingleton<IWriteTransactions, SqliteWriteTransactions>();
        services.AddSingleton<IExampleBulkWriter, SqliteExampleBulkWriter>();
        services.AddSingleton<AuditedWriter>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }

    /// <summary>Registers the audit trail and its signing key.</summary>
    public static IServiceCollection AddNuqtaAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuditOptions>().Bind(configuration.GetSection(AuditOptions.SectionName));
        services.AddSingleton<AuditSigner>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AuditQuery>();
        services.AddSingleton<AuditSubjectHistory>();
        services.AddSingleton<AuditCsvExport>();
        services.AddSingleton<ChainVerificationLog>();
        return services;
    }

    /// <summary>Registers users, roles, service accounts, API keys and first-run setup.</summary>
    public static IdentityBuilder AddNuqtaAccess(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SetupOptions>().Bind(configuration.GetSection(SetupOptions.SectionName));
        services.AddSingleton<ApiKeyService>();
        services.AddSingleton<ServiceAccountService>();
        services.AddSingleton<UserAdministration>();
        services.AddSingleton<SetupService>();

        return services.AddIdentityCore<AppUser>(options =>
            {
                // No email sender is configured by default, so sign-in must not wait for confirmation.
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = true;
                options.Password.RequireLowercase = true;
                options.Password.RequireUppercase = true;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<NuqtaDbContext>();
    }

    /// <summary>Registers the model and dataset registry and the upload staging store.</summary>
    public static IServiceCollection AddNuqtaRegistry(this IServiceCollection services)
    {
        services.AddSingleton<ModelRegistry>();
        services.AddSingleton<DatasetRegistry>();
        services.AddSingleton<DatasetVersionCreator>();
        services.AddSingleton<StagingStore>();
        return services;
    }

    /// <summary>Registers the metric catalogue, result import and run queries.</summary>
    public static IServiceCollection AddNuqtaEvaluation(this IServiceCollection services)
    {
        services.AddSingleton<MetricCatalogue>();
        services.AddSingleton<EvaluationImportService>();
        services.AddSingleton<EvaluationRunQueries>();
        services.AddSingleton<ImportMappingStore>();
        return services;
    }

    /// <summary>Registers the comparison engine, gate policies and saved comparisons.</summary>
    public static IServiceCollection AddNuqtaComparisons(this IServiceCollection services)
    {
        services.AddSingleton<ComparisonEngine>();
        services.AddSingleton<GatePolicyService>();
        services.AddSingleton<ComparisonService>();
        services.AddSingleton<ComparisonQueries>();
        return services;
    }

    /// <summary>
    /// Registers webhook subscriptions and delivery. The host supplies the Data Protection key
    /// ring that encrypts the secrets and runs <see cref="WebhookDeliveryRound"/> in the background.
    /// </summary>
    public static IServiceCollection AddNuqtaWebhooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WebhookOptions>().Bind(configuration.GetSection(WebhookOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<WebhookOptions>, WebhookOptionsValidator>();
        services.AddHttpClient(WebhookSender.ClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new System.Net.Http.SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
            // The sender applies Webhooks:RequestTimeout itself; this only keeps HttpClient's own 100 s limit out of the way.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookService>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookDeliveryRound>();
        return services;
    }

    /// <summary>Registers rollbacks and quality incidents.</summary>
    public static IServiceCollection AddNuqtaRollbacks(this IServiceCollection services)
    {
        services.AddSingleton<RollbackService>();
        services.AddSingleton<IncidentService>();
        services.AddSingleton<OverviewQueries>();
        return services;
    }

    /// <summary>Registers the scorecard calendar, weekly figure maintenance, SLO checks, scorecard queries and week freezing.</summary>
    public static IServiceCollection AddNuqtaScorecards(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ScorecardOptions>().Bind(configuration.GetSection(ScorecardOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ScorecardOptions>, ScorecardOptionsValidator>();
        services.AddSingleton<ScorecardCalendar>();
        services.AddSingleton<WeeklyFigureMaintenance>();
        services.AddSingleton<IWeeklyFigureMaintenance>(provider => provider.GetRequiredService<WeeklyFigureMaintenance>());
        services.AddSingleton<ISloTargetCheck, SloTargetCheck>();
        services.AddSingleton<ScorecardQueries>();
        services.AddSingleton<ScorecardFreezeService>();
        return services;
    }

    /// <summary>Registers launch requests: evidence freezing, the approval workflow and promotion.</summary>
    public static IServiceCollection AddNuqtaReleases(this IServiceCollection services)
    {
        services.AddSingleton<LaunchEvidenceBuilder>();
        services.AddSingleton<LaunchService>();
        services.AddSingleton<LaunchQueries>();
        return services;
    }

    /// <summary>
    /// Registers metric editing and SLO administration. Both recompute weekly figures after a
    /// change, so they need the <see cref="IWeeklyFigureMaintenance"/> that the scorecards register.
    /// </summary>
    public static IServiceCollection AddNuqtaScorecardAdministration(this IServiceCollection services)
    {
        services.AddSingleton<MetricEditor>();
        services.AddSingleton<SloService>();
        return services;
    }
}
