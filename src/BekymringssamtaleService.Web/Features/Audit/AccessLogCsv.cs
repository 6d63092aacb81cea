using System.Globalization;
using System.Text;
using BekymringssamtaleService.Domain.Time;

namespace BekymringssamtaleService.Web.Features.Audit;

/// <summary>
/// The access log as CSV for Norwegian Excel: UTF-8 with a byte order mark (else Excel reads æøå as Windows-1252),
/// semicolons between fields (Excel's list separator where the decimal separator is a comma), CRLF line ends, fields
/// quoted where they hold a semicolon, quote or line break (RFC 4180). Times are Norwegian with their UTC offset
/// (ISO 8601), unambiguous across the change from summer time. A field that begins with = + - @, a tab or a carriage
/// return gets a leading apostrophe, so a spreadsheet shows it as text and never runs it as a formula.
/// </summary>
public static class AccessLogCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly string[] Header =
        ["Tidspunkt", "Ansatt-ID", "Navn", "Enhet", "Sak", "Handling", "Formål", "Oppgitt formål"];

    public static async Task WriteAsync(Stream body, IAsyncEnumerable<AccessLogItem> items, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        await writer.WriteLineAsync(Line(Header));
        await foreach (var item in items.WithCancellation(cancellationToken))
        {
            await writer.WriteLineAsync(Line(
            [
                OsloTime.ToOslo(item.At).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
                item.StaffId,
                item.StaffName,
                item.UnitCode,
                item.CaseId?.ToString(),
                item.Action,
                AuditWords.Purpose(item.Purpose),
                item.StatedPurpose,
            ]));
        }
    }

    private static string Line(IEnumerable<string?> fields) => string.Join(';', fields.Select(Field));

    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }
}
