using System.Globalization;
using BekymringssamtaleService.Domain.Time;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace BekymringssamtaleService.Web.Features.Calendar;

/// <summary>The week's conversations of the user's units (/kalender), Monday to Sunday; filtered by officer and by room.</summary>
public sealed class IndexModel(WeekCalendar calendar, TimeProvider time) : PageModel
{
    /// <summary>Any day of the week to show (yyyy-MM-dd); this week when left out or unreadable.</summary>
    [BindProperty(SupportsGet = true, Name = "uke")]
    public string? WeekOf { get; set; }

    [BindProperty(SupportsGet = true, Name = "betjent")]
    public string? Officer { get; set; }

    [BindProperty(SupportsGet = true, Name = "rom")]
    public string? Room { get; set; }

    public Week Week { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var day = DateOnly.TryParseExact(WeekOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var asked) && asked.Year is >= 1900 and <= 2100
            ? asked
            : OsloTime.Today(time.GetUtcNow());
        var room = Guid.TryParse(Room, out var roomId) ? roomId : (Guid?)null;
        Week = await calendar.ReadAsync(User, new WeekFilter(day, string.IsNullOrWhiteSpace(Officer) ? null : Officer, room), cancellationToken);
        return Page();
    }

    public string Title => $"Uke {ISOWeek.GetWeekOfYear(Week.Monday.ToDateTime(TimeOnly.MinValue))}: {Day(Week.Monday)}–{Day(Week.Monday.AddDays(6))}";

    public static string Day(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public string WeekHref(int weeks) =>
        QueryHelpers.AddQueryString("/kalender", new Dictionary<string, string?>
        {
            ["uke"] = Week.Monday.AddDays(7 * weeks).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["betjent"] = string.IsNullOrWhiteSpace(Officer) ? null : Officer,
            ["rom"] = string.IsNullOrWhiteSpace(Room) ? null : Room,
        }.Where(pair => pair.Value is not null));
}
