using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class AccessLogSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_access_log_at_id",
                table: "access_log",
                columns: new[] { "at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_access_log_staff_id_at",
                table: "access_log",
                columns: new[] { "staff_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_access_log_at_id",
                table: "access_log");

            migrationBuilder.DropIndex(
                name: "ix_access_log_staff_id_at",
                table: "access_log");
        }
    }
}
