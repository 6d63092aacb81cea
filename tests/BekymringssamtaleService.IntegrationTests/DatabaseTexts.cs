using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>What a test reads straight from a host's database: the first column of each row, as text.</summary>
internal static class DatabaseTexts
{
    public static async Task<List<string>> OfAsync(ServiceHost host, string sql, params (string Name, object Value)[] parameters)
    {
        var token = TestContext.Current.CancellationToken;
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(token);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(token);
        while (await reader.ReadAsync(token))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
