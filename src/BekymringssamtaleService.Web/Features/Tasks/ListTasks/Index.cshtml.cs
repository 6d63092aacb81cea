using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace BekymringssamtaleService.Web.Features.Tasks.ListTasks;

/// <summary>The open tasks of the user's units (/oppgaver), overdue first; filtered to the user's own, to one unit, to the overdue.</summary>
public sealed class IndexModel(TaskList list) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "mine")]
    public bool OnlyMine { get; set; }

    [BindProperty(SupportsGet = true, Name = "enhet")]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "forfalt")]
    public bool OnlyOverdue { get; set; }

    [BindProperty(SupportsGet = true, Name = "etter")]
    public string? After { get; set; }

    [TempData(Key = Cases.ViewCase.IndexModel.NoticeKey)]
    public string? Notice { get; set; }

    public TaskPage Tasks { get; private set; } = new([], null);
    public IReadOnlyList<string> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Units = CaseAccess.ListableUnits(User);
        // A cursor that cannot be read starts from the first page: it only ever comes from this page's own link.
        var cursor = TaskCursor.TryParse(After, out var after) ? after : null;
        Tasks = await list.ListAsync(User, new TaskFilter(OnlyMine, string.IsNullOrWhiteSpace(Unit) ? null : Unit, OnlyOverdue, cursor, null), cancellationToken);
        return Page();
    }

    public string NextPageHref(string cursor) =>
        QueryHelpers.AddQueryString("/oppgaver", new Dictionary<string, string?>
        {
            ["mine"] = OnlyMine ? "true" : null,
            ["enhet"] = string.IsNullOrWhiteSpace(Unit) ? null : Unit,
            ["forfalt"] = OnlyOverdue ? "true" : null,
            ["etter"] = cursor,
        }.Where(pair => pair.Value is not null));
}
