using System.Globalization;
using BekymringssamtaleService.Domain.Time;

namespace BekymringssamtaleService.Web.Features.Audit;

/// <summary>
/// What an auditor searches the access log for: one member of staff (by staff id), one case, a period of Norwegian
/// calendar days (both ends included). Each is optional.
/// </summary>
public sealed record AccessLogCriteria(string? StaffId, Guid? CaseId, DateOnly? From, DateOnly? To)
{
    public const int StaffIdLength = 40;

    /// <summary>The first instant of the period: the start of <see cref="From"/> in Norway.</summary>
    public DateTimeOffset? FromInstant => From is { } day ? OsloTime.FromOsloWallClock(day.ToDateTime(TimeOnly.MinValue)).ToUniversalTime() : null;

    /// <summary>The first instant after the period: the start of the day after <see cref="To"/> in Norway.</summary>
    public DateTimeOffset? UntilInstant => To is { } day ? OsloTime.FromOsloWallClock(day.AddDays(1).ToDateTime(TimeOnly.MinValue)).ToUniversalTime() : null;

    /// <summary>
    /// Reads the criteria as typed (the API's query or the page's form), or the errors of reading them, keyed by the
    /// API's names: user, caseId, from, to. Dates are yyyy-MM-dd within the years 1900–2100, the period from before to.
    /// </summary>
    public static (AccessLogCriteria? Criteria, IReadOnlyDictionary<string, string[]> Errors) Read(string? user, string? caseId, string? from, string? to)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var staffId = string.IsNullOrWhiteSpace(user) ? null : user.Trim();
        if (staffId is { Length: > StaffIdLength })
        {
            errors["user"] = [$"En ansatt-ID er høyst {StaffIdLength} tegn."];
        }

        Guid? caseGuid = null;
        if (!string.IsNullOrWhiteSpace(caseId))
        {
            if (Guid.TryParse(caseId.Trim(), out var parsed))
            {
                caseGuid = parsed;
            }
            else
            {
                errors["caseId"] = ["Sakens ID er ikke gyldig (for eksempel 3f2b8c1e-4d5a-4b6c-9e7f-0a1b2c3d4e5f)."];
            }
        }

        var fromDay = Day("from", from, errors);
        var toDay = Day("to", to, errors);
        if (fromDay > toDay)
        {
            errors["to"] = ["Til-datoen kan ikke være før fra-datoen."];
        }

        return errors.Count > 0 ? (null, errors) : (new AccessLogCriteria(staffId, caseGuid, fromDay, toDay), errors);
    }

    private static DateOnly? Day(string field, string? text, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            errors[field] = ["Skriv datoen som åååå-mm-dd, for eksempel 2026-12-01."];
            return null;
        }

        if (day.Year is < 1900 or > 2100)
        {
            errors[field] = ["Datoen må være mellom år 1900 og 2100."];
            return null;
        }

        return day;
    }
}
