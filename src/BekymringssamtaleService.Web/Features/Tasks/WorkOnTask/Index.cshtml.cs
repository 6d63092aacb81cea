using System.Globalization;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Tasks.WorkOnTask;

/// <summary>
/// One task (/oppgaver/{id}): what it is and who has it, and the forms to take it, complete it (with a note, and its
/// date where it asks for one), give it to someone in the unit, or cancel it with a reason — posted through the same
/// handler as the API. After a change the user returns to where they came from (the case or the task list).
/// </summary>
public sealed class IndexModel(TaskReader reader, TaskWork work, ServiceDbContext db) : PageModel
{
    public const string NoticeKey = Cases.ViewCase.IndexModel.NoticeKey;

    public TaskDetails Details { get; private set; } = null!;

    /// <summary>Who the task may be given to: staff of its unit holding its role.</summary>
    public IReadOnlyList<(string Id, string Name)> Colleagues { get; private set; } = [];

    /// <summary>Which form the errors belong to ("fullfor", "gi-videre", "avbryt"), and the errors by field.</summary>
    public string? FormWithErrors { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Refusal { get; private set; }

    [TempData(Key = NoticeKey)]
    public string? Notice { get; set; }

    /// <summary>Where to go after a change: the page the user came from (the task list, the case); only a local path is followed.</summary>
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string[] ErrorsOf(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    public string? Posted(string field) => Request.HasFormContentType ? Request.Form[field].ToString() : null;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await ShowAsync(id, cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostClaimAsync(Guid id, CancellationToken cancellationToken) =>
        await AnswerAsync(id, null, await work.ClaimAsync(User, id, cancellationToken), "Du har tatt oppgaven.", cancellationToken);

    public async Task<IActionResult> OnPostAssignAsync(Guid id, CancellationToken cancellationToken) =>
        await AnswerAsync(id, "gi-videre", await work.AssignAsync(User, id, PostedRequest.Read(new AssignTaskRequest { StaffId = Blank(Request.Form["staffId"]) }), cancellationToken),
            "Oppgaven er gitt videre.", cancellationToken);

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken cancellationToken)
    {
        var date = Blank(Request.Form["date"]);
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            var unreadable = PostedRequest.Unreadable(new Dictionary<string, string[]> { ["date"] = ["Datoen er ikke gyldig."] });
            return await AnswerAsync(id, "fullfor", await work.CompleteAsync(User, id, unreadable, cancellationToken), "", cancellationToken);
        }

        var request = new CompleteTaskRequest
        {
            Note = Blank(Request.Form["note"]),
            Date = date is null ? null : DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        return await AnswerAsync(id, "fullfor", await work.CompleteAsync(User, id, PostedRequest.Read(request), cancellationToken), "Oppgaven er fullført.", cancellationToken);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, CancellationToken cancellationToken) =>
        await AnswerAsync(id, "avbryt", await work.CancelAsync(User, id, PostedRequest.Read(new CancelTaskRequest { Reason = Blank(Request.Form["reason"]) }), cancellationToken),
            "Oppgaven er avbrutt.", cancellationToken);

    private async Task<IActionResult> AnswerAsync(Guid id, string? form, TaskResult result, string notice, CancellationToken cancellationToken)
    {
        switch (result)
        {
            case TaskResult.Done done:
                Notice = $"{done.Task.Title}: {notice}";
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : $"/oppgaver/{id}");
            case TaskResult.NotFound:
                return NotFound();
            case TaskResult.Forbidden:
                return Forbid();
            case TaskResult.Invalid invalid:
                (FormWithErrors, Errors) = (form, invalid.Errors);
                break;
            case TaskResult.Refused refused:
                Refusal = refused.Reason;
                break;
        }

        // The task is shown again, with the form's errors or the refusal: that is a read of it.
        return await ShowAsync(id, cancellationToken) ?? Page();
    }

    private async Task<IActionResult?> ShowAsync(Guid id, CancellationToken cancellationToken)
    {
        var (decision, details) = await reader.ReadAsync(User, id, cancellationToken);
        if (decision == CaseAccessDecision.Forbidden)
        {
            return Forbid();
        }

        if (details is null)
        {
            return NotFound();
        }

        Details = details;
        if (details.MayAssign)
        {
            var task = details.Task;
            var role = Enum.Parse<Role>(task.CandidateRole);
            Colleagues = [.. (await db.StaffMembers.AsNoTracking()
                    .Where(staff => staff.UnitCodes.Contains(task.UnitCode) && staff.Roles.Contains(role))
                    .OrderBy(staff => staff.DisplayName)
                    .Select(staff => new { staff.Id, staff.DisplayName })
                    .ToListAsync(cancellationToken))
                .Select(staff => (staff.Id, staff.DisplayName))];
        }

        return null;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
