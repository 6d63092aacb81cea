using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CasesLettersAccessLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "no_guardian_reason",
                table: "cases",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "number",
                table: "cases",
                type: "bigint",
                nullable: false,
                defaultValue: 0L)
                .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn);

            migrationBuilder.AddColumn<string>(
                name: "registered_by",
                table: "cases",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "responsible_officer_id",
                table: "cases",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "youth_national_id_number",
                table: "cases",
                type: "character varying(11)",
                maxLength: 11,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "access_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    staff_id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    unit_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: true),
                    action = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    purpose = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_access_log", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "agreed_measures",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    measure_code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    responsible = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    consent_given_by = table.Column<List<string>>(type: "text[]", nullable: false),
                    consent_given_on = table.Column<DateOnly>(type: "date", nullable: true),
                    consent_scope = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    starts_on = table.Column<DateOnly>(type: "date", nullable: false),
                    due_on = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    agreed_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    agreed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agreed_measures", x => x.id);
                    table.ForeignKey(
                        name: "fk_agreed_measures_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_agreed_measures_measures_measure_code",
                        column: x => x.measure_code,
                        principalTable: "measures",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "case_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    step = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    details = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_case_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_case_entries_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "letters",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    execution_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    meeting_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recipient = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recipient_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    recipient_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    language = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    subject = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    text_body = table.Column<string>(type: "text", nullable: false),
                    html_body = table.Column<string>(type: "text", nullable: false),
                    calendar = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    sent_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    server_reply = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_letters", x => x.id);
                    table.ForeignKey(
                        name: "fk_letters_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mappings",
                columns: table => new
                {
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    overall_concern = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    radicalisation_notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    signed_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    signed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    factors = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mappings", x => new { x.case_id, x.version });
                    table.ForeignKey(
                        name: "fk_mappings_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "meetings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    duration_minutes = table.Column<int>(type: "integer", nullable: false),
                    place = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    officer_ids = table.Column<List<string>>(type: "text[]", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    previous_starts_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    youth_attended = table.Column<bool>(type: "boolean", nullable: true),
                    guardians_present = table.Column<List<int>>(type: "integer[]", nullable: false),
                    extra_participants = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_meetings", x => x.id);
                    table.ForeignKey(
                        name: "fk_meetings_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_cases_number",
                table: "cases",
                column: "number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_cases_responsible_officer_id",
                table: "cases",
                column: "responsible_officer_id");

            migrationBuilder.CreateIndex(
                name: "ix_access_log_case_id",
                table: "access_log",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_agreed_measures_case_id",
                table: "agreed_measures",
                column: "case_id");

            migrationBuilder.CreateIndex(
                name: "ix_agreed_measures_measure_code",
                table: "agreed_measures",
                column: "measure_code");

            migrationBuilder.CreateIndex(
                name: "ix_case_entries_case_id_recorded_at",
                table: "case_entries",
                columns: new[] { "case_id", "recorded_at" });

            migrationBuilder.CreateIndex(
                name: "ix_letters_case_id_created_at",
                table: "letters",
                columns: new[] { "case_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_letters_execution_id_recipient",
                table: "letters",
                columns: new[] { "execution_id", "recipient" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_letters_failed",
                table: "letters",
                column: "status",
                filter: "status = 'Failed'");

            migrationBuilder.CreateIndex(
                name: "ix_letters_status",
                table: "letters",
                column: "status",
                filter: "status = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_meetings_case_id_status",
                table: "meetings",
                columns: new[] { "case_id", "status" });

            // The access log is append-only in the database itself, like the workflow journal.
            migrationBuilder.Sql("""
                CREATE FUNCTION refuse_access_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION 'access_log is append-only';
                END;
                $$;

                CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON access_log
                    FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_log_change();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER access_log_append_only ON access_log; DROP FUNCTION refuse_access_log_change();");

            migrationBuilder.DropTable(
                name: "access_log");

            migrationBuilder.DropTable(
                name: "agreed_measures");

            migrationBuilder.DropTable(
                name: "case_entries");

            migrationBuilder.DropTable(
                name: "letters");

            migrationBuilder.DropTable(
                name: "mappings");

            migrationBuilder.DropTable(
                name: "meetings");

            migrationBuilder.DropIndex(
                name: "ix_cases_number",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "ix_cases_responsible_officer_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "no_guardian_reason",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "number",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "registered_by",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "responsible_officer_id",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "youth_national_id_number",
                table: "cases");
        }
    }
}
