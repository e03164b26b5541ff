using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Nuqta.Dashboard.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ExampleKeyDigests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DatasetKeyDigests",
                columns: table => new
                {
                    DatasetVersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Digests = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DatasetKeyDigests", x => x.DatasetVersionId);
                    table.ForeignKey(
                        name: "FK_DatasetKeyDigests_DatasetVersions_DatasetVersionId",
                        column: x => x.DatasetVersionId,
                        principalTable: "DatasetVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DatasetKeyDigests");
        }
    }
}
