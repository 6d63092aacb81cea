using System.Globalization;
using System.Security.Claims;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Tasks.WorkOnTask;

/// <summary>
/// A person's work on one task — claim, assign, complete, cancel — the same way for the page and the API: (1) the gate,
/// role × the task's unit, before the request is looked at (another unit's task and a missing one get the same
/// answer); (2) the request's field errors; (3) the engine's change under a row lock, with the access-log row (no
/// content) in its transaction. Who may do what is the engine's rule: a candidate claims, the assignee or the Lead
/// assigns, the assignee or a candidate completes, any of them cancels.
/// </summary>
public sealed class TaskWork(ServiceDbContext db, UserTasks tasks, TaskViews views, IEnumerable<ICaseStep> steps, TimeProvider time)
{
    public const int NoteLength = FieldErrors.LongText;

    private const string NotOpen = "Oppgaven er ikke lenger åpen: den er fullført eller avbrutt.";

    public Task<TaskResult> ClaimAsync(ClaimsPrincipal user, Guid taskId, CancellationToken cancellationToken) =>
        ChangeAsync(user, taskId, posted: null, "claim-task", async (task, _, alongside) =>
        {
            var change = await tasks.ClaimAsync(taskId, Actor(user), alongside, cancellationToken);
            return change == TaskChange.Taken ? await TakenAsync(taskId, cancellationToken) : Refusal(change, task, $"Oppgaven er for rollen {RoleOf(task)}, som du ikke har.");
        }, cancellationToken);

    public Task<TaskResult> AssignAsync(ClaimsPrincipal user, Guid taskId, PostedRequest posted, CancellationToken cancellationToken) =>
        ChangeAsync(user, taskId, posted, "assign-task", async (task, errors, alongside) =>
        {
            var request = (AssignTaskRequest)posted.Value!;
            errors.Required("staffId", request.StaffId, 40);
            if (!errors.Any && !await HoldsRoleInUnitAsync(request.StaffId!, task, cancellationToken))
            {
                errors.Add("staffId", $"Oppgaven kan bare gis til noen med rollen {RoleOf(task)} i enheten {task.UnitCode}.");
            }

            if (errors.Any)
            {
                return null;
            }

            var change = await tasks.AssignAsync(taskId, request.StaffId!, Actor(user), alongside, cancellationToken);
            return Refusal(change, task, "Bare den som har tatt oppgaven, eller en leder i enheten, kan gi den til noen andre.");
        }, cancellationToken);

    public Task<TaskResult> CompleteAsync(ClaimsPrincipal user, Guid taskId, PostedRequest posted, CancellationToken cancellationToken) =>
        ChangeAsync(user, taskId, posted, "complete-task", async (task, errors, alongside) =>
        {
            if (views.StepOf(task.CompletesTrigger) is { } slug)
            {
                var step = steps.First(candidate => candidate.Slug == slug);
                return new TaskResult.Refused($"Oppgaven fullføres ved å ta steget «{step.Title}» på saken.", task.InstanceId, slug);
            }

            var request = (CompleteTaskRequest)posted.Value!;
            errors.MaxLength("note", request.Note, NoteLength);
            CheckDate(task, request.Date, errors);
            if (errors.Any)
            {
                return null;
            }

            var outcome = new TaskOutcome(string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim(), request.Date);
            var completion = await tasks.CompleteAsync(taskId, outcome, Actor(user), alongside, cancellationToken);
            return Refusal(completion.Status, task, $"Oppgaven er for rollen {RoleOf(task)} eller den som har fått den, og du er ingen av dem.");
        }, cancellationToken);

    public Task<TaskResult> CancelAsync(ClaimsPrincipal user, Guid taskId, PostedRequest posted, CancellationToken cancellationToken) =>
        ChangeAsync(user, taskId, posted, "cancel-task", async (task, errors, alongside) =>
        {
            var request = (CancelTaskRequest)posted.Value!;
            errors.Required("reason", request.Reason, NoteLength);
            if (errors.Any)
            {
                return null;
            }

            var change = await tasks.CancelAsync(taskId, request.Reason!.Trim(), Actor(user), alongside, cancellationToken);
            return Refusal(change, task, $"Bare den som har oppgaven, noen med rollen {RoleOf(task)} eller en leder i enheten kan avbryte den.");
        }, cancellationToken);

