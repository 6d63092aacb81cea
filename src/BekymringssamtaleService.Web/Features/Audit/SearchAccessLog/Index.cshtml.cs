using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace BekymringssamtaleService.Web.Features.Audit.SearchAccessLog;

/// <summary>
/// The access log for auditors (/revisjon/tilgangslogg): search by staff id, case and period, newest first, and
/// export the same search as CSV. The gate answers any other role with the 404 of a page that does not exist.
/// </summary>
[ForRoles(Role.Auditor)]
public sealed class IndexModel(AccessLogSearch search) : PageModel
{
    /// <summary>The form's fields: the query's Norwegian name, the API's name (the errors' key), the label.</summary>
    public static readonly IReadOnlyList<(string Input, string Field, string Label)> Fields =
    [
        ("bruker", "user", "Ansatt-ID"),
        ("sak", "caseId", "Sakens ID"),
        ("fra", "from", "Fra og med dato"),
        ("til", "to", "Til og med dato"),
    ];

    [BindProperty(SupportsGet = true, Name = "bruker")]
    public string? StaffId { get; set; }

    [BindProperty(SupportsGet = true, Name = "sak")]
    public string? CaseId { get; set; }

    [BindProperty(SupportsGet = true, Name = "fra")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "til")]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true, Name = "etter")]
    public string? After { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public AccessLogPage? Entries { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (criteria, errors) = AccessLogCriteria.Read(StaffId, CaseId, From, To);
        if (criteria is null)
        {
            Errors = errors;
            return Page();
        }

        // A cursor that cannot be read starts from the first page: it only ever comes from this page's own link.
        var cursor = AccessLogCursor.TryParse(After, out var after) ? after : null;
        Entries = await search.SearchAsync(User, criteria, cursor, limit: null, cancellationToken);
        return Page();
    }

    public string? Value(string input) => input switch
    {
        "bruker" => StaffId,
        "sak" => CaseId,
        "fra" => From,
        "til" => To,
        _ => null,
    };

    public string[] ErrorsOf(string field) => Errors.GetValueOrDefault(field, []);

    public string NextPageHref(string cursor) => Href("/revisjon/tilgangslogg", cursor);

    /// <summary>The same search as CSV (every page of it).</summary>
    public string ExportHref => Href("/revisjon/tilgangslogg.csv", cursor: null);

    private string Href(string path, string? cursor) =>
        QueryHelpers.AddQueryString(path, new Dictionary<string, string?>
        {
            ["bruker"] = StaffId,
            ["sak"] = CaseId,
            ["fra"] = From,
            ["til"] = To,
            ["etter"] = cursor,
        }.Where(pair => !string.IsNullOrWhiteSpace(pair.Value)));
}
