using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nuqta.Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Launches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LaunchDecisions");

            migrationBuilder.DropTable(
                name: "LaunchRequests");
        }
    }
}
