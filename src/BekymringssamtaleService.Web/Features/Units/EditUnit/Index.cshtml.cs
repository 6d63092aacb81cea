using BekymringssamtaleService.Domain.Resources;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Units;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.StaffRegister;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Units.UnitResources;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Units.EditUnit;

/// <summary>
/// One of the Admin's units (/admin/enheter/{unitCode}): rename, deactivate, reactivate, each with the version of the
/// unit shown (changed meanwhile: 409, nothing saved); its rooms and interpreters added and taken out of use and back.
/// Another unit is the same 404 as none.
/// </summary>
[ForRoles(Role.Admin)]
public sealed class IndexModel(ServiceDbContext db, UnitRegisterChanges changes, UnitResourceChanges resources) : PageModel
{
    [BindProperty]
    public RenameUnitForm Input { get; set; } = new();

    [BindProperty]
    public NewResourceForm Resource { get; set; } = new();

    [BindProperty]
    public Guid? ResourceId { get; set; }

    public IReadOnlyList<BookableResource> Resources { get; private set; } = [];

    [BindProperty]
    public uint? Version { get; set; }

    [TempData(Key = StaffRegisterPages.NoticeKey)]
    public string? Notice { get; set; }

    public string? Refusal { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public Unit Unit { get; private set; } = null!;

    public int OpenCases { get; private set; }

    public int ActiveStaff { get; private set; }

    public async Task<IActionResult> OnGetAsync(string unitCode, CancellationToken cancellationToken) =>
        await ShowAsync(unitCode, keepInput: false, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string unitCode, CancellationToken cancellationToken) =>
        await AnswerAsync(unitCode, await changes.RenameAsync(User, unitCode, Input, Version, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeactivateAsync(string unitCode, CancellationToken cancellationToken) =>
        await AnswerAsync(unitCode, await changes.DeactivateAsync(User, unitCode, Version, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(string unitCode, CancellationToken cancellationToken) =>
        await AnswerAsync(unitCode, await changes.ReactivateAsync(User, unitCode, Version, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostAddResourceAsync(string unitCode, CancellationToken cancellationToken) =>
        await AnswerAsync(unitCode, await resources.AddAsync(User, unitCode, Resource, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeactivateResourceAsync(string unitCode, CancellationToken cancellationToken) =>
        await AnswerAsync(unitCode, await resources.SetInUseAsync(User, unitCode, ResourceId ?? Guid.Empty, inUse: false, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostReactivateResourceAsync(string unitCode, CancellationToken cancellationToken) =>
        await AnswerAsync(unitCode, await resources.SetInUseAsync(User, unitCode, ResourceId ?? Guid.Empty, inUse: true, cancellationToken), cancellationToken);

    public string[] ErrorsOf(string field) => Errors.GetValueOrDefault(field, []);

    /// <summary>Errors of the form that adds a room or an interpreter: they get the page's error summary.</summary>
    public bool ResourceFormHasErrors => ErrorsOf("kind").Length + ErrorsOf("resourceName").Length > 0;

    private async Task<IActionResult> AnswerAsync(string unitCode, RegisterResult result, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case RegisterResult.Done done:
                Notice = done.Notice;
                return Redirect($"/admin/enheter/{Uri.EscapeDataString(unitCode)}");
            case RegisterResult.Invalid invalid:
                Errors = invalid.Errors;
                // The rename form keeps what was typed in it; a refused room or interpreter leaves the unit's name as it is.
                return await ShowAsync(unitCode, keepInput: invalid.Errors.ContainsKey("name"), cancellationToken);
            case RegisterResult.Refused refused:
                Refusal = refused.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await ShowAsync(unitCode, keepInput: false, cancellationToken);
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> ShowAsync(string unitCode, bool keepInput, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        if (await changes.OpenAsync(User, unitCode, cancellationToken) is not { } unit)
        {
            return NotFound();
        }

        Unit = unit;
        Version = unit.Version;
        if (!keepInput)
        {
            Input = new RenameUnitForm { Name = unit.Name };
        }

        OpenCases = await db.WorkflowInstances.CountAsync(
            i => i.UnitCode == unit.Code && i.State != CaseWorkflow.Closed && i.State != CaseWorkflow.Cancelled, cancellationToken);
        ActiveStaff = await db.StaffMembers.CountAsync(s => s.DeactivatedAt == null && s.UnitCodes.Contains(unit.Code), cancellationToken);
        Resources = await resources.ListAsync(User, unit.Code, cancellationToken) ?? [];
        return Page();
    }
}
