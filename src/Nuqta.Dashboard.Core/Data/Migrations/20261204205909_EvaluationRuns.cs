using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nuqta.Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class EvaluationRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvaluationRuns",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    DatasetVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EvaluatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    Evaluator = table.Column<string>(type: "TEXT", nullable: false),
                    EvaluatorVersion = table.Column<string>(type: "TEXT", nullable: false),
                    Trial = table.Column<int>(type: "INTEGER", nullable: false),
                    Source = table.Column<string>(type: "TEXT", nullable: false),
                    Commit = table.Column<string>(type: "TEXT", nullable: false),
                    ImportFormat = table.Column<string>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", nullable: false),
                    FileSha256 = table.Column<string>(type: "TEXT", nullable: false),
                    SplitValue = table.Column<string>(type: "TEXT", nullable: true),
                    RowCount = table.Column<int>(type: "INTEGER", nullable: false),
                    MatchedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    UnmatchedRows = table.Column<int>(type: "INTEGER", nullable: false),
                    ErrorRows = table.Column<int>(type: "INTEGER", nullable: false),
                    ImportedBy = table.Column<string>(type: "TEXT", nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationRuns_DatasetVersions_DatasetVersionId",
                        column: x => x.DatasetVersionId,
                        principalTable: "DatasetVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluationRuns_ModelVersions_ModelVersionId",
                        column: x => x.ModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Metrics",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Key = table.Column<string>(type: "TEXT", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    Direction = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ScaleMin = table.Column<double>(type: "REAL", nullable: true),
                    ScaleMax = table.Column<double>(type: "REAL", nullable: true),
                    Unit = table.Column<string>(type: "TEXT", nullable: false),
                    Aggregate = table.Column<string>(type: "TEXT", nullable: false),
                    BadWhen = table.Column<string>(type: "TEXT", nullable: true),
                    BadThreshold = table.Column<double>(type: "REAL", nullable: true),
                    Tolerance = table.Column<double>(type: "REAL", nullable: false),
                    ToleranceIsRelative = table.Column<bool>(type: "INTEGER", nullable: false),
                    Alpha = table.Column<double>(type: "REAL", nullable: false),
                    MinExamples = table.Column<int>(type: "INTEGER", nullable: false),
                    IsBuiltIn = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Metrics", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UnmatchedRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Line = table.Column<long>(type: "INTEGER", nullable: false),
                    SplitValue = table.Column<string>(type: "TEXT", nullable: true),
                    ExampleId = table.Column<string>(type: "TEXT", nullable: true),
                    Input = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnmatchedRows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RunExampleDetails",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExampleIndex = table.Column<int>(type: "INTEGER", nullable: false),
                    IsError = table.Column<bool>(type: "INTEGER", nullable: false),
                    ErrorMessage = table.Column<string>(type: "TEXT", nullable: true),
                    Output = table.Column<string>(type: "TEXT", nullable: true),
                    ContextsJson = table.Column<string>(type: "TEXT", nullable: true),
                    JudgeReasons = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunExampleDetails", x => new { x.RunId, x.ExampleIndex });
                    table.ForeignKey(
                        name: "FK_RunExampleDetails_EvaluationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "EvaluationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RunAggregates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    MetricId = table.Column<int>(type: "INTEGER", nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", nullable: true),
                    SegmentValue = table.Column<string>(type: "TEXT", nullable: true),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Missing = table.Column<int>(type: "INTEGER", nullable: false),
                    BadCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Mean = table.Column<double>(type: "REAL", nullable: true),
                    Variance = table.Column<double>(type: "REAL", nullable: true),
                    MeanLower = table.Column<double>(type: "REAL", nullable: true),
                    MeanUpper = table.Column<double>(type: "REAL", nullable: true),
                    P50 = table.Column<double>(type: "REAL", nullable: true),
                    P95 = table.Column<double>(type: "REAL", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunAggregates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RunAggregates_EvaluationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "EvaluationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RunAggregates_Metrics_MetricId",
                        column: x => x.MetricId,
                        principalTable: "Metrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RunMetricValues",
                columns: table => new
                {
                    RunId = table.Column<int>(type: "INTEGER", nullable: false),
                    MetricId = table.Column<int>(type: "INTEGER", nullable: false),
                    Values = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RunMetricValues", x => new { x.RunId, x.MetricId });
                    table.ForeignKey(
                        name: "FK_RunMetricValues_EvaluationRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "EvaluationRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RunMetricValues_Metrics_MetricId",
                        column: x => x.MetricId,
                        principalTable: "Metrics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRuns_DatasetVersionId",
                table: "EvaluationRuns",
                column: "DatasetVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRuns_EvaluatedAtUtc",
                table: "EvaluationRuns",
                column: "EvaluatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRuns_ImportId",
                table: "EvaluationRuns",
                column: "ImportId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationRuns_ModelVersionId_DatasetVersionId_Trial_FileSha256",
                table: "EvaluationRuns",
                columns: new[] { "ModelVersionId", "DatasetVersionId", "Trial", "FileSha256" });

            migrationBuilder.CreateIndex(
                name: "IX_Metrics_Key",
                table: "Metrics",
                column: "Key",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RunAggregates_MetricId",
                table: "RunAggregates",
                column: "MetricId");

            migrationBuilder.CreateIndex(
                name: "IX_RunAggregates_RunId_MetricId_Dimension",
                table: "RunAggregates",
                columns: new[] { "RunId", "MetricId", "Dimension" });

            migrationBuilder.CreateIndex(
                name: "IX_RunMetricValues_MetricId",
                table: "RunMetricValues",
                column: "MetricId");

            migrationBuilder.CreateIndex(
                name: "IX_UnmatchedRows_ImportId",
                table: "UnmatchedRows",
                column: "ImportId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RunAggregates");

            migrationBuilder.DropTable(
                name: "RunExampleDetails");

            migrationBuilder.DropTable(
                name: "RunMetricValues");

            migrationBuilder.DropTable(
                name: "UnmatchedRows");

            migrationBuilder.DropTable(
                name: "EvaluationRuns");

            migrationBuilder.DropTable(
                name: "Metrics");
        }
    }
}
