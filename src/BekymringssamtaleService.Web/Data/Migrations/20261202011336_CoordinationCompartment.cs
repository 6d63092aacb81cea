using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CoordinationCompartment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "coordination_decisions",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    outcome = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    liaison_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decided_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coordination_decisions", x => x.case_id);
                    table.ForeignKey(
                        name: "fk_coordination_decisions_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "coordination_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    occurred_on = table.Column<DateOnly>(type: "date", nullable: false),
                    pst_reference = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    classification = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coordination_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_coordination_entries_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "coordination_tasks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    created_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    done_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    done_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_coordination_tasks", x => x.id);
                    table.ForeignKey(
                        name: "fk_coordination_tasks_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_coordination_entries_case_id_recorded_at",
                table: "coordination_entries",
                columns: new[] { "case_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_coordination_tasks_case_id_due_on",
                table: "coordination_tasks",
                columns: new[] { "case_id", "due_on" },
                filter: "done_at IS NULL");

            // The radicalisation notes of every signed mapping move into the compartment, as the officer's mapping
            // notes (FORTROLIG, dated the Oslo day the mapping was signed), before the column goes.
            migrationBuilder.Sql("""
                INSERT INTO coordination_entries (id, case_id, kind, occurred_on, pst_reference, summary, classification, recorded_by, recorded_at)
                SELECT gen_random_uuid(), case_id, 'MappingNote', (signed_at AT TIME ZONE 'Europe/Oslo')::date, NULL,
                       radicalisation_notes, 'InConfidence', signed_by, signed_at
                FROM mappings
                WHERE radicalisation_notes IS NOT NULL AND btrim(radicalisation_notes) <> '';
                """);

            migrationBuilder.DropColumn(
                name: "radicalisation_notes",
                table: "mappings");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "radicalisation_notes",
                table: "mappings",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            // Mapping notes go back to the mapping they were written with; the Liaisons' own entries have no place there.
            migrationBuilder.Sql("""
                UPDATE mappings m SET radicalisation_notes = e.summary
                FROM coordination_entries e
                WHERE e.kind = 'MappingNote' AND e.case_id = m.case_id AND e.recorded_at = m.signed_at;
                """);

            migrationBuilder.DropTable(
                name: "coordination_decisions");

            migrationBuilder.DropTable(
                name: "coordination_entries");

            migrationBuilder.DropTable(
                name: "coordination_tasks");
        }
    }
}
