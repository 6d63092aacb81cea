using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BekymringssamtaleService.Web.Data.Migrations
{
    /// <summary>
    /// A claimed letter is leased, not locked, while it is sent; the index of letters to send carries the due time and
    /// the lease, so finding due letters reads no table rows.
    /// </summary>
    public partial class LetterLeases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_letters_status",
                table: "letters");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_expires_at",
                table: "letters",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_letters_due",
                table: "letters",
                column: "created_at",
                filter: "status = 'Pending'")
                .Annotation("Npgsql:IndexInclude", new[] { "next_attempt_at", "lease_expires_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_letters_due",
                table: "letters");

            migrationBuilder.DropColumn(
                name: "lease_expires_at",
                table: "letters");

            migrationBuilder.CreateIndex(
                name: "ix_letters_status",
                table: "letters",
                column: "status",
                filter: "status = 'Pending'");
        }
    }
}
