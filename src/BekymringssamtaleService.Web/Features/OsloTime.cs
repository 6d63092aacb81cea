using System.Globalization;

namespace BekymringssamtaleService.Web.Features;

/// <summary>Instants are stored in UTC and shown in Norwegian time, daylight saving included.</summary>
public static class OsloTime
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    public static string Format(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).ToString("dd.MM.yyyy HH:mm", Norwegian);
}
