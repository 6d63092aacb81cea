using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Coordination;

public sealed class MappingNotesMigrationTests
{
    private const string BeforeCompartment = "20261202005550_AccessPurposes";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Radicalisation_notes_written_before_the_compartment_move_into_it_and_leave_the_mapping()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync("notes");
        var options = new DbContextOptionsBuilder<ServiceDbContext>();
        options.UseServiceConventions(connectionString);
        await using var db = new ServiceDbContext(options.Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(BeforeCompartment, cancellationToken: Token);
        var caseId = Guid.NewGuid();
        await ExecuteAsync(connectionString, $"""
            INSERT INTO police_districts (code, name) VALUES ('OSLO', 'Oslo politidistrikt');
            INSERT INTO units (code, name, district_code) VALUES ('OSLO-SENTRUM', 'Sentrum', 'OSLO');
            INSERT INTO cases (id, unit_code, youth_given_name, youth_family_name, youth_birth_date, youth_language, source, concern_text,
                               registered_at, responsible_officer_id, registered_by)
            VALUES ('{caseId}', 'OSLO-SENTRUM', 'Nora', 'Testesen', '2012-01-01', 'Nb', 'School', 'Fravær', '2026-11-30T10:00:00Z', 'betjent-oslo', 'betjent-oslo');
            INSERT INTO mappings (case_id, version, factors, overall_concern, radicalisation_notes, signed_by, signed_at)
            VALUES ('{caseId}', 1, '[]', 'Moderate', 'Deler ekstremt innhold.', 'betjent-oslo', '2026-11-30T23:30:00Z'),
                   ('{caseId}', 2, '[]', 'High', NULL, 'betjent-oslo', '2026-12-01T09:00:00Z');
            """);

        await migrator.MigrateAsync(cancellationToken: Token);

        var entry = await db.CoordinationEntries.AsNoTracking().SingleAsync(e => e.CaseId == caseId, Token);
        Assert.Equal(
            (Domain.Coordination.CoordinationEntryKind.MappingNote, "Deler ekstremt innhold.", Domain.Coordination.SecurityClassification.InConfidence, "betjent-oslo", new DateOnly(2026, 12, 1)),
            (entry.Kind, entry.Summary, entry.Classification, entry.RecordedBy, entry.OccurredOn));
        Assert.Equal(0L, await ScalarAsync(connectionString, "SELECT count(*) FROM information_schema.columns WHERE table_name = 'mappings' AND column_name = 'radicalisation_notes'"));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Token);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }
}
