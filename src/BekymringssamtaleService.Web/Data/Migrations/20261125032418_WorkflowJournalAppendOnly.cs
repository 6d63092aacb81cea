using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <summary>Makes the workflow journal append-only at the database level.</summary>
    public partial class WorkflowJournalAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(WorkflowSchema.JournalAppendOnly);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER journal_append_only ON workflow.journal; DROP FUNCTION workflow.refuse_journal_change();");
        }
    }
}
