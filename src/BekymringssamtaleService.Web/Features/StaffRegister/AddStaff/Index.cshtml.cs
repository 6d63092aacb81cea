using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.StaffRegister.AddStaff;

/// <summary>Adds a member of staff (/admin/ansatte/ny) with roles and units among the Admin's own.</summary>
[ForRoles(Role.Admin)]
public sealed class IndexModel(ServiceDbContext db, StaffRegisterChanges changes) : PageModel
{
    [BindProperty]
    public StaffDetailsForm Input { get; set; } = new();

    [TempData(Key = StaffRegisterPages.NoticeKey)]
    public string? Notice { get; set; }

    public StaffFieldsView Fields { get; private set; } = null!;

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await ShowAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        switch (await changes.AddAsync(User, Input, cancellationToken))
        {
            case RegisterResult.Done done:
                Notice = done.Notice;
                return Redirect("/admin/ansatte");
            case RegisterResult.Invalid invalid:
                Errors = invalid.Errors;
                break;
        }

        await ShowAsync(cancellationToken);
        return Page();
    }

    public string[] ErrorsOf(string field) => Errors.GetValueOrDefault(field, []);

    private async Task ShowAsync(CancellationToken cancellationToken)
    {
        var scope = await AdminScope.LoadAsync(db, User, cancellationToken);
        Fields = new StaffFieldsView(Input, Errors, await StaffRegisterPages.UnitChoicesAsync(db, scope, held: [], cancellationToken), [], Locked: false);
    }
}
