using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.LettersByPost;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Tasks;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Diagrams;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>One case: who and what it is about, the steps the reader may take now, its tasks, where it stands in its workflow, its timeline and its letters as sent.</summary>
public sealed class IndexModel(CaseReader reader, MarkLetterPosted markPosted, WorkflowCatalog catalog) : PageModel
{
    public const string NoticeKey = "Melding";

    public CaseDetails Case { get; private set; } = null!;
    public IReadOnlyList<TimelineItem> Timeline { get; private set; } = [];
    public IReadOnlyList<LetterView> Letters { get; private set; } = [];
    public IReadOnlyList<TaskDetails> Tasks { get; private set; } = [];

    /// <summary>The case's workflow as Mermaid text, with the step the case stands in highlighted.</summary>
    public string Diagram { get; private set; } = "";

    [TempData(Key = NoticeKey)]
    public string? Notice { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var read = await reader.PageAsync(User, HttpContext.CaseAtHand(), cancellationToken);
        Case = read.Details;
        Timeline = read.Timeline;
        Letters = read.Letters;
        Tasks = read.Tasks;
        Diagram = MermaidDiagram.Render(catalog.Get(CaseWorkflow.Name), Case.State);
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

/// <summary>The case's tasks as its page lists them (_CaseTasks.cshtml), read with the case.</summary>
public sealed record CaseTasksModel(Guid CaseId, IReadOnlyList<TaskDetails> Tasks);
