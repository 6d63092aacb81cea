using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <summary>Open user tasks get an escalation time and target; the engine escalates them once overdue.</summary>
    public partial class WorkflowTaskEscalation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(WorkflowSchema.Version2TaskEscalation);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(
                "DROP INDEX workflow.tasks_escalation_due; ALTER TABLE workflow.tasks DROP COLUMN escalate_at, DROP COLUMN escalate_to, DROP COLUMN escalated_at;");
        }
    }
}
