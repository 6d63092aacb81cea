using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Forms;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Register;

/// <summary>The registration page (/saker/ny): posts the same request as POST /api/v1/cases to the same handler.</summary>
[OutsideCaseScope("Enheten velges i skjemaet: RegisterCase avgjør rolle × enhet (CaseAccess.ToRegister) når det er lest.")]
public sealed class IndexModel(RegisterCase register, ServiceDbContext db) : PageModel
{
    public CaseFormView Form { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.IsInRole(nameof(Domain.Staff.Role.Officer)))
        {
            return Forbid();
        }

        Form = await FormAsync(null, new Dictionary<string, string[]>(), cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var fields = await FieldsAsync(cancellationToken);
        var (request, formErrors) = CaseForm.Read(fields, Request.Form, typeof(RegisterCaseRequest));
        if (request is null)
        {
            Form = await FormAsync(Request.Form, formErrors, cancellationToken);
            return Page();
        }

        switch (await register.HandleAsync(User, (RegisterCaseRequest)request, cancellationToken))
        {
            case StepResult.Done done:
                TempData[ViewCase.IndexModel.NoticeKey] = "Bekymringen er registrert.";
                return Redirect($"/saker/{done.CaseId}");
            case StepResult.Invalid invalid:
                Form = await FormAsync(Request.Form, invalid.Errors, cancellationToken);
                return Page();
            default:
                return Forbid();
        }
    }

    private async Task<CaseFormView> FormAsync(IFormCollection? posted, IReadOnlyDictionary<string, string[]> errors, CancellationToken cancellationToken) =>
        new(await FieldsAsync(cancellationToken), posted, errors, CaseFormChoices.None, "Registrer");

    private async Task<IReadOnlyList<FormField>> FieldsAsync(CancellationToken cancellationToken)
    {
        var unitCodes = User.UnitCodes();
        var units = await db.Units.AsNoTracking()
            .Where(unit => unitCodes.Contains(unit.Code) && unit.DeactivatedAt == null)
            .OrderBy(unit => unit.Name)
            .Select(unit => new Choice(unit.Code, unit.Name))
            .ToListAsync(cancellationToken);
        return RegisterCaseForm.Fields(units);
    }
}
