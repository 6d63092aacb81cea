using System.Net;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Cases;

public sealed class AccessLogTests(SharedHost shared)
{
    [Fact]
    public async Task Registering_and_reading_a_case_each_write_an_access_log_row_with_who_which_unit_and_what()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();

        await api.GetAsync(id);
        await api.TimelineAsync(id);

        var rows = await RowsAsync(id);
        Assert.Equal(
            [
                (DemoUsers.OsloOfficer, CaseRequests.Unit, "register", "casework"),
                (DemoUsers.OsloOfficer, CaseRequests.Unit, "read", "casework"),
                (DemoUsers.OsloOfficer, CaseRequests.Unit, "read-timeline", "casework"),
            ],
            rows);
    }

    [Fact]
    public async Task Viewing_the_case_page_logs_reading_the_case_its_timeline_its_letters_and_its_tasks_in_that_order()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();
        using var browser = shared.Host.CreateHttpClient();
        await browser.SignInAsync(DemoUsers.OsloOfficer);

        using var response = await browser.GetAsync($"/saker/{id}", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(
            [
                (DemoUsers.OsloOfficer, CaseRequests.Unit, "register", "casework"),
                (DemoUsers.OsloOfficer, CaseRequests.Unit, "read", "casework"),
                (DemoUsers.OsloOfficer, CaseRequests.Unit, "read-timeline", "casework"),
                (DemoUsers.OsloOfficer, CaseRequests.Unit, "read-letters", "casework"),
                (DemoUsers.OsloOfficer, CaseRequests.Unit, "read-tasks", "casework"),
            ],
            await RowsAsync(id));
    }

    [Fact]
    public async Task A_read_by_the_unit_Lead_is_logged_under_the_Lead()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        using var lead = new CaseApi(shared.Host, "leder-oslo");

        await lead.LettersAsync(id);

        Assert.Contains(("leder-oslo", CaseRequests.Unit, "read-letters", "casework"), await RowsAsync(id));
    }

    // The second line of defence, tried as the owner: the host's own role is refused these statements by its privileges
    // before any trigger runs (DatabaseRoleTests).
    [Theory]
    [InlineData("UPDATE access_log SET purpose = 'endret' WHERE case_id = @case")]
    [InlineData("DELETE FROM access_log WHERE case_id = @case")]
    [InlineData("TRUNCATE access_log")]
    public async Task The_trigger_refuses_even_the_owner_role_to_change_or_remove_access_log_rows(string statement)
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();
        await api.GetAsync(id);
        var before = await RowsAsync(id);

        await using (var connection = new NpgsqlConnection(shared.Host.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand(statement, connection, transaction);
            command.Parameters.AddWithValue("case", id);

            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));

            Assert.Equal("access_log is append-only", refused.MessageText);
            await transaction.RollbackAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(before, await RowsAsync(id));
    }

    private async Task<List<(string StaffId, string UnitCode, string Action, string Purpose)>> RowsAsync(Guid caseId)
    {
        await using var connection = new NpgsqlConnection(shared.Host.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand("SELECT staff_id, unit_code, action, purpose FROM access_log WHERE case_id = @case ORDER BY id", connection);
        command.Parameters.AddWithValue("case", caseId);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        var rows = new List<(string, string, string, string)>();
        while (await reader.ReadAsync(TestContext.Current.CancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
        }

        return rows;
    }
}
