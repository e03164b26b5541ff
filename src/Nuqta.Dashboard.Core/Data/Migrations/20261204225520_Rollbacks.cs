using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nuqta.Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Rollbacks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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

            migrationBuilder.CreateIndex(
                name: "IX_IncidentNotes_IncidentId_CreatedAtUtc",
                table: "IncidentNotes",
                columns: new[] { "IncidentId", "CreatedAtUtc" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IncidentNotes");

            migrationBuilder.DropTable(
                name: "Rollbacks");

            migrationBuilder.DropTable(
                name: "QualityIncidents");
        }
    }
}
