using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Retention;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Features.Retention.Overview;

/// <summary>The administrator's view of retention: the periods in force, the blocked cases, and what each nightly run did.</summary>
[Authorize(Policy = Policies.Admin)]
[OutsideCaseScope("Oversikten viser perioder, kjøringer og sperrede saker ved saksnummer og enhet, ikke saksinnhold; Admin-policyen avgjør.")]
public sealed class IndexModel(ServiceDbContext db, IOptions<RetentionSettings> settings) : PageModel
{
    private const int RunsShown = 30;

    public IReadOnlyList<(string Ending, TimeSpan Period)> Periods { get; private set; } = [];
    public TimeSpan DeleteAfterBlocked { get; private set; }
    public IReadOnlyList<BlockedCase> BlockedCases { get; private set; } = [];
    public IReadOnlyList<RetentionRun> Runs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Periods = [.. RetentionSettings.Endings.Select(ending => (ending, settings.Value.Periods[ending]))];
        DeleteAfterBlocked = settings.Value.DeleteAfterBlocked;
        var units = User.UnitCodes();
        BlockedCases = await db.Cases.AsNoTracking()
            .Where(c => c.BlockedAt != null && units.Contains(c.UnitCode))
            .OrderByDescending(c => c.BlockedAt)
            .Select(c => new BlockedCase(c.Id, c.Number, c.UnitCode, c.BlockedAt!.Value, c.PersonalDataDeletedAt))
            .ToListAsync(cancellationToken);
        Runs = await db.RetentionRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(RunsShown).ToListAsync(cancellationToken);
    }

    /// <summary>How a case ended, as the closing form says it.</summary>
    public static string EndingTitle(string ending) =>
        CloseOutcomeNames.FromWireName(ending) is { } outcome ? Cases.Close.Close.Outcomes.Single(o => o.Outcome == outcome).Label : "Avbrutt";

    /// <summary>"365 dager (om lag 1 år)".</summary>
    public static string Duration(TimeSpan period) =>
        period.TotalDays >= 365 ? $"{period.TotalDays:0} dager (om lag {period.TotalDays / 365:0.#} år)"
        : period.TotalDays >= 1 ? $"{period.TotalDays:0.#} dager"
        : $"{period.TotalHours:0.#} timer";

    public sealed record BlockedCase(Guid Id, long Number, string UnitCode, DateTimeOffset BlockedAt, DateTimeOffset? PersonalDataDeletedAt);
}
