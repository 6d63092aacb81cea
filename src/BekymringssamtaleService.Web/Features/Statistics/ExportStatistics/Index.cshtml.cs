using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Net.Http.Headers;

namespace BekymringssamtaleService.Web.Features.Statistics.ExportStatistics;

/// <summary>
/// The statistics of /statistikk as a CSV file, the same rows with the same hidden counts, logged as an export. A
/// request with errors is answered with the statistics page, which shows them.
/// </summary>
[ForRoles(Role.Lead)]
public sealed class IndexModel(ServiceDbContext db, UnitStatistics statistics, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "enhet")]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "fra")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "til")]
    public string? To { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var (request, _) = StatisticsRequest.Read(User, Unit, From, To, OsloTime.Today(time.GetUtcNow()));
        if (request is null)
        {
            return RedirectToPage("/Statistics/ViewStatistics/Index", new { enhet = Unit, fra = From, til = To });
        }

        var units = await StatisticsUnits.OfAsync(db, User, cancellationToken);
        var figures = await statistics.ReadAsync(User, request.Unit, request.From, request.To, "export-statistics", cancellationToken);
        var unitName = units.FirstOrDefault(unit => unit.Code == request.Unit).Name ?? request.Unit;
        var csv = StatisticsCsv.Encoding.GetPreamble().Concat(StatisticsCsv.Encoding.GetBytes(StatisticsCsv.Write(unitName, request, figures))).ToArray();
        Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileNameStar = $"statistikk-{request.Unit.ToLowerInvariant()}.csv" }.ToString();
        return File(csv, "text/csv; charset=utf-8");
    }
}
