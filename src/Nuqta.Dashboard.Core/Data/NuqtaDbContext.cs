using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Nuqta.Dashboard.Core.Access;
using Nuqta.Dashboard.Core.Audit;
using Nuqta.Dashboard.Core.Comparisons;
using Nuqta.Dashboard.Core.Evaluation;
using Nuqta.Dashboard.Core.Events;
using Nuqta.Dashboard.Core.Registry;
using Nuqta.Dashboard.Core.Releases;
using Nuqta.Dashboard.Core.Scorecards;
using Nuqta.Dashboard.Core.Webhooks;

namespace Nuqta.Dashboard.Core.Data;

/// <summary>
/// The app's database. The model stays provider-neutral: no SQL types or functions of one
/// engine; the few engine-specific pieces (the audit table's guard triggers, bulk inserts, the
/// write lock) live behind small classes in this folder.
/// </summary>
public sealed class NuqtaDbContext(DbContextOptions<NuqtaDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<ServiceAccount> ServiceAccounts => Set<ServiceAccount>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<SetupToken> SetupTokens => Set<SetupToken>();

    public DbSet<Model> Models => Set<Model>();

    public DbSet<ModelVersion> ModelVersions => Set<ModelVersion>();

    public DbSet<Alias> Aliases => Set<Alias>();

    public DbSet<AliasMove> AliasMoves => Set<AliasMove>();

    public DbSet<Dataset> Datasets => Set<Dataset>();

    public DbSet<DatasetVersion> DatasetVersions => Set<DatasetVersion>();

    public DbSet<DatasetVersionParent> DatasetVersionParents => Set<DatasetVersionParent>();

    public DbSet<DatasetExample> DatasetExamples => Set<DatasetExample>();

    public DbSet<DatasetKeyDigests> DatasetKeyDigests => Set<DatasetKeyDigests>();

    public DbSet<SegmentDimension> SegmentDimensions => Set<SegmentDimension>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Metric> Metrics => Set<Metric>();

    public DbSet<EvaluationRun> EvaluationRuns => Set<EvaluationRun>();

    public DbSet<RunMetricValues> RunMetricValues => Set<RunMetricValues>();

    public DbSet<RunExampleDetail> RunExampleDetails => Set<RunExampleDetail>();

    public DbSet<RunAggregate> RunAggregates => Set<RunAggregate>();

    public DbSet<UnmatchedRow> UnmatchedRows => Set<UnmatchedRow>();

    public DbSet<ImportMapping> ImportMappings => Set<ImportMapping>();

    public DbSet<GatePolicy> GatePolicies => Set<GatePolicy>();

    public DbSet<SloDefinition> SloDefinitions => Set<SloDefinition>();

    public DbSet<OutboundEvent> OutboundEvents => Set<OutboundEvent>();

    public DbSet<SavedComparison> SavedComparisons => Set<SavedComparison>();

    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<AuditChainCheck> AuditChainChecks => Set<AuditChainCheck>();
    public DbSet<LaunchRequest> LaunchRequests => Set<LaunchRequest>();

    public DbSet<LaunchDecision> LaunchDecisions => Set<LaunchDecision>();

    public DbSet<QualityIncident> QualityIncidents => Set<QualityIncident>();

    public DbSet<IncidentNote> IncidentNotes => Set<IncidentNote>();

    public DbSet<Rollback> Rollbacks => Set<Rollback>();

    public DbSet<WeeklyFigure> WeeklyFigures => Set<WeeklyFigure>();

    public DbSet<SloWeekStatus> SloWeekStatuses => Set<SloWeekStatus>();

    public DbSet<ScorecardFreeze> ScorecardFreezes => Set<ScorecardFreeze>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<ServiceAccount>(e =>
        {
            e.HasIndex(x => x.NormalizedName).IsUnique();
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.NormalizedName).HasMaxLength(64);
        });

        builder.Entity<ApiKey>(e =>
        {
            e.HasIndex(x => x.SecretHash).IsUnique();
            e.HasIndex(x => x.OwnerUserId);
            e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.OwnerUserId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.OwnerServiceAccount).WithMany().HasForeignKey(x => x.OwnerServiceAccountId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<SetupToken>(e => e.HasIndex(x => x.TokenHash).IsUnique());

        builder.Entity<Model>(e =>
        {
            e.HasIndex(x => x.NormalizedName).IsUnique();
            e.Property(x => x.Name).HasMaxLength(64);
            e.Property(x => x.NormalizedName).HasMaxLength(64);
        });

        builder.Entity<ModelVersion>(e =>
        {
            e.HasIndex(x => new { x.ModelId, x.NormalizedLabel }).IsUnique();
            e.HasOne(x => x.Model).WithMany(m => m.Versions).HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ParentVersion).WithMany().HasForeignKey(x => x.ParentVersionId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Alias>(e =>
        {
            e.HasIndex(x => new { x.ModelId, x.Name }).IsUnique();
            e.HasOne(x => x.Model).WithMany(m => m.Aliases).HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ModelVersion).WithMany().HasForeignKey(x => x.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });

        builder.Entity<AliasMove>(e =>
        {
            e.HasIndex(x => new { x.AliasId, x.MovedAtUtc });
            e.HasOne(x => x.Alias).WithMany().HasForeignKey(x => x.AliasId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.FromVersion).WithMany().HasForeignKey(x => x.FromVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ToVersion).WithMany().HasForeignKey(x => x.ToVersionId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        });

        builder.Entity<Dataset>(e =>
        {
            e.HasIndex(x => x.NormalizedName).IsUnique();
            e.Property(x => x.Purpose).HasConversion<string>().HasMaxLength(24);
        });

        builder.Entity<DatasetVersion>(e =>
        {
            e.HasIndex(x => new { x.DatasetId, x.NormalizedLabel }).IsUnique();
            e.HasOne(x => x.Dataset).WithMany(d => d.Versions).HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        });

        builder.Entity<DatasetVersionParent>(e =>
        {
            e.HasKey(x => new { x.ChildId, x.ParentId });
            e.HasOne(x => x.Child).WithMany(v => v.Parents).HasForeignKey(x => x.ChildId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.Parent).WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<DatasetExample>(e =>
        {
            e.HasKey(x => new { x.DatasetVersionId, x.ExampleIndex });
            e.HasIndex(x => new { x.DatasetVersionId, x.Key }).IsUnique();
            e.HasOne<DatasetVersion>().WithMany().HasForeignKey(x => x.DatasetVersionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<DatasetKeyDigests>(e =>
        {
            e.HasKey(x => x.DatasetVersionId);
            e.Property(x => x.DatasetVersionId).ValueGeneratedNever();
            e.HasOne<DatasetVersion>().WithOne().HasForeignKey<DatasetKeyDigests>(x => x.DatasetVersionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SegmentDimension>(e =>
        {
            e.HasIndex(x => new { x.DatasetVersionId, x.Name }).IsUnique();
            e.HasOne<DatasetVersion>().WithMany(v => v.Dimensions).HasForeignKey(x => x.DatasetVersionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<AuditEvent>(e =>
        {
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            // A unique previous hash makes a fork impossible even if two writers raced past the lock.
            e.HasIndex(x => x.PreviousHash).IsUnique();
            e.HasIndex(x => x.OccurredAtUtc);
            e.HasIndex(x => new { x.SubjectType, x.SubjectId });
            e.HasIndex(x => x.Action);
        });

        ConfigureEvaluation(builder);
        ConfigureComparisons(builder);
        ConfigureScorecards(builder);
        ConfigureEvents(builder);
        ConfigureWebhooks(builder);
        ConfigureReleases(builder);
        ApplyUtcConversion(builder);
    }

    private static void ConfigureEvaluation(ModelBuilder builder)
    {
        builder.Entity<Metric>(e =>
        {
            e.HasIndex(x => x.Key).IsUnique();
            e.Property(x => x.Direction).HasConversion<string>().HasMaxLength(24);
        });

        builder.Entity<EvaluationRun>(e =>
        {
            e.HasIndex(x => new { x.ModelVersionId, x.DatasetVersionId, x.Trial, x.FileSha256 });
            e.HasIndex(x => x.EvaluatedAtUtc);
            e.HasIndex(x => x.ImportId);
            e.HasOne(x => x.ModelVersion).WithMany().HasForeignKey(x => x.ModelVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.DatasetVersion).WithMany().HasForeignKey(x => x.DatasetVersionId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
        });

        builder.Entity<RunMetricValues>(e =>
        {
            e.HasKey(x => new { x.RunId, x.MetricId });
            e.HasOne<EvaluationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Metric>().WithMany().HasForeignKey(x => x.MetricId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<RunExampleDetail>(e =>
        {
            e.HasKey(x => new { x.RunId, x.ExampleIndex });
            e.HasOne<EvaluationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<RunAggregate>(e =>
        {
            e.HasIndex(x => new { x.RunId, x.MetricId, x.Dimension });
            e.HasOne<EvaluationRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Metric>().WithMany().HasForeignKey(x => x.MetricId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<UnmatchedRow>(e => e.HasIndex(x => x.ImportId));

        builder.Entity<ImportMapping>(e =>
        {
            e.HasKey(x => x.DatasetId);
            e.HasOne<Dataset>().WithMany().HasForeignKey(x => x.DatasetId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void ConfigureComparisons(ModelBuilder builder)
    {
        builder.Entity<GatePolicy>(e =>
        {
            e.HasIndex(x => x.ModelId).IsUnique();
            e.HasOne(x => x.Model).WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SavedComparison>(e =>
        {
            e.HasIndex(x => x.CreatedAtUtc);
            e.HasIndex(x => x.CandidateModelVersionId);
            e.HasOne<DatasetVersion>().WithMany().HasForeignKey(x => x.DatasetVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ModelVersion>().WithMany().HasForeignKey(x => x.CandidateModelVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ModelVersion>().WithMany().HasForeignKey(x => x.BaselineModelVersionId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.GateVerdict).HasConversion<string>().HasMaxLength(16);
        });
    }

    // SQLite stores DateTime as text without a kind; every time in this model is UTC, so mark it so on read.
    private static void ConfigureScorecards(ModelBuilder builder)
    {
        builder.Entity<SloDefinition>(e =>
        {
            e.HasIndex(x => x.NormalizedName).IsUnique();
            e.HasOne(x => x.Metric).WithMany().HasForeignKey(x => x.MetricId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Model).WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<WeeklyFigure>(e =>
        {
            // The scorecard reads one week's rows; the trend and the sparklines read one model's weeks.
            e.HasIndex(x => new { x.Week, x.ModelId });
            e.HasIndex(x => new { x.ModelId, x.MetricId, x.Week });
            e.Property(x => x.Week).HasMaxLength(8);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(24);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
            e.HasOne<Model>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<DatasetVersion>().WithMany().HasForeignKey(x => x.DatasetVersionId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Metric>().WithMany().HasForeignKey(x => x.MetricId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<SloWeekStatus>(e =>
        {
            e.HasIndex(x => new { x.SloId, x.ModelId, x.Week, x.DatasetId, x.SegmentValue }).IsUnique();
            e.HasIndex(x => new { x.Week, x.ModelId });
            e.Property(x => x.Week).HasMaxLength(8);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(24);
            e.HasOne<SloDefinition>().WithMany().HasForeignKey(x => x.SloId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Model>().WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ScorecardFreeze>(e =>
        {
            e.HasIndex(x => new { x.Week, x.UnfrozenAtUtc });
            e.Property(x => x.Week).HasMaxLength(8);
        });
    }

    private static void ConfigureEvents(ModelBuilder builder)
    {
        builder.Entity<OutboundEvent>(e =>
        {
            e.HasIndex(x => new { x.Type, x.DedupKey });
            e.HasIndex(x => x.DispatchedAtUtc);
        });
    }

    private static void ConfigureWebhooks(ModelBuilder builder)
    {
        builder.Entity<WebhookSubscription>(e =>
        {
            e.Property(x => x.Url).HasMaxLength(WebhookUrl.MaxLength);
            e.Property(x => x.Description).HasMaxLength(200);
        });

        builder.Entity<WebhookDelivery>(e =>
        {
            // One delivery per event and subscription, even if two dispatchers raced.
            e.HasIndex(x => new { x.EventId, x.SubscriptionId }).IsUnique();
            e.HasIndex(x => new { x.Status, x.NextAttemptAtUtc });
            e.HasIndex(x => x.SubscriptionId);
            e.HasOne(x => x.Subscription).WithMany().HasForeignKey(x => x.SubscriptionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<OutboundEvent>().WithMany().HasForeignKey(x => x.EventId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        });
    }

    private static void ConfigureReleases(ModelBuilder builder)
    {
        builder.Entity<QualityIncident>(e =>
        {
            e.HasIndex(x => new { x.Status, x.UpdatedAtUtc });
            e.HasOne(x => x.Model).WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Title).HasMaxLength(200);
        });

        builder.Entity<IncidentNote>(e =>
        {
            e.HasIndex(x => new { x.IncidentId, x.CreatedAtUtc });
            e.HasOne<QualityIncident>().WithMany(i => i.Notes).HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        });

        builder.Entity<Rollback>(e =>
        {
            e.HasIndex(x => x.AliasMoveId).IsUnique();
            e.HasIndex(x => new { x.AliasId, x.FromVersionId });
            e.HasIndex(x => x.ExecutedAtUtc);
            e.HasOne(x => x.AliasMove).WithMany().HasForeignKey(x => x.AliasMoveId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Alias>().WithMany().HasForeignKey(x => x.AliasId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.FromVersion).WithMany().HasForeignKey(x => x.FromVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.ToVersion).WithMany().HasForeignKey(x => x.ToVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.Incident).WithMany().HasForeignKey(x => x.IncidentId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<LaunchRequest>(e =>
        {
            e.HasIndex(x => new { x.ModelId, x.State });
            e.HasOne(x => x.Model).WithMany().HasForeignKey(x => x.ModelId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.CandidateVersion).WithMany().HasForeignKey(x => x.CandidateVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(x => x.BaselineVersion).WithMany().HasForeignKey(x => x.BaselineVersionId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<SavedComparison>().WithMany().HasForeignKey(x => x.ComparisonId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Decisions).WithOne().HasForeignKey(x => x.LaunchRequestId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.GateVerdict).HasConversion<string>().HasMaxLength(16);
            e.Property(x => x.Alias).HasMaxLength(64);
            e.Property(x => x.BaselineAlias).HasMaxLength(64);
            e.Property(x => x.Revision).IsConcurrencyToken();
        });

        builder.Entity<LaunchDecision>(e => e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16));
    }

    private static void ApplyUtcConversion(ModelBuilder builder)
    {
        var utc = new ValueConverter<DateTime, DateTime>(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var nullableUtc = new ValueConverter<DateTime?, DateTime?>(v => v, v => v == null ? v : DateTime.SpecifyKind(v.Value, DateTimeKind.Utc));
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.ClrType == typeof(DateTime))
                {
                    property.SetValueConverter(utc);
                }
                else if (property.ClrType == typeof(DateTime?))
                {
                    property.SetValueConverter(nullableUtc);
                }
            }
        }
    }
}
