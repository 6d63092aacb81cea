using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using BekymringssamtaleService.Web.Letters;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Incidents;

/// <summary>The administrator's list of failed workflow activities and letters that did not get through, with retry.</summary>
[Authorize(Policy = Policies.Admin)]
[OutsideCaseScope("Hendelsene er forvalterens (Admin-policyen avgjør) og viser saksnummer og steg, ikke saksinnhold.")]
public sealed class IndexModel(ActivityExecutions executions, ServiceDbContext db, LetterDelivery delivery) : PageModel
{
    public IReadOnlyList<Incident> Incidents { get; private set; } = [];

    /// <summary>Letters whose every attempt failed (no names or addresses: the case number says where to look).</summary>
    public IReadOnlyList<LetterIncident> FailedLetters { get; private set; } = [];

    /// <summary>Letters that failed for a passing reason and will be tried again by themselves.</summary>
    public IReadOnlyList<LetterIncident> DelayedLetters { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Incidents = await executions.IncidentsAsync(cancellationToken);
        var troubled = await db.Letters.AsNoTracking()
            .Where(letter => letter.Status == LetterStatus.Failed || (letter.Status == LetterStatus.Pending && letter.Attempts > 0))
            .Join(db.Cases, letter => letter.CaseId, concernCase => concernCase.Id, (letter, concernCase) => new { letter, concernCase.Number })
            .OrderBy(row => row.letter.CreatedAt)
            .Take(500)
            .ToListAsync(cancellationToken);
        var incidents = troubled.Select(row => new LetterIncident(
            row.letter.Id, CaseNumbers.Format(row.Number), row.letter.Kind, row.letter.Status, row.letter.Attempts, row.letter.ServerReply, row.letter.NextAttemptAt, row.letter.CreatedAt)).ToList();
        FailedLetters = [.. incidents.Where(letter => letter.Status == LetterStatus.Failed)];
        DelayedLetters = [.. incidents.Where(letter => letter.Status == LetterStatus.Pending)];
    }

    public async Task<IActionResult> OnPostRetryLetterAsync(Guid letterId, CancellationToken cancellationToken)
    {
        Message = await delivery.RetryFailedAsync(letterId, cancellationToken)
            ? "Brevet er lagt i kø for sending på nytt."
            : "Brevet var allerede sendt eller lagt i kø.";
        return RedirectToPage();
    }

    public sealed record LetterIncident(
        Guid Id, string CaseNumber, LetterKind Kind, LetterStatus Status, int Attempts, string? LastFailure, DateTimeOffset? NextAttemptAt, DateTimeOffset CreatedAt);

    public async Task<IActionResult> OnPostRetryAsync(Guid executionId, CancellationToken cancellationToken)
    {
        Message = await executions.RetryIncidentAsync(executionId, cancellationToken)
            ? "Aktiviteten prøves på nytt i løpet av få sekunder."
            : "Aktiviteten var allerede prøvd på nytt eller løst.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResolveAsync(Guid executionId, CancellationToken cancellationToken)
    {
        var resolved = await executions.ResolveIncidentAsync(executionId, new Actor(User.StaffId(), [.. User.Roles().Select(role => role.ToString())]), cancellationToken);
        Message = resolved ? "Hendelsen er markert som løst." : "Hendelsen var allerede løst.";
        return RedirectToPage();
    }
}
