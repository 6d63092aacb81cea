using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.LettersByPost;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>One case: who and what it is about, the steps the reader may take now, its timeline and its letters as sent.</summary>
public sealed class IndexModel(CaseReader reader, MarkLetterPosted markPosted) : PageModel
{
    public const string NoticeKey = "Melding";

    public CaseDetails Case { get; private set; } = null!;
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    public IReadOnlyList<LetterView> Letters { get; private set; } = [];

    [TempData(Key = NoticeKey)]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var (decision, details) = await reader.DetailsAsync(User, id, cancellationToken);
        if (decision == CaseAccessDecision.Forbidden)
        {
            return Forbid();
        }

        if (details is null)
        {
            return NotFound();
        }

        Case = details;
        (_, Timeline) = await reader.TimelineAsync(User, id, cancellationToken);
        (_, Letters) = await reader.LettersAsync(User, id, cancellationToken);
        return Page();
    }

    /// <summary>The officer has posted a printed letter: the same handler as POST /api/v1/cases/{id}/letters/{letterId}/mark-posted.</summary>
    public async Task<IActionResult> OnPostMarkPostedAsync(Guid id, Guid letterId, CancellationToken cancellationToken)
    {
        switch (await markPosted.HandleAsync(User, id, letterId, cancellationToken))
        {
            case LetterByPostResult.Posted posted:
                Notice = $"Brevet er markert som postlagt {Domain.Time.OsloTime.Format(posted.PostedAt)} av {posted.PostedBy}.";
                return RedirectToPage(new { id });
            case LetterByPostResult.SentByEmail:
                Notice = LetterByPostResult.SentByEmailReason;
                return RedirectToPage(new { id });
            case LetterByPostResult.Forbidden:
                return Forbid();
            default:
                return NotFound();
        }
    }
}
