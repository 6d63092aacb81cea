using System.Text;
using BekymringssamtaleService.Web.Features.Audit;

namespace BekymringssamtaleService.Web.Features.Statistics;

/// <summary>
/// The statistics tables as one CSV file for Norwegian Excel, as the access log's (UTF-8 with a byte order mark,
/// semicolons, CRLF): one line per row of each table, hidden counts as the page shows them.
/// </summary>
public static class StatisticsCsv
{
    public static string Write(string unitName, StatisticsRequest request, UnitFigures figures)
    {
        var lines = new List<string> { Line("Enhet", "Fra", "Til og med", "Tabell", "Rad", "Antall") };
        var from = UnitStatistics.Month(request.From);
        var to = UnitStatistics.Month(request.To);
        foreach (var table in figures.Tables)
        {
            foreach (var cell in table.Rows.Append(table.Total))
            {
                lines.Add(Line(unitName, from, to, table.Title, cell.Label, cell.Text));
            }
        }

        lines.Add(Line(unitName, from, to, "Samtaler", figures.ConversationsHeld.Label, figures.ConversationsHeld.Text));
        lines.Add(Line(unitName, from, to, "Samtaler", "Median dager fra registrering til samtale", figures.MedianDaysToConversation));
        lines.Add(Line(unitName, from, to, "Samtaler", "Andel samtaler med oppmøte", figures.AttendanceRate));
        return string.Join("\r\n", lines) + "\r\n";
    }

    public static readonly Encoding Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    private static string Line(params string[] fields) => string.Join(';', fields.Select(AccessLogCsv.Field));
}
