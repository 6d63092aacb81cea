using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BekymringssamtaleService.Web.Data.Migrations;

/// <summary>
/// Indexes for the case list (/saker and GET /api/v1/cases) at a million cases: trigram indexes for a part of a youth's
/// given or family name in any case (ILIKE '%…%'), the listed (not blocked) cases of a unit in number order for the
/// keyset pages, one for each filter on a column, and for the counts per step a unit's instances by step (read
/// index-only) and the few blocked cases that are left out of them. Raw SQL, since an operator class and a partial
/// index on the engine's own table are beyond the model. pg_trgm is a trusted extension: the owner of the database,
/// who runs the migrations, may create it without being a superuser.
/// </summary>
[DbContext(typeof(ServiceDbContext))]
[Migration("20261202104500_CaseListSearchIndexes")]
public sealed class CaseListSearchIndexes : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            CREATE INDEX ix_cases_youth_given_name_trgm ON cases USING gin (youth_given_name gin_trgm_ops);
            CREATE INDEX ix_cases_youth_family_name_trgm ON cases USING gin (youth_family_name gin_trgm_ops);
            CREATE INDEX ix_cases_listed_unit_number ON cases (unit_code, number) WHERE blocked_at IS NULL;
            CREATE INDEX ix_cases_listed_unit_source_number ON cases (unit_code, source, number) WHERE blocked_at IS NULL;
            CREATE INDEX ix_cases_youth_birth_date ON cases (youth_birth_date);
            CREATE INDEX ix_cases_blocked ON cases (id) WHERE blocked_at IS NOT NULL;
            CREATE INDEX ix_instances_unit_state ON workflow.instances (unit_code, state) INCLUDE (id);
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP INDEX workflow.ix_instances_unit_state;
            DROP INDEX ix_cases_blocked;
            DROP INDEX ix_cases_youth_birth_date;
            DROP INDEX ix_cases_listed_unit_source_number;
            DROP INDEX ix_cases_listed_unit_number;
            DROP INDEX ix_cases_youth_family_name_trgm;
            DROP INDEX ix_cases_youth_given_name_trgm;
            """);
    }
}
