using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nuqta.Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class WeeklyFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_ScorecardFreezes_Week_UnfrozenAtUtc",
                table: "ScorecardFreezes",
                columns: new[] { "Week", "UnfrozenAtUtc" });

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
                name: "ScorecardFreezes");

            migrationBuilder.DropTable(
                name: "SloWeekStatuses");

            migrationBuilder.DropTable(
                name: "WeeklyFigures");
        }
    }
}
