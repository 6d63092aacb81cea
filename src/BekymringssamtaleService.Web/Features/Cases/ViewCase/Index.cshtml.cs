using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>One case: who and what it is about, the steps the reader may take now, its timeline and its letters as sent.</summary>
public sealed class IndexModel(CaseReader reader) : PageModel
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
}
