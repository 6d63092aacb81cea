using System.Globalization;

namespace BekymringssamtaleService.Domain.Time;

/// <summary>Instants are stored in UTC and shown in Norwegian time, daylight saving included.</summary>
public static class OsloTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
    private static readonly CultureInfo Norwegian = CultureInfo.GetCultureInfo("nb-NO");

    public static string Format(DateTimeOffset instant) => ToOslo(instant).ToString("dd.MM.yyyy HH:mm", Norwegian);

    public static DateTimeOffset ToOslo(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>The calendar day in Norway at the instant: ages and "today" follow Norwegian days.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(ToOslo(now).DateTime);

    /// <summary>The instant of a Norwegian wall-clock time (as typed in a form), daylight saving included.</summary>
    public static DateTimeOffset FromOsloWallClock(DateTime local) =>
        new(local, Zone.GetUtcOffset(DateTime.SpecifyKind(local, DateTimeKind.Unspecified)));
}
