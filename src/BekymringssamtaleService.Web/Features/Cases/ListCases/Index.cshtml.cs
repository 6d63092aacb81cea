using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace BekymringssamtaleService.Web.Features.Cases.ListCases;

/// <summary>The officer's worklist: cases of their units, newest first, filtered by step, unit and own cases.</summary>
public sealed class IndexModel(CaseList list, WorkflowCatalog catalog) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "steg")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "enhet")]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "mine")]
    public bool OnlyMine { get; set; }

    [BindProperty(SupportsGet = true, Name = "etter")]
    public long? After { get; set; }

    public CasePage Cases { get; private set; } = new([], null);
    public IReadOnlyList<(string Name, string Title)> States { get; private set; } = [];
    public IReadOnlyList<string> Units { get; private set; } = [];
    public bool MayRegister { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Units = CaseAccess.ListableUnits(User);
        States = [.. catalog.Get(CaseWorkflow.Name).States.Select(state => (state.Name, state.Title))];
        MayRegister = User.IsInRole(nameof(Domain.Staff.Role.Officer));
        var officer = OnlyMine ? User.StaffId() : null;
        Cases = await list.ListAsync(User, new CaseFilter(Blank(State), Blank(Unit), officer, null, After, null), cancellationToken);
        return Page();
    }

    public string NextPageHref(long cursor) =>
        QueryHelpers.AddQueryString("/saker", new Dictionary<string, string?>
        {
            ["steg"] = Blank(State),
            ["enhet"] = Blank(Unit),
            ["mine"] = OnlyMine ? "true" : null,
            ["etter"] = cursor.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(pair => pair.Value is not null));

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
