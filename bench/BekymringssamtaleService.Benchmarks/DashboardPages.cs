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
        // Keyset paging: page 500 of "closed cases of the unit" starts after the last case number of page 499 (or as
        // deep as a smaller seed goes).
        await using var cursor = database.CreateCommand(
            "SELECT c.number FROM cases c JOIN workflow.instances i ON i.id = c.id WHERE c.unit_code = $1 AND i.state = 'Closed' " +
            "ORDER BY c.number DESC OFFSET least($2, (SELECT count(*) - 1 FROM cases WHERE unit_code = $1) / 2) LIMIT 1");
        cursor.Parameters.AddWithValue(unit);
        cursor.Parameters.AddWithValue((long)(PageSize * (FarPage - 1)) - 1);
        var far = ((long)(await cursor.ExecuteScalarAsync())!).ToString(CultureInfo.InvariantCulture);

        // The busiest week: the one ahead with the most booked conversations of the unit.
        await using var week = database.CreateCommand(
            "SELECT date_trunc('week', m.starts_at AT TIME ZONE 'Europe/Oslo')::date FROM meetings m JOIN cases c ON c.id = m.case_id " +
            "WHERE c.unit_code = $1 AND m.status = 'Booked' GROUP BY 1 ORDER BY count(*) DESC LIMIT 1");
        week.Parameters.AddWithValue(unit);
        var monday = ((DateOnly)(await week.ExecuteScalarAsync())!).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var thisMonth = new DateOnly(now.Year, now.Month, 1);
        var months = string.Create(CultureInfo.InvariantCulture, $"fra={thisMonth.AddMonths(-11):yyyy-MM}&til={thisMonth:yyyy-MM}");
        return
        [
            ("minday", "officer", "/"),
            ("minday", "lead", "/"),
            ("cases", "officer", "/saker"),
            ("cases", "lead", $"/saker?steg=Closed&enhet={unit}&etter={far}"),
            ("search", "officer", "/saker?sok=Hansen"),
            ("search", "lead", "/saker?sok=emma+ols"),
            ("case", "officer", $"/saker/{busyCase}"),
            ("calendar", "officer", $"/kalender?uke={monday}"),
            ("calendar", "lead", $"/kalender?uke={monday}&betjent={DashboardSeed.OfficerId(0, 0)}"),
            ("stats", "lead", $"/statistikk?enhet={unit}&{months}"),
        ];
    }
}
