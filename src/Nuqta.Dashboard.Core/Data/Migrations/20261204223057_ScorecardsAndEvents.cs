using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nuqta.Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScorecardsAndEvents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEvents_DispatchedAtUtc",
                table: "OutboundEvents",
                column: "DispatchedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_OutboundEvents_Type_DedupKey",
                table: "OutboundEvents",
                columns: new[] { "Type", "DedupKey" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutboundEvents");

            migrationBuilder.DropTable(
                name: "SloDefinitions");
        }
    }
}
