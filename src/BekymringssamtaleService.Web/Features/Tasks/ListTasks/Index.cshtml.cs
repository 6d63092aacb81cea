using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Tasks.ListTasks;

/// <summary>The open tasks of the user's units (/oppgaver), overdue first; filtered to the user's own, to one unit, to the overdue.</summary>
public sealed class IndexModel(TaskList list, ServiceDbContext db) : PageModel
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
    /// <summary>The user's units for the filter: the code to filter by, the name to show.</summary>
    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var codes = CaseAccess.ListableUnits(User);
        var names = await db.Units.AsNoTracking().Where(unit => codes.Contains(unit.Code)).ToDictionaryAsync(unit => unit.Code, unit => unit.Name, cancellationToken);
        Units = [.. codes.Select(code => (code, names.GetValueOrDefault(code, code))).OrderBy(unit => unit.Item2, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), false))];
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
