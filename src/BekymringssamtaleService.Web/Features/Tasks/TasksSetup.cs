using System.Security.Claims;
using BekymringssamtaleService.Web.Features.Cases.Access;

namespace BekymringssamtaleService.Web.Features.Tasks;

public static class TasksSetup
{
    /// <summary>The tasks a Lead oversees: those of their units' cases that are past their escalation time.</summary>
    public static WebApplicationBuilder AddTasks(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<EscalatedTaskList>();
        return builder;
    }

    /// <summary>The task endpoints of /api/v1.</summary>
    public static void MapTasksApi(this RouteGroupBuilder api) =>
        api.MapGroup("/tasks").WithTags("Oppgaver")
            .MapGet("/escalated", ListEscalatedAsync).WithName("ListEscalatedTasks").WithSummary("Forfalte oppgaver eskalert til leder i egne enheter")
            .Produces<IReadOnlyList<EscalatedTask>>().ProducesProblem(StatusCodes.Status403Forbidden);

    private static async Task<IResult> ListEscalatedAsync(ClaimsPrincipal user, EscalatedTaskList list, CancellationToken cancellationToken)
    {
        var (decision, tasks) = await list.ListAsync(user, cancellationToken);
        return decision == CaseAccessDecision.Allowed
            ? Results.Ok(tasks)
            : Results.Problem("Bare ledere ser forfalte oppgaver i enheten.", statusCode: StatusCodes.Status403Forbidden, title: "Ikke tilgang");
    }
}
