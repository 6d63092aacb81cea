using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <summary>
    /// Nothing to apply: the host now reads more of the engine's workflow.tasks (created, completes trigger, date label,
    /// note, done on, completed and cancelled by whom and when), a table excluded from these migrations whose columns
    /// the engine's own script Version4TasksAreWork adds. This records the model the host reads.
    /// </summary>
    public partial class TasksAreWorkReadModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

        }
    }
}
