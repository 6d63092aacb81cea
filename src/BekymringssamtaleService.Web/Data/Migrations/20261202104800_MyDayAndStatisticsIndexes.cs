using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <summary>
    /// Indexes for Min dag and Statistikk, as SQL only (partial indexes the model does not describe): an officer's
    /// booked conversations of a week, the letters of their cases that need them, the failing letters an Admin sees,
    /// and a unit's cases by registration time for the statistics.
    /// </summary>
    [DbContext(typeof(ServiceDbContext))]
    [Migration("20261202104800_MyDayAndStatisticsIndexes")]
    public sealed class MyDayAndStatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_meetings_booked_starts_at ON meetings (starts_at) WHERE status = 'Booked';");
            migrationBuilder.Sql("CREATE INDEX ix_letters_to_see_case_id ON letters (case_id) WHERE status IN ('Failed', 'Rejected', 'AwaitingPrint');");
            migrationBuilder.Sql("CREATE INDEX ix_letters_failing_created_at ON letters (created_at) WHERE status IN ('Failed', 'Rejected') OR (status = 'Pending' AND attempts > 0);");
            migrationBuilder.Sql("CREATE INDEX ix_cases_unit_code_registered_at ON cases (unit_code, registered_at);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX ix_cases_unit_code_registered_at;");
            migrationBuilder.Sql("DROP INDEX ix_letters_failing_created_at;");
            migrationBuilder.Sql("DROP INDEX ix_letters_to_see_case_id;");
            migrationBuilder.Sql("DROP INDEX ix_meetings_booked_starts_at;");
        }
    }
}
