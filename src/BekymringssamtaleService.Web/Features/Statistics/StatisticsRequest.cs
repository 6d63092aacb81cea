using System.Globalization;
using System.Security.Claims;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.WebUtilities;

namespace BekymringssamtaleService.Web.Features.Statistics;

/// <summary>
/// What the statistics form asks for: one of the Lead's units and a range of whole months ("2026-01"), at most
/// <see cref="LongestRange"/> long. Empty fields take the defaults (the first unit, the last twelve months).
/// </summary>
public sealed record StatisticsRequest(string Unit, DateOnly From, DateOnly To)
{
    public const int LongestRange = 36;

    /// <summary>The form's fields by input name, with their labels, in the order the form shows them.</summary>
    public static readonly IReadOnlyList<(string Input, string Label)> Fields = [("enhet", "Enhet"), ("fra", "Fra måned"), ("til", "Til og med måned")];

    public static (StatisticsRequest? Request, Dictionary<string, string> Errors) Read(
        ClaimsPrincipal user, string? unit, string? from, string? to, DateOnly today)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var units = CaseAccess.ListableUnits(user);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        if (string.IsNullOrWhiteSpace(unit))
        {
            unit = units.Count > 0 ? units[0] : null;
        }

        if (unit is null || !units.Contains(unit))
        {
            errors["enhet"] = "Velg en av enhetene dine.";
        }

        var fromMonth = Month(from, thisMonth.AddMonths(-11), "fra", errors);
        var toMonth = Month(to, thisMonth, "til", errors);
        if (errors.Count == 0 && fromMonth > toMonth)
        {
            errors["til"] = "Til og med måned kan ikke være før fra måned.";
        }
        else if (errors.Count == 0 && UnitStatistics.MonthsBetween(fromMonth, toMonth) >= LongestRange)
        {
            errors["til"] = $"Velg en periode på høyst {LongestRange} måneder.";
        }

        return errors.Count == 0 ? (new StatisticsRequest(unit!, fromMonth, toMonth), errors) : (null, errors);
    }

    public string Query(string path) => QueryHelpers.AddQueryString(path, new Dictionary<string, string?>
    {
        ["enhet"] = Unit,
        ["fra"] = From.ToString("yyyy-MM", CultureInfo.InvariantCulture),
        ["til"] = To.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    });

    private static DateOnly Month(string? text, DateOnly fallback, string field, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year >= 2000)
        {
            return month;
        }

        errors[field] = "Skriv måneden som år og måned, for eksempel 2026-03.";
        return fallback;
    }
}
