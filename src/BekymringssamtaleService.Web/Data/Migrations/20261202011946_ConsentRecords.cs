using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <summary>
    /// Consent records per case (consent_records), the sharing a catalog measure rests on (measures.consent_sharing),
    /// and the free-text consent fields gone: agreed_measures.consent_given_by/consent_given_on/consent_scope and the
    /// ConsentGivenBy of each extra participant in meetings.extra_participants. Their old values are dropped, not
    /// converted: they were names in free text that cannot be matched to a person of the case, and a consent must name one.
    /// </summary>
    public partial class ConsentRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "consent_given_by",
                table: "agreed_measures");

            migrationBuilder.DropColumn(
                name: "consent_given_on",
                table: "agreed_measures");

            migrationBuilder.DropColumn(
                name: "consent_scope",
                table: "agreed_measures");

            migrationBuilder.Sql("""
                UPDATE meetings
                SET extra_participants = (SELECT jsonb_agg(participant - 'ConsentGivenBy') FROM jsonb_array_elements(extra_participants) AS participant)
                WHERE jsonb_typeof(extra_participants) = 'array' AND jsonb_array_length(extra_participants) > 0;
                """);

            migrationBuilder.AddColumn<string>(
                name: "consent_sharing",
                table: "measures",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "consent_records",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    case_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    sharing = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    by_youth = table.Column<bool>(type: "boolean", nullable: false),
                    guardian_id = table.Column<int>(type: "integer", nullable: true),
                    legal_ground = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    given_on = table.Column<DateOnly>(type: "date", nullable: false),
                    recorded_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_on = table.Column<DateOnly>(type: "date", nullable: true),
                    withdrawn_by = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_consent_records", x => x.id);
                    table.CheckConstraint("ck_consent_records_who", "(kind = 'Consent' AND legal_ground IS NULL AND (by_youth <> (guardian_id IS NOT NULL))) OR (kind = 'DutyToInform' AND legal_ground IS NOT NULL AND NOT by_youth AND guardian_id IS NULL AND sharing = 'ChildWelfare' AND withdrawn_on IS NULL)");
                    table.ForeignKey(
                        name: "fk_consent_records_cases_case_id",
                        column: x => x.case_id,
                        principalTable: "cases",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_consent_records_case_id_sharing",
                table: "consent_records",
                columns: new[] { "case_id", "sharing" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "consent_records");

            migrationBuilder.DropColumn(
                name: "consent_sharing",
                table: "measures");

            migrationBuilder.AddColumn<List<string>>(
                name: "consent_given_by",
                table: "agreed_measures",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<DateOnly>(
                name: "consent_given_on",
                table: "agreed_measures",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "consent_scope",
                table: "agreed_measures",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);
        }
    }
}
