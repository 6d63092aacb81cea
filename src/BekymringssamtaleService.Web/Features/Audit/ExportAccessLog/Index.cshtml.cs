using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace BekymringssamtaleService.Web.Features.Audit.ExportAccessLog;

/// <summary>
/// The search of /revisjon/tilgangslogg as a CSV file (see <see cref="AccessLogCsv"/>), every matching entry, logged
/// as an export. A search with errors is answered with the search page, which shows them.
/// </summary>
[ForRoles(Role.Auditor)]
public sealed class IndexModel(AccessLogSearch search) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "bruker")]
    public string? StaffId { get; set; }

    [BindProperty(SupportsGet = true, Name = "sak")]
    public string? CaseId { get; set; }

    [BindProperty(SupportsGet = true, Name = "fra")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "til")]
    public string? To { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (criteria, _) = AccessLogCriteria.Read(StaffId, CaseId, From, To);
        if (criteria is null)
        {
            return RedirectToPage("/Audit/SearchAccessLog/Index", new { bruker = StaffId, sak = CaseId, fra = From, til = To });
        }

        Response.ContentType = AccessLogCsv.ContentType;
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = "tilgangslogg.csv" }.ToString();
        await AccessLogCsv.WriteAsync(Response.Body, search.ExportAsync(User, criteria, cancellationToken), cancellationToken);
        return new EmptyResult();
    }
}
