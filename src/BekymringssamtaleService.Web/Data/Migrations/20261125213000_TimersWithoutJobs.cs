using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <summary>Timers are fired from their rows by every job host: they keep no job id.</summary>
    public partial class TimersWithoutJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(WorkflowSchema.TimersWithoutJobs);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE workflow.timers ADD COLUMN job_id text;");
        }
    }
}
