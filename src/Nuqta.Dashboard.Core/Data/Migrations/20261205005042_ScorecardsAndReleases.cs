using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nuqta.Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScorecardsAndReleases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AuditChainChecks",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VerifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    VerifiedBy = table.Column<string>(type: "TEXT", nullable: false),
                    IsIntact = table.Column<bool>(type: "INTEGER", nullable: false),
                    EventsChecked = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstBrokenSequence = table.Column<long>(type: "INTEGER", nullable: true),
                    Problem = table.Column<string>(type: "TEXT", nullable: true),
                    HeadHash = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainChecks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "LaunchRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Alias = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BaselineAlias = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CandidateVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    BaselineVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    ComparisonId = table.Column<int>(type: "INTEGER", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GateVerdict = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsOverride = table.Column<bool>(type: "INTEGER", nullable: false),
                    EvidenceJson = table.Column<string>(type: "TEXT", nullable: true),
                    EvidenceSha256 = table.Column<string>(type: "TEXT", nullable: true),
                    RequestedById = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PromotedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PromotedByName = table.Column<string>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LaunchRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LaunchRequests_ModelVersions_BaselineVersionId",
                        column: x => x.BaselineVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LaunchRequests_ModelVersions_CandidateVersionId",
                        column: x => x.CandidateVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LaunchRequests_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LaunchRequests_SavedComparisons_ComparisonId",
                        column: x => x.ComparisonId,
                        principalTable: "SavedComparisons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutboundEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Type = table.Column<string>(type: "TEXT", nullable: false),
                    PayloadJson = table.Column<string>(type: "TEXT", nullable: false),
                    DedupKey = table.Column<string>(type: "TEXT", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DispatchedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboundEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "QualityIncidents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AffectedSegments = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OpenedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    OpenedBy = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QualityIncidents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QualityIncidents_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScorecardFreezes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Week = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    FrozenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FrozenBy = table.Column<string>(type: "TEXT", nullable: false),
                    SnapshotJson = table.Column<string>(type: "TEXT", nullable: false),
                    SnapshotSha256 = table.Column<string>(type: "TEXT", nullable: false),
                    UnfrozenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UnfrozenBy = table.Column<string>(type: "TEXT", nullable: true),
                    UnfreezeReason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardFreezes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SloDefinitions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", nullable: false),
                    NormalizedName = table.Column<string>(type: "TEXT", nullable: false),
                    MetricId = table.Column<int>(type: "INTEGER", nullable: false),
                    Aggregate = table.Column<string>(type: "TEXT", nullable: false),
                    Comparator = table.Column<int>(type: "INTEGER", nullable: false),
                    Target = table.Column<double>(type: "REAL", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: true),
                    RunKindsJson = table.Column<string>(type: "TEXT", nullable: true),
                    DatasetNamesJson = table.Column<string>(type: "TEXT", nullable: true),
                    Dimension = table.Column<string>(type: "TEXT", nullable: true),
                    MinExamples = table.Column<int>(type: "INTEGER", nullable: false),
                    IsEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SloDefinitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SloDefinitions_Metrics_MetricId",
                        column: x => x.MetricId,
                        principalTable: "Metrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SloDefinitions_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WebhookSubscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Url = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProtectedSecret = table.Column<string>(type: "TEXT", nullable: false),
                    SecretHint = table.Column<string>(type: "TEXT", nullable: false),
                    EventTypes = table.Column<string>(type: "TEXT", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WeeklyFigures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Week = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    DatasetId = table.Column<int>(type: "INTEGER", nullable: false),
                    DatasetVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ModelVersionId = table.Column<int>(type: "INTEGER", nullable: true),
                    VersionLabels = table.Column<string>(type: "TEXT", nullable: false),
                    MetricId = table.Column<int>(type: "INTEGER", nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", nullable: true),
                    SegmentValue = table.Column<string>(type: "TEXT", nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Missing = table.Column<int>(type: "INTEGER", nullable: false),
                    BadCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Mean = table.Column<double>(type: "REAL", nullable: true),
                    MeanLower = table.Column<double>(type: "REAL", nullable: true),
                    MeanUpper = table.Column<double>(type: "REAL", nullable: true),
                    GoodRate = table.Column<double>(type: "REAL", nullable: true),
                    GoodRateLower = table.Column<double>(type: "REAL", nullable: true),
                    GoodRateUpper = table.Column<double>(type: "REAL", nullable: true),
                    P50 = table.Column<double>(type: "REAL", nullable: true),
                    P90 = table.Column<double>(type: "REAL", nullable: true),
                    P95 = table.Column<double>(type: "REAL", nullable: true),
                    P99 = table.Column<double>(type: "REAL", nullable: true),
                    Aggregate = table.Column<string>(type: "TEXT", nullable: false),
                    Value = table.Column<double>(type: "REAL", nullable: true),
                    ValueLower = table.Column<double>(type: "REAL", nullable: true),
                    ValueUpper = table.Column<double>(type: "REAL", nullable: true),
                    RunIds = table.Column<string>(type: "TEXT", nullable: false),
                    ComputedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WeeklyFigures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WeeklyFigures_DatasetVersions_DatasetVersionId",
                        column: x => x.DatasetVersionId,
                        principalTable: "DatasetVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WeeklyFigures_Metrics_MetricId",
                        column: x => x.MetricId,
                        principalTable: "Metrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_WeeklyFigures_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LaunchDecisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LaunchRequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LaunchDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LaunchDecisions_LaunchRequests_LaunchRequestId",
                        column: x => x.LaunchRequestId,
                        principalTable: "LaunchRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "IncidentNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncidentNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncidentNotes_QualityIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "QualityIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Rollbacks",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AliasMoveId = table.Column<long>(type: "INTEGER", nullable: false),
                    AliasId = table.Column<int>(type: "INTEGER", nullable: false),
                    FromVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    ToVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    IncidentId = table.Column<int>(type: "INTEGER", nullable: true),
                    ExecutedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ActorName = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rollbacks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rollbacks_AliasMoves_AliasMoveId",
                        column: x => x.AliasMoveId,
                        principalTable: "AliasMoves",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Rollbacks_Aliases_AliasId",
                        column: x => x.AliasId,
                        principalTable: "Aliases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Rollbacks_ModelVersions_FromVersionId",
                        column: x => x.FromVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Rollbacks_ModelVersions_ToVersionId",
                        column: x => x.ToVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Rollbacks_QualityIncidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "QualityIncidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SloWeekStatuses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SloId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    DatasetId = table.Column<int>(type: "INTEGER", nullable: false),
                    Week = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    SegmentValue = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Figure = table.Column<double>(type: "REAL", nullable: true),
                    Examples = table.Column<int>(type: "INTEGER", nullable: false),
                    BadCount = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowExamples = table.Column<int>(type: "INTEGER", nullable: false),
                    WindowBad = table.Column<int>(type: "INTEGER", nullable: false),
                    BudgetAllowed = table.Column<double>(type: "REAL", nullable: true),
                    BudgetLeft = table.Column<double>(type: "REAL", nullable: true),
                    WeekBurnRate = table.Column<double>(type: "REAL", nullable: true),
                    WindowBurnRate = table.Column<double>(type: "REAL", nullable: true),
                    FastBurn = table.Column<bool>(type: "INTEGER", nullable: false),
                    SlowBurn = table.Column<bool>(type: "INTEGER", nullable: false),
                    RunIds = table.Column<string>(type: "TEXT", nullable: false),
                    EvaluatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SloWeekStatuses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SloWeekStatuses_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SloWeekStatuses_SloDefinitions_SloId",
                        column: x => x.SloId,
                        principalTable: "SloDefinitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SubscriptionId = table.Column<int>(type: "INTEGER", nullable: false),
                    EventId = table.Column<long>(type: "INTEGER", nullable: false),
                    EventType = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastStatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", nullable: true),
                    DeliveredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseToken = table.Column<string>(type: "TEXT", nullable: true),
                    LeaseExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookDeliveries_OutboundEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "OutboundEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "WebhookSubscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IncidentNotes_IncidentId_CreatedAtUtc",
                table: "IncidentNotes",
                columns: new[] { "IncidentId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_LaunchDecisions_LaunchRequestId",
                table: "LaunchDecisions",
                column: "LaunchRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_LaunchRequests_BaselineVersionId",
                table: "LaunchRequests",
                column: "BaselineVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_LaunchRequests_CandidateVersionId",
                table: "LaunchRequests",
                column: "CandidateVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_LaunchRequests_ComparisonId",
                table: "LaunchRequests",
                column: "ComparisonId");

            migrationBuilder.CreateIndex(
                name: "IX_LaunchRequests_ModelId_State",
                table: "LaunchRequests",
                columns: new[] { "ModelId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEvents_DispatchedAtUtc",
                table: "OutboundEvents",
                column: "DispatchedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEvents_Type_DedupKey",
                table: "OutboundEvents",
                columns: new[] { "Type", "DedupKey" });

            migrationBuilder.CreateIndex(
                name: "IX_QualityIncidents_ModelId",
                table: "QualityIncidents",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_QualityIncidents_Status_UpdatedAtUtc",
                table: "QualityIncidents",
                columns: new[] { "Status", "UpdatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Rollbacks_AliasId_FromVersionId",
                table: "Rollbacks",
                columns: new[] { "AliasId", "FromVersionId" });

            migrationBuilder.CreateIndex(
                name: "IX_Rollbacks_AliasMoveId",
                table: "Rollbacks",
                column: "AliasMoveId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Rollbacks_ExecutedAtUtc",
                table: "Rollbacks",
                column: "ExecutedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Rollbacks_FromVersionId",
                table: "Rollbacks",
                column: "FromVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Rollbacks_IncidentId",
                table: "Rollbacks",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_Rollbacks_ToVersionId",
                table: "Rollbacks",
                column: "ToVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_ScorecardFreezes_Week_UnfrozenAtUtc",
                table: "ScorecardFreezes",
                columns: new[] { "Week", "UnfrozenAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SloDefinitions_MetricId",
                table: "SloDefinitions",
                column: "MetricId");

            migrationBuilder.CreateIndex(
                name: "IX_SloDefinitions_ModelId",
                table: "SloDefinitions",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_SloDefinitions_NormalizedName",
                table: "SloDefinitions",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SloWeekStatuses_ModelId",
                table: "SloWeekStatuses",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_SloWeekStatuses_SloId_ModelId_Week_DatasetId_SegmentValue",
                table: "SloWeekStatuses",
                columns: new[] { "SloId", "ModelId", "Week", "DatasetId", "SegmentValue" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SloWeekStatuses_Week_ModelId",
                table: "SloWeekStatuses",
                columns: new[] { "Week", "ModelId" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_EventId_SubscriptionId",
                table: "WebhookDeliveries",
                columns: new[] { "EventId", "SubscriptionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_Status_NextAttemptAtUtc",
                table: "WebhookDeliveries",
                columns: new[] { "Status", "NextAttemptAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_SubscriptionId",
                table: "WebhookDeliveries",
                column: "SubscriptionId");

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyFigures_DatasetVersionId",
                table: "WeeklyFigures",
                column: "DatasetVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyFigures_MetricId",
                table: "WeeklyFigures",
                column: "MetricId");

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyFigures_ModelId_MetricId_Week",
                table: "WeeklyFigures",
                columns: new[] { "ModelId", "MetricId", "Week" });

            migrationBuilder.CreateIndex(
                name: "IX_WeeklyFigures_Week_ModelId",
                table: "WeeklyFigures",
                columns: new[] { "Week", "ModelId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditChainChecks");

            migrationBuilder.DropTable(
                name: "IncidentNotes");

            migrationBuilder.DropTable(
                name: "LaunchDecisions");

            migrationBuilder.DropTable(
                name: "Rollbacks");

            migrationBuilder.DropTable(
                name: "ScorecardFreezes");

            migrationBuilder.DropTable(
                name: "SloWeekStatuses");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "WeeklyFigures");

            migrationBuilder.DropTable(
                name: "LaunchRequests");

            migrationBuilder.DropTable(
                name: "QualityIncidents");

            migrationBuilder.DropTable(
                name: "SloDefinitions");

            migrationBuilder.DropTable(
                name: "OutboundEvents");

            migrationBuilder.DropTable(
                name: "WebhookSubscriptions");
        }
    }
}
