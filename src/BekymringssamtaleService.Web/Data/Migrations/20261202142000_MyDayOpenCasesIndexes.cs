using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <summary>
    /// Indexes that let Min dag read a unit of 50,000 cases from index pages alone, as SQL only (partial and covering
    /// indexes the model does not describe): the open workflow instances of a unit (a few per cent of all, which the
    /// officer's cases without a next step and the Lead's count of each officer's open cases start from); a unit's cases
    /// by responsible officer with their id and number; the open tasks of a unit by assignee (each officer's load, and
    /// an officer's own tasks); the few open tasks escalated in a unit; and the letters that need the officer with what
    /// the list shows (replacing the index on their case alone).
    /// </summary>
    [DbContext(typeof(ServiceDbContext))]
    [Migration("20261202142000_MyDayOpenCasesIndexes")]
    public sealed class MyDayOpenCasesIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE INDEX ix_instances_open_unit ON workflow.instances (unit_code, state_entered_at) INCLUDE (id, state)
                WHERE state <> 'Closed' AND state <> 'Cancelled';
                """);
            migrationBuilder.Sql("""
                CREATE INDEX ix_cases_listed_unit_officer ON cases (unit_code, responsible_officer_id) INCLUDE (id, number)
                WHERE blocked_at IS NULL;
                """);
            migrationBuilder.Sql("CREATE INDEX ix_tasks_open_unit_assignee ON workflow.tasks (unit_code, assignee) WHERE status = 'open';");
            migrationBuilder.Sql("""
                CREATE INDEX ix_tasks_escalated_open_unit_due ON workflow.tasks (unit_code, due_at)
                WHERE status = 'open' AND escalated_at IS NOT NULL;
                """);
            migrationBuilder.Sql("""
                CREATE INDEX ix_letters_to_see_case_id_listed ON letters (case_id) INCLUDE (created_at, kind, status)
                WHERE status IN ('Failed', 'Rejected', 'AwaitingPrint');
                """);
            migrationBuilder.Sql("DROP INDEX ix_letters_to_see_case_id;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE INDEX ix_letters_to_see_case_id ON letters (case_id) WHERE status IN ('Failed', 'Rejected', 'AwaitingPrint');");
            migrationBuilder.Sql("DROP INDEX ix_letters_to_see_case_id_listed;");
            migrationBuilder.Sql("DROP INDEX workflow.ix_tasks_escalated_open_unit_due;");
            migrationBuilder.Sql("DROP INDEX workflow.ix_tasks_open_unit_assignee;");
            migrationBuilder.Sql("DROP INDEX ix_cases_listed_unit_officer;");
            migrationBuilder.Sql("DROP INDEX workflow.ix_instances_open_unit;");
        }
    }
}