    /// <summary>
    /// The gate, the request's reading errors (<paramref name="posted"/> is null for a change that takes no body), the
    /// open task, then <paramref name="change"/>: it adds field errors and answers null, or answers the refusal, or null
    /// when the engine made the change. A change made is answered with the task as it is now.
    /// </summary>
    private async Task<TaskResult> ChangeAsync(
        ClaimsPrincipal user,
        Guid taskId,
        PostedRequest? posted,
        string action,
        Func<WorkflowTaskRow, FieldErrors, TaskWrites, Task<TaskResult?>> change,
        CancellationToken cancellationToken)
    {
        if (!CaseAccess.MayWorkWithCases(user))
        {
            return new TaskResult.Forbidden("Rollen din gir ikke tilgang til oppgaver.");
        }

        var task = await db.WorkflowTasks.AsNoTracking().SingleOrDefaultAsync(t => t.Id == taskId, cancellationToken);
        if (task is null || CaseAccess.ToCase(user, task.UnitCode) != CaseAccessDecision.Allowed)
        {
            return new TaskResult.NotFound();
        }

        if (posted is { Value: null })
        {
            return new TaskResult.Invalid(posted.ReadErrors);
        }

        if (task.Status != UserTaskStatus.Open)
        {
            return new TaskResult.Refused(NotOpen);
        }

        var errors = new FieldErrors();
        var refused = await change(task, errors, async (scope, token) =>
        {
            await using var transactionDb = await TransitionDbContext.OpenAsync(scope.Connection, scope.Transaction, token);
            AccessLog.Add(transactionDb, user, task.UnitCode, task.InstanceId, action, scope.Now, CaseWorkflow.PurposeOf(task.CompletesTrigger));
            await transactionDb.SaveChangesAsync(token);
        });
        if (errors.Any)
        {
            return new TaskResult.Invalid(errors.ToResult().Errors);
        }

        if (refused is not null)
        {
            return refused;
        }

        var view = await ViewAsync(taskId, cancellationToken);
        return new TaskResult.Done(view);
    }

    private async Task<TaskView> ViewAsync(Guid taskId, CancellationToken cancellationToken) =>
        (await views.ReadAsync(db.WorkflowTasks.AsNoTracking().Where(t => t.Id == taskId), cancellationToken)).Single().View;

    private void CheckDate(WorkflowTaskRow task, DateOnly? date, FieldErrors errors)
    {
        if (task.DateLabel is null)
        {
            if (date is not null)
            {
                errors.Add("date", "Denne oppgaven spør ikke etter en dato.");
            }

            return;
        }

        var madeOn = OsloTime.Today(task.CreatedAt);
        if (date is null)
        {
            errors.Add("date", $"Oppgi datoen: {task.DateLabel}.");
        }
        else if (date > OsloTime.Today(time.GetUtcNow()))
        {
            errors.Add("date", "Datoen kan ikke være etter i dag.");
        }
        else if (date < madeOn)
        {
            errors.Add("date", $"Datoen kan ikke være før oppgaven ble laget ({madeOn.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture)}).");
        }
    }

    private async Task<bool> HoldsRoleInUnitAsync(string staffId, WorkflowTaskRow task, CancellationToken cancellationToken)
    {
        var staff = await db.StaffMembers.AsNoTracking().SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        return staff is not null && staff.UnitCodes.Contains(task.UnitCode) && staff.Roles.Any(role => role.ToString() == task.CandidateRole);
    }

    private async Task<TaskResult> TakenAsync(Guid taskId, CancellationToken cancellationToken)
    {
        var view = await ViewAsync(taskId, cancellationToken);
        return new TaskResult.Refused(view.AssigneeName is { } name ? $"Oppgaven er allerede tatt av {name}." : NotOpen);
    }

    /// <summary>Null when the engine changed the task; otherwise why not, in the user's words.</summary>
    private static TaskResult? Refusal(TaskChange change, WorkflowTaskRow task, string notAllowed) => change switch
    {
        TaskChange.Changed => null,
        TaskChange.NotAllowed => new TaskResult.Refused(notAllowed),
        TaskChange.DateRequired => new TaskResult.Invalid(new Dictionary<string, string[]> { ["date"] = [$"Oppgi datoen: {task.DateLabel}."] }),
        _ => new TaskResult.Refused(NotOpen),
    };

    private static string RoleOf(WorkflowTaskRow task) =>
        Enum.TryParse<Role>(task.CandidateRole, out var role) ? RoleNames.Norwegian(role).ToLower(CultureInfo.GetCultureInfo("nb-NO")) : task.CandidateRole;

    private static Actor Actor(ClaimsPrincipal user) => new(user.StaffId(), [.. user.Roles().Select(role => role.ToString())]);
}
