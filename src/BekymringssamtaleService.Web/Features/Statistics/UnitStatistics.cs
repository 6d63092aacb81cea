using System.Globalization;
using System.Security.Claims;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using Npgsql;

namespace BekymringssamtaleService.Web.Features.Statistics;

/// <summary>A count as shown: its value, or hidden — under 5 (<see cref="CellShown.Small"/>) or hidden so a small one cannot be worked out from the total (<see cref="CellShown.Hidden"/>).</summary>
public sealed record StatisticsCell(string Label, int Count, CellShown Shown)
{
    /// <summary>What the table, the chart and the CSV show: never the count of a hidden cell.</summary>
    public string Text => Shown switch
    {
        CellShown.Value => Count.ToString(CultureInfo.InvariantCulture),
        CellShown.Small => "<5",
        _ => "skjult",
    };

    /// <summary>The number a chart draws, or null for a hidden cell.</summary>
    public int? Value => Shown == CellShown.Value ? Count : null;
}

public enum CellShown
{
    Value,
    Small,
    Hidden,
}

/// <summary>A table of counts that add up to <see cref="Total"/> (its last row).</summary>
public sealed record StatisticsTable(string Id, string Title, string Caption, IReadOnlyList<StatisticsCell> Rows, StatisticsCell Total);

/// <summary>The anonymous figures of one unit's cases registered in a range of months.</summary>
public sealed record UnitFigures(
    IReadOnlyList<StatisticsTable> Tables, StatisticsCell ConversationsHeld, string MedianDaysToConversation, string AttendanceRate);

/// <summary>
/// Anonymous counts of a unit's cases registered in a range of months (Norwegian months): by month, track, source and
/// outcome, the median days from registration to the first conversation held and the attendance rate. Aggregated in
/// one SQL statement over the cases' statistics rows; no row leaves the database. Every count under 5 is hidden, and where a group's total is shown
/// and exactly one count of it is hidden, the next smallest is hidden too, so no hidden count is the total less the
/// others. The read is access-logged for the unit, with no case.
/// </summary>
public sealed class UnitStatistics(NpgsqlDataSource database, ServiceDbContext db, TimeProvider time)
{
    public const int Threshold = 5;

