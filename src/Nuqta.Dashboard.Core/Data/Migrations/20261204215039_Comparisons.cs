using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nuqta.Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Comparisons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "GatePolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    CriticalMetricsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CountedDimensionsJson = table.Column<string>(type: "TEXT", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GatePolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GatePolicies_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedComparisons",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DatasetVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateModelVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    BaselineModelVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CandidateRunIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    BaselineRunIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    DimensionsJson = table.Column<string>(type: "TEXT", nullable: false),
                    Seed = table.Column<long>(type: "INTEGER", nullable: false),
                    Resamples = table.Column<int>(type: "INTEGER", nullable: false),
                    ResultsJson = table.Column<string>(type: "TEXT", nullable: false),
                    GateVerdict = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    GateReasonsJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedComparisons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedComparisons_DatasetVersions_DatasetVersionId",
                        column: x => x.DatasetVersionId,
                        principalTable: "DatasetVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SavedComparisons_ModelVersions_BaselineModelVersionId",
                        column: x => x.BaselineModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SavedComparisons_ModelVersions_CandidateModelVersionId",
                        column: x => x.CandidateModelVersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GatePolicies_ModelId",
                table: "GatePolicies",
                column: "ModelId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SavedComparisons_BaselineModelVersionId",
                table: "SavedComparisons",
                column: "BaselineModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedComparisons_CandidateModelVersionId",
                table: "SavedComparisons",
                column: "CandidateModelVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedComparisons_CreatedAtUtc",
                table: "SavedComparisons",
                column: "CreatedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SavedComparisons_DatasetVersionId",
                table: "SavedComparisons",
                column: "DatasetVersionId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GatePolicies");

            migrationBuilder.DropTable(
                name: "SavedComparisons");
        }
    }
}
