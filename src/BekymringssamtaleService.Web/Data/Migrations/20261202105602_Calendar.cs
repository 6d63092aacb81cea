using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Calendar : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "interpreter_id",
                table: "meetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "room_id",
                table: "meetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "bookable_resources",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    deactivated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bookable_resources", x => x.id);
                    table.ForeignKey(
                        name: "fk_bookable_resources_units_unit_code",
                        column: x => x.unit_code,
                        principalTable: "units",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_meetings_interpreter_id",
                table: "meetings",
                column: "interpreter_id");

            migrationBuilder.CreateIndex(
                name: "ix_meetings_room_id",
                table: "meetings",
                column: "room_id");

            migrationBuilder.CreateIndex(
                name: "ix_meetings_starts_at",
                table: "meetings",
                column: "starts_at");

            migrationBuilder.CreateIndex(
                name: "ix_bookable_resources_unit_code_kind_name",
                table: "bookable_resources",
                columns: new[] { "unit_code", "kind", "name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_meetings_bookable_resources_interpreter_id",
                table: "meetings",
                column: "interpreter_id",
                principalTable: "bookable_resources",
                principalColumn: "id");

            migrationBuilder.AddForeignKey(
                name: "fk_meetings_bookable_resources_room_id",
                table: "meetings",
                column: "room_id",
                principalTable: "bookable_resources",
                principalColumn: "id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_meetings_bookable_resources_interpreter_id",
                table: "meetings");

            migrationBuilder.DropForeignKey(
                name: "fk_meetings_bookable_resources_room_id",
                table: "meetings");

            migrationBuilder.DropTable(
                name: "bookable_resources");

            migrationBuilder.DropIndex(
                name: "ix_meetings_interpreter_id",
                table: "meetings");

            migrationBuilder.DropIndex(
                name: "ix_meetings_room_id",
                table: "meetings");

            migrationBuilder.DropIndex(
                name: "ix_meetings_starts_at",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "interpreter_id",
                table: "meetings");

            migrationBuilder.DropColumn(
                name: "room_id",
                table: "meetings");
        }
    }
}
