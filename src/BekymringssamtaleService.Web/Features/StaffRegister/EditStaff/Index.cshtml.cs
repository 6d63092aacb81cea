using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BekymringssamtaleService.Web.Features.StaffRegister.EditStaff;

/// <summary>
/// One member of staff (/admin/ansatte/{staffId}): their details, roles and units, the identity-provider subject they
/// sign in with, and whether they are active. Each form carries the version of the person shown; a person changed
/// meanwhile answers 409 with nothing saved. A person the Admin does not manage is the same 404 as none.
/// </summary>
[ForRoles(Role.Admin)]
public sealed class IndexModel(ServiceDbContext db, StaffRegisterChanges changes) : PageModel
{
    [BindProperty]
    public StaffDetailsForm Input { get; set; } = new();

    [BindProperty]
    public SubjectForm Subject { get; set; } = new();

    /// <summary>The version of the person the form was shown with.</summary>
    [BindProperty]
    public uint? Version { get; set; }

    [TempData(Key = StaffRegisterPages.NoticeKey)]
    public string? Notice { get; set; }

    public string? Refusal { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public StaffMember Staff { get; private set; } = null!;

    public bool IsSelf { get; private set; }

    public StaffFieldsView Fields { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string staffId, CancellationToken cancellationToken) =>
        await ShowAsync(staffId, keepInput: false, cancellationToken);

    public async Task<IActionResult> OnPostAsync(string staffId, CancellationToken cancellationToken) =>
        await AnswerAsync(staffId, await changes.ChangeDetailsAsync(User, staffId, Input, Version, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostLinkAsync(string staffId, CancellationToken cancellationToken) =>
        await AnswerAsync(staffId, await changes.LinkSubjectAsync(User, staffId, Subject, Version, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostUnlinkAsync(string staffId, CancellationToken cancellationToken) =>
        await AnswerAsync(staffId, await changes.UnlinkSubjectAsync(User, staffId, Version, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostDeactivateAsync(string staffId, CancellationToken cancellationToken) =>
        await AnswerAsync(staffId, await changes.DeactivateAsync(User, staffId, Version, cancellationToken), cancellationToken);

    public async Task<IActionResult> OnPostReactivateAsync(string staffId, CancellationToken cancellationToken) =>
        await AnswerAsync(staffId, await changes.ReactivateAsync(User, staffId, Version, cancellationToken), cancellationToken);

    public string[] ErrorsOf(string field) => Errors.GetValueOrDefault(field, []);

    private async Task<IActionResult> AnswerAsync(string staffId, RegisterResult result, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case RegisterResult.Done done:
                Notice = done.Notice;
                return Redirect($"/admin/ansatte/{Uri.EscapeDataString(staffId)}");
            case RegisterResult.Invalid invalid:
                Errors = invalid.Errors;
                return await ShowAsync(staffId, keepInput: true, cancellationToken);
            case RegisterResult.Refused refused:
                Refusal = refused.Reason;
                Response.StatusCode = StatusCodes.Status409Conflict;
                // The person as they are now, so the Admin sees what someone else changed.
                return await ShowAsync(staffId, keepInput: false, cancellationToken);
            default:
                return NotFound();
        }
    }

    private async Task<IActionResult> ShowAsync(string staffId, bool keepInput, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var (scope, staff) = await changes.OpenAsync(User, staffId, cancellationToken);
        if (staff is null)
        {
            return NotFound();
        }

        Staff = staff;
        IsSelf = scope.IsSelf(staff);
        Version = staff.Version;
        if (!keepInput)
        {
            Input = new StaffDetailsForm
            {
                DisplayName = staff.DisplayName,
                Email = staff.Email,
                Roles = [.. staff.Roles.Select(role => role.ToString())],
                Units = [.. staff.UnitCodes],
            };
            Subject = new SubjectForm();
        }

        Fields = new StaffFieldsView(
            Input,
            Errors,
            await StaffRegisterPages.UnitChoicesAsync(db, scope, staff.UnitCodes, cancellationToken),
            await StaffRegisterPages.UnitsOutsideScopeAsync(db, scope, staff.UnitCodes, cancellationToken),
            Locked: IsSelf);
        return Page();
    }
}
