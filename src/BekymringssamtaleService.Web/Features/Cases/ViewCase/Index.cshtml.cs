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

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var atHand = HttpContext.CaseAtHand();
        Case = await reader.DetailsAsync(User, atHand, cancellationToken);
        Timeline = await reader.TimelineAsync(User, atHand, cancellationToken);
        Letters = await reader.LettersAsync(User, atHand, cancellationToken);
    }

    /// <summary>The officer has posted a printed letter: the same handler as POST /api/v1/cases/{id}/letters/{letterId}/mark-posted.</summary>
    public async Task<IActionResult> OnPostMarkPostedAsync(Guid id, Guid letterId, CancellationToken cancellationToken)
    {
        switch (await markPosted.HandleAsync(User, HttpContext.CaseAtHand(), letterId, cancellationToken))
        {
            case LetterByPostResult.Posted posted:
                Notice = $"Brevet er markert som postlagt {Domain.Time.OsloTime.Format(posted.PostedAt)} av {posted.PostedBy}.";
                return RedirectToPage(new { id });
            case LetterByPostResult.SentByEmail:
                Notice = LetterByPostResult.SentByEmailReason;
                return RedirectToPage(new { id });
            default:
                return NotFound();
        }
    }
}
