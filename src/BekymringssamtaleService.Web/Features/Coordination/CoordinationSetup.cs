using System.Security.Claims;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Features.Cases;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.AspNetCore.Mvc;

namespace BekymringssamtaleService.Web.Features.Coordination;

/// <summary>
/// The Liaisons' coordination compartment (DOMAIN.md, PST coordination): its own tables, its own queries, its own
/// routes. For anyone but a Liaison of the case's unit every route answers the 404 of a case that does not exist.
/// </summary>
public static class CoordinationSetup
{
    public static WebApplicationBuilder AddCoordination(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CoordinationGate>();
        builder.Services.AddScoped<CoordinationCompartment>();
        builder.Services.AddScoped<LiaisonWorklist>();
        return builder;
    }

    public static void MapCoordinationApi(this RouteGroupBuilder api)
    {
        // The gate lets only a Liaison of the case's unit through; everyone else gets the 404 of a case that does not exist.
        var cases = api.MapGroup("/cases").WithTags("Koordinering med PST").ForRoles(Role.Liaison);
        Answers(cases.MapPost("/{id:guid}/flag", DecideAsync).WithName("DecideCoordination")
            .WithSummary("Flagg saken som radikaliseringsbekymring, eller avgjør at koordinering ikke trengs (forebyggingskontakt)")
            .Produces<DecisionView>());
        Answers(cases.MapGet("/{id:guid}/coordination", ReadAsync).WithName("ReadCoordination")
            .WithSummary("Koordineringsrommet (forebyggingskontakt); formålet (purpose) er påkrevd og logges")
            .Produces<CompartmentView>());
        Answers(cases.MapPost("/{id:guid}/coordination", AddEntryAsync).WithName("AddCoordinationEntry")
            .WithSummary("Ny oppføring: kontakt med PST eller anmodning fra PST (forebyggingskontakt, flagget sak)")
            .Produces<CoordinationEntryView>(StatusCodes.Status201Created));
        Answers(cases.MapPost("/{id:guid}/coordination/tasks", AddTaskAsync).WithName("AddCoordinationTask")
            .WithSummary("Ny koordineringsoppgave (forebyggingskontakt, flagget sak)")
            .Produces<CoordinationTaskView>(StatusCodes.Status201Created));
        Answers(cases.MapPost("/{id:guid}/coordination/tasks/{taskId:guid}/complete", CompleteTaskAsync).WithName("CompleteCoordinationTask")
            .WithSummary("Marker koordineringsoppgaven som utført")
            .Produces<CoordinationTaskView>());
    }

    private static void Answers(RouteHandlerBuilder endpoint) =>
        endpoint.ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> ReadAsync(Guid id, [FromQuery] string? purpose, ClaimsPrincipal user, CoordinationCompartment compartment, CancellationToken cancellationToken) =>
        ToHttp(await compartment.ReadAsync(user, id, purpose, cancellationToken), Results.Ok, "Oppgi formålet med lesingen. Ingenting er vist.");

    private static async Task<IResult> DecideAsync(
        Guid id, StepBody<DecideCoordinationRequest> body, ClaimsPrincipal user, CoordinationCompartment compartment, CancellationToken cancellationToken) =>
        ToHttp(await compartment.DecideAsync(user, id, Posted(body), cancellationToken), Results.Ok);

    private static async Task<IResult> AddEntryAsync(
        Guid id, StepBody<AddCoordinationEntryRequest> body, ClaimsPrincipal user, CoordinationCompartment compartment, CancellationToken cancellationToken) =>
        ToHttp(await compartment.AddEntryAsync(user, id, Posted(body), cancellationToken), entry => Results.Created($"{ApiSetup.Prefix}/cases/{id}/coordination", entry));

    private static async Task<IResult> AddTaskAsync(
        Guid id, StepBody<AddCoordinationTaskRequest> body, ClaimsPrincipal user, CoordinationCompartment compartment, CancellationToken cancellationToken) =>
        ToHttp(await compartment.AddTaskAsync(user, id, Posted(body), cancellationToken), task => Results.Created($"{ApiSetup.Prefix}/cases/{id}/coordination", task));

    private static async Task<IResult> CompleteTaskAsync(Guid id, Guid taskId, ClaimsPrincipal user, CoordinationCompartment compartment, CancellationToken cancellationToken) =>
        ToHttp(await compartment.CompleteTaskAsync(user, id, taskId, cancellationToken), Results.Ok);

    /// <summary>The body as read; its reading errors are told only after the gate, so nobody else learns anything from them.</summary>
    private static PostedRequest Posted<T>(StepBody<T> body)
        where T : class =>
        body.Body.Value is { } request ? PostedRequest.Read(request) : PostedRequest.Unreadable(body.Body.Errors);

    private static IResult ToHttp<T>(
        CoordinationResult<T> result, Func<T, IResult> done, string invalidTitle = "Noen felt er ikke gyldige. Ingenting er lagret.") => result switch
    {
        CoordinationResult<T>.Done ok => done(ok.Value),
        CoordinationResult<T>.Invalid invalid => Results.ValidationProblem(invalid.Errors, title: invalidTitle, statusCode: StatusCodes.Status400BadRequest),
        CoordinationResult<T>.Refused refused => Results.Problem(refused.Reason, statusCode: StatusCodes.Status409Conflict, title: "Ikke mulig nå"),
        _ => StepResponses.NotFound(),
    };
}
