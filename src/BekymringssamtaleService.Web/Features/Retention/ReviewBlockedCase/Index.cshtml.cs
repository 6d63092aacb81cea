using System.ComponentModel.DataAnnotations;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Retention.ReviewBlockedCase;

/// <summary>
/// A blocked case (sperret), read by an Admin of its unit who first states why: the purpose goes to the access log with
/// every read (<see cref="AccessPurpose.BlockedCaseReview"/>). Anyone else, and any case that is not blocked, gets 404.
/// </summary>
[Authorize(Policy = Policies.Admin)]
[OutsideCaseScope("En sperret sak er utenfor saksomfanget for alle; CaseGate.OpenBlockedForReviewAsync slipper bare en forvalter i sakens enhet fram, og lesingen krever oppgitt formål.")]
public sealed class IndexModel(CaseGate gate, CaseReader reader) : PageModel
{
    [BindProperty]
    public BlockedCaseReviewRequest Input { get; set; } = new();

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>Null until a purpose is stated.</summary>
    public CaseDetails? Case { get; private set; }

    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    public IReadOnlyList<LetterView> Letters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await gate.OpenBlockedForReviewAsync(User, id, cancellationToken) is null ? NotFound() : Page();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await gate.OpenBlockedForReviewAsync(User, id, cancellationToken) is not { } atHand)
        {
            return NotFound();
        }

        var errors = RequestRules.Check(Input).ToDictionary();
        if (string.IsNullOrWhiteSpace(Input.Purpose))
        {
            errors["purpose"] = ["Skriv hvorfor du må lese den sperrede saken."];
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var purpose = new CaseReadPurpose(AccessPurpose.BlockedCaseReview, Input.Purpose!.Trim());
        var read = await reader.PageAsync(User, atHand, cancellationToken, purpose);
        Case = read.Details;
        Timeline = read.Timeline;
        Letters = read.Letters;
        return Page();
    }
}

public sealed class BlockedCaseReviewRequest
{
    /// <summary>Why the blocked case must be read, in the Admin's own words; goes to the access log, so no case content.</summary>
    [MaxLength(500)]
    [FreeText]
    public string? Purpose { get; set; }
}