    public async Task<UnitFigures> ReadAsync(ClaimsPrincipal user, string unitCode, DateOnly fromMonth, DateOnly toMonth, string action, CancellationToken cancellationToken)
    {
        // case_statistics holds one row per case, kept by triggers as its case, workflow instance and meetings change
        // (migration CaseStatistics): a year of a unit is one read of a covering index, aggregated in one pass.
        await using var command = database.CreateCommand(
            """
            SELECT CASE WHEN GROUPING(registered_month) = 0 THEN 'month'
                        WHEN GROUPING(track) = 0 THEN 'track'
                        WHEN GROUPING(source) = 0 THEN 'source'
                        WHEN GROUPING(outcome) = 0 THEN 'outcome'
                        ELSE 'all' END,
                   coalesce(to_char(registered_month, 'YYYY-MM'), track, source, outcome, ''),
                   count(*),
                   count(days_to_conversation),
                   coalesce(sum(held), 0),
                   coalesce(sum(missed), 0),
                   (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY days_to_conversation) FROM case_statistics
                    WHERE unit_code = @unit AND registered_month BETWEEN @from AND @to)
            FROM case_statistics
            WHERE unit_code = @unit AND registered_month BETWEEN @from AND @to
            GROUP BY GROUPING SETS ((registered_month), (track), (source), (outcome), ())
            """);
        command.Parameters.AddWithValue("unit", unitCode);
        command.Parameters.AddWithValue("from", fromMonth);
        command.Parameters.AddWithValue("to", toMonth);
        var counts = new Dictionary<(string Group, string Key), int>();
        double? medianDays = null;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var group = reader.GetString(0);
                if (group != "all")
                {
                    counts[(group, reader.GetString(1))] = (int)reader.GetInt64(2);
                    continue;
                }

                counts[("held", "")] = (int)reader.GetInt64(3);
                counts[("attendance", "held")] = (int)reader.GetInt64(4);
                counts[("attendance", "missed")] = (int)reader.GetInt64(5);
                medianDays = reader.IsDBNull(6) ? null : reader.GetDouble(6);
            }
        }

        AccessLog.Add(db, user, unitCode, null, action, time.GetUtcNow(), AccessPurpose.Statistics);
        await db.SaveChangesAsync(cancellationToken);

        int Count(string group, string key) => counts.GetValueOrDefault((group, key));
        var months = Enumerable.Range(0, MonthsBetween(fromMonth, toMonth) + 1).Select(fromMonth.AddMonths).ToList();
        var total = counts.Where(pair => pair.Key.Group == "month").Sum(pair => pair.Value);
        var tables = new List<StatisticsTable>
        {
            Table("per-maned", "Saker opprettet per måned", "Saker registrert i enheten per måned", total,
                months.Select(month => (Month(month), Count("month", month.ToString("yyyy-MM", CultureInfo.InvariantCulture))))),
            Table("etter-spor", "Etter spor", "Saker registrert i perioden etter spor", total,
                [(CaseWords.Of(Track.Voluntary), Count("track", Track.Voluntary.WireName())),
                 (CaseWords.Of(Track.AttendanceOrder), Count("track", Track.AttendanceOrder.WireName())),
                 ("Spor ikke valgt", Count("track", ""))]),
            Table("etter-kilde", "Etter kilde", "Saker registrert i perioden etter hvem som meldte bekymringen", total,
                Enum.GetValues<ConcernSource>().Select(source => (CaseWords.Of(source), Count("source", source.ToString())))),
            Table("utfall", "Utfall", "Saker registrert i perioden etter utfall", total,
                [.. Cases.Close.Close.Outcomes.Select(outcome => (outcome.Label, Count("outcome", outcome.Outcome.WireName()))),
                 ("Avsluttet uten kjent utfall", Count("outcome", "")),
                 ("Avbrutt", Count("outcome", "cancelled")),
                 ("Ikke avsluttet", Count("outcome", "open"))]),
        };
        var held = Count("attendance", "held");
        var missed = Count("attendance", "missed");
        var attendance = Table("oppmote", "Oppmøte", "Samtaler med registrert oppmøte i saker fra perioden", held + missed,
            [("Møtte", held), ("Møtte ikke", missed)]);
        tables.Add(attendance);

        var conversationsHeld = Cell("Saker med gjennomført samtale", Count("held", ""));
        var median = conversationsHeld.Shown == CellShown.Value && medianDays is { } days
            ? days.ToString("0.0", CultureInfo.GetCultureInfo("nb-NO")) + " dager"
            : "skjult";
        // A rate is shown only with both of its counts: from one hidden count and the rate the other could be worked out.
        var rate = attendance.Rows.All(row => row.Shown == CellShown.Value) && held + missed > 0
            ? ((double)held / (held + missed)).ToString("P0", CultureInfo.GetCultureInfo("nb-NO"))
            : "skjult";
        return new UnitFigures(tables, conversationsHeld, median, rate);
    }

    public static int MonthsBetween(DateOnly from, DateOnly to) => (to.Year - from.Year) * 12 + to.Month - from.Month;

    public static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("nb-NO"));

    /// <summary>
    /// The cells of a group with its total: under 5 hidden; where the total is shown and exactly one cell is hidden,
    /// the smallest shown cell is hidden with it, so the hidden one is not the total less the rest.
    /// </summary>
    public static StatisticsTable Table(string id, string title, string caption, int total, IEnumerable<(string Label, int Count)> rows)
    {
        var cells = rows.Select(row => Cell(row.Label, row.Count)).ToList();
        var totalCell = Cell("I alt", total);
        if (totalCell.Shown == CellShown.Value && cells.Count(cell => cell.Shown != CellShown.Value) == 1)
        {
            var smallest = cells.Select((cell, index) => (cell, index)).Where(pair => pair.cell.Shown == CellShown.Value)
                .OrderBy(pair => pair.cell.Count).ThenBy(pair => pair.index).Select(pair => (int?)pair.index).FirstOrDefault();
            if (smallest is { } index)
            {
                cells[index] = cells[index] with { Shown = CellShown.Hidden };
            }
        }

        return new StatisticsTable(id, title, caption, cells, totalCell);
    }

    private static StatisticsCell Cell(string label, int count) => new(label, count, count < Threshold ? CellShown.Small : CellShown.Value);
}
