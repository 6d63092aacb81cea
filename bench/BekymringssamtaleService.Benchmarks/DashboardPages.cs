using System.Globalization;
using Npgsql;

namespace BekymringssamtaleService.Benchmarks;

/// <summary>The pages the dashboard benchmark reads, as the officer or the lead of the seed's first unit.</summary>
internal static class DashboardPages
{
    private const int PageSize = 50;
    private const int FarPage = 500;

    public static async Task<IReadOnlyList<(string Name, string Role, string Path)>> ListAsync(NpgsqlDataSource database, Guid busyCase, DateTimeOffset now)
    {
        var unit = DashboardSeed.UnitCode(0);
        // Keyset paging: page 500 of "closed cases of the unit" starts after the last case number of page 499.
        await using var cursor = database.CreateCommand(
            "SELECT c.number FROM cases c JOIN workflow.instances i ON i.id = c.id WHERE c.unit_code = $1 AND i.state = 'Closed' " +
            "ORDER BY c.number DESC OFFSET $2 LIMIT 1");
        cursor.Parameters.AddWithValue(unit);
        cursor.Parameters.AddWithValue((long)(PageSize * (FarPage - 1)) - 1);
        var farCursor = await cursor.ExecuteScalarAsync() is long number ? number : 0;
        var far = farCursor.ToString(CultureInfo.InvariantCulture);

        return
        [
            ("minday", "officer", "/"),
            ("minday", "lead", "/"),
            ("cases", "officer", "/saker"),
            ("cases", "lead", $"/saker?steg=Closed&enhet={unit}&etter={far}"),
            ("case", "officer", $"/saker/{busyCase}"),
        ];
    }
}
