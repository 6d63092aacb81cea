using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Audit;

/// <summary>The access log and the staff register as the tests read and change them, straight in the database.</summary>
internal static class AccessLogRows
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>"action purpose" of each entry that matches <paramref name="where"/>, oldest first.</summary>
    public static Task<List<string>> ActionsAsync(ServiceHost host, string where, params (string Name, object Value)[] parameters) =>
        DatabaseTexts.OfAsync(host, $"SELECT action || ' ' || purpose FROM access_log WHERE {where} ORDER BY id", parameters);

    public static async Task ExecuteAsync(ServiceHost host, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(Token);
    }

    /// <summary>
    /// A member of staff of the test's own, so that what is logged under them is the test's alone. Only on a host of the test
    /// class's own: the shared host's register is the seed files', as SeedTests checks.
    /// </summary>
    public static async Task<string> AddStaffAsync(ServiceHost host, string role, params string[] units)
    {
        var id = $"test-{Guid.NewGuid():N}"[..20];
        await ExecuteAsync(
            host,
            "INSERT INTO staff_members (id, display_name, email, roles, unit_codes) VALUES (@id, 'Test Testesen', @email, @roles, @units)",
            ("id", id), ("email", $"{id}@politiet.example"), ("roles", new[] { role }), ("units", units));
        return id;
    }
}
