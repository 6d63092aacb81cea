using System.Security.Claims;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Tasks.ListTasks;
using BekymringssamtaleService.Web.Features.Tasks.WorkOnTask;
using Microsoft.AspNetCore.Mvc;

namespace BekymringssamtaleService.Web.Features.Tasks;

public static class TasksSetup
{
    /// <summary>The tasks of the user's units (listed, claimed, assigned, completed, cancelled) and those a Lead oversees when overdue.</summary>
    public static WebApplicationBuilder AddTasks(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<EscalatedTaskList>();
        builder.Services.AddScoped<TaskViews>();
        builder.Services.AddScoped<TaskList>();
        builder.Services.AddScoped<TaskWork>();
        builder.Services.AddScoped<TaskReader>();
        return builder;
    }

    /// <summary>The task endpoints of /api/v1.</summary>
    public static void MapTasksApi(this RouteGroupBuilder api)
    {
        var tasks = api.MapGroup("/tasks").WithTags("Oppgaver");
        tasks.MapGet("/", ListAsync).WithName("ListTasks").WithSummary("Åpne oppgaver i egne enheter, tidligste frist først (keyset-paging)")
            .Produces<TaskPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden);
        tasks.MapGet("/escalated", ListEscalatedAsync).WithName("ListEscalatedTasks").WithSummary("Forfalte oppgaver eskalert til leder i egne enheter")
            .Produces<IReadOnlyList<EscalatedTask>>().ProducesProblem(StatusCodes.Status403Forbidden);
        Change(tasks.MapPost("/{id:guid}/claim", ClaimAsync).WithName("ClaimTask").WithSummary("Ta oppgaven"));
        Change(tasks.MapPost("/{id:guid}/assign", AssignAsync).WithName("AssignTask").WithSummary("Gi oppgaven til en i enheten med oppgavens rolle"));
        Change(tasks.MapPost("/{id:guid}/complete", CompleteAsync).WithName("CompleteTask").WithSummary("Fullfør oppgaven med et notat (og dato der oppgaven spør etter det)"));
        Change(tasks.MapPost("/{id:guid}/cancel", CancelAsync).WithName("CancelTask").WithSummary("Avbryt oppgaven med en begrunnelse"));
    }

    private static void Change(RouteHandlerBuilder endpoint) =>
        endpoint.Produces<TaskView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> ListAsync(
        ClaimsPrincipal user,
        TaskList list,
        [FromQuery] bool? mine,
        [FromQuery] string? unit,
        [FromQuery] bool? overdue,
        [FromQuery] string? after,
        [FromQuery] int? limit,
        CancellationToken cancellationToken)
    {
        TaskCursor? cursor = null;
        if (after is not null && !TaskCursor.TryParse(after, out cursor))
        {
            return Results.ValidationProblem(
                new Dictionary<string, string[]> { ["after"] = ["Verdien er ikke en markør fra forrige side (nextCursor)."] },
                title: "Noen felt er ikke gyldige.",
                statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Ok(await list.ListAsync(user, new TaskFilter(mine ?? false, unit, overdue ?? false, cursor, limit), cancellationToken));
    }

    private static async Task<IResult> ListEscalatedAsync(ClaimsPrincipal user, EscalatedTaskList list, CancellationToken cancellationToken)
    {
        var (decision, tasks) = await list.ListAsync(user, cancellationToken);
        return decision == CaseAccessDecision.Allowed
            ? Results.Ok(tasks)
            : Results.Problem("Bare ledere ser forfalte oppgaver i enheten.", statusCode: StatusCodes.Status403Forbidden, title: "Ikke tilgang");
    }

    private static async Task<IResult> ClaimAsync(Guid id, ClaimsPrincipal user, TaskWork work, CancellationToken cancellationToken) =>
        ToHttp(await work.ClaimAsync(user, id, cancellationToken));

    private static async Task<IResult> AssignAsync(Guid id, StepBody<AssignTaskRequest> body, ClaimsPrincipal user, TaskWork work, CancellationToken cancellationToken) =>
        ToHttp(await work.AssignAsync(user, id, Posted(body), cancellationToken));

    private static async Task<IResult> CompleteAsync(Guid id, StepBody<CompleteTaskRequest> body, ClaimsPrincipal user, TaskWork work, CancellationToken cancellationToken) =>
        ToHttp(await work.CompleteAsync(user, id, Posted(body), cancellationToken));

    private static async Task<IResult> CancelAsync(Guid id, StepBody<CancelTaskRequest> body, ClaimsPrincipal user, TaskWork work, CancellationToken cancellationToken) =>
        ToHttp(await work.CancelAsync(user, id, Posted(body), cancellationToken));

    /// <summary>The body as read, its reading errors told only after the gate (as a step's are): a task in another unit learns nothing from them.</summary>
    private static PostedRequest Posted<T>(StepBody<T> body)
        where T : class =>
        body.Body.Value is { } request ? PostedRequest.Read(request) : PostedRequest.Unreadable(body.Body.Errors);

    private static IResult ToHttp(TaskResult result) => result switch
    {
        TaskResult.Done done => Results.Ok(done.Task),
        TaskResult.Invalid invalid => Results.ValidationProblem(
            invalid.Errors, title: "Noen felt er ikke gyldige. Ingenting er lagret.", statusCode: StatusCodes.Status400BadRequest),
        TaskResult.Forbidden forbidden => Results.Problem(forbidden.Reason, statusCode: StatusCodes.Status403Forbidden, title: "Ikke tilgang"),
        TaskResult.Refused refused => Results.Problem(
            refused.Reason,
            statusCode: StatusCodes.Status409Conflict,
            title: "Ikke mulig nå",
            extensions: refused.CaseStep is null ? null : new Dictionary<string, object?> { ["caseStep"] = $"{ApiSetup.Prefix}/cases/{refused.CaseId}/{refused.CaseStep}" }),
        _ => TaskNotFound(),
    };

    /// <summary>A task that does not exist and a task of another unit get this same answer, byte for byte (see <see cref="Cases.StepResponses.NotFound"/>).</summary>
    public static IResult TaskNotFound() => Results.Json(
        new ProblemDetails
        {
            Type = "https://tools.ietf.org/html/rfc9110#section-15.5.5",
            Title = "Fant ikke oppgaven",
            Status = StatusCodes.Status404NotFound,
            Detail = "Oppgaven finnes ikke, eller du har ikke tilgang til den.",
        },
        contentType: "application/problem+json",
        statusCode: StatusCodes.Status404NotFound);
}
