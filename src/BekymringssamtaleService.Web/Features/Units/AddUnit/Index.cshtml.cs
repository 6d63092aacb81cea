using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Units;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.StaffRegister;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.Units.AddUnit;

/// <summary>Adds a unit (/admin/enheter/ny) to a police district the Admin has a unit in.</summary>
[ForRoles(Role.Admin)]
public sealed class IndexModel(ServiceDbContext db, UnitRegisterChanges changes) : PageModel
{
    [BindProperty]
    public NewUnitForm Input { get; set; } = new();

    [TempData(Key = StaffRegisterPages.NoticeKey)]
    public string? Notice { get; set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public IReadOnlyList<PoliceDistrict> Districts { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await changes.AddAsync(User, Input, cancellationToken))
        {
            case RegisterResult.Done done:
                Notice = done.Notice;
                return Redirect("/admin/enheter");
            case RegisterResult.Invalid invalid:
                Errors = invalid.Errors;
                break;
            case RegisterResult.Refused refused:
                Errors = new Dictionary<string, string[]> { ["code"] = [refused.Reason] };
                Response.StatusCode = StatusCodes.Status409Conflict;
                break;
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    public string[] ErrorsOf(string field) => Errors.GetValueOrDefault(field, []);

    private async Task ShowAsync(CancellationToken cancellationToken) =>
        Districts = await changes.DistrictsAsync(await AdminScope.LoadAsync(db, User, cancellationToken), cancellationToken);
}
