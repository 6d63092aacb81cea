using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Statistics.ViewStatistics;

/// <summary>A Lead's anonymous statistics of one of their units over a range of months, as charts and tables.</summary>
[ForRoles(Role.Lead)]
public sealed class IndexModel(ServiceDbContext db, UnitStatistics statistics, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "enhet")]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true, Name = "fra")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "til")]
    public string? To { get; set; }

    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();
    public StatisticsRequest? Chosen { get; private set; }
    public UnitFigures? Figures { get; private set; }

    public string UnitName => Units.FirstOrDefault(unit => unit.Code == Chosen?.Unit).Name ?? Chosen?.Unit ?? "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Units = await StatisticsUnits.OfAsync(db, User, cancellationToken);
        var (request, errors) = StatisticsRequest.Read(User, Unit, From, To, OsloTime.Today(time.GetUtcNow()));
        Errors = errors;
        Chosen = request;
        if (request is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Unit = request.Unit;
        From = request.From.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        To = request.To.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
        Figures = await statistics.ReadAsync(User, request.Unit, request.From, request.To, "read-statistics", cancellationToken);
        return Page();
    }

    public string? Value(string input) => input switch
    {
        "enhet" => Unit,
        "fra" => From,
        _ => To,
    };
}
