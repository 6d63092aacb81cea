using System.Security.Claims;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.ListCases;
using BekymringssamtaleService.Web.Features.Cases.Register;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using BekymringssamtaleService.Web.WorkflowHosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases;

/// <summary>The case API's endpoints: read the request, call the use case's handler, answer its result.</summary>
public static class CaseEndpoints
{
    public static async Task<IResult> RegisterAsync(JsonBody<RegisterCaseRequest> body, ClaimsPrincipal user, RegisterCase register, CancellationToken cancellationToken)
    {
        if (body.Value is null)
        {
            return StepResponses.BadBody(body);
        }

        var result = await register.HandleAsync(user, body.Value, cancellationToken);
        return StepResponses.ToHttp(result, done => Results.Created($"/api/v1/cases/{done.CaseId}", new CaseCreated(done.CaseId, done.State)));
    }

    /// <summary>A step on a case: the body's reading errors are answered only after the case scope has let the user through.</summary>
    public static async Task<IResult> StepAsync<TStep, TRequest>(
        HttpContext context, StepBody<TRequest> stepBody, ClaimsPrincipal user, TStep step, CaseSteps steps, CancellationToken cancellationToken)
        where TStep : CaseStep<TRequest>
        where TRequest : class
    {
        var body = stepBody.Body;
        var posted = body.Value is { } request ? PostedRequest.Read(request) : PostedRequest.Unreadable(body.Errors);
        var result = await steps.TakeAsync(step, user, context.CaseAtHand(), posted, cancellationToken);
        return StepResponses.ToHttp(result, done => Results.Ok(new StepTaken(done.CaseId, done.State)));
    }

    /// <summary>The case list; a filter that cannot be read is a 400 naming the parameter, and nothing is listed.</summary>
    public static async Task<IResult> ListAsync(
        ClaimsPrincipal user,
        CaseList list,
        CaseListChoices choices,
        WorkflowCatalog catalog,
        TimeProvider time,
        [FromQuery] string? q,
        [FromQuery] string? birthDate,
        [FromQuery] string? state,
        [FromQuery] string? track,
        [FromQuery] string? source,
        [FromQuery] string? unit,
        [FromQuery] string? officer,
        [FromQuery] string? due,
        [FromQuery] DateTimeOffset? dueBefore,
        [FromQuery] string? sort,
        [FromQuery] long? after,
        [FromQuery] int? offset,
        [FromQuery] int? limit,
        CancellationToken cancellationToken)
    {
        var text = new CaseQueryText(q, birthDate, state, track, source, unit, officer, due, sort, after, offset, limit, dueBefore);
        var (filter, errors) = CaseQuery.Read(text, catalog.Get(CaseWorkflow.Name), CaseQuery.ApiDateFormat, time.GetUtcNow());
        if (filter is null)
        {
            return Results.ValidationProblem(errors, title: "Noen felt er ikke gyldige.", statusCode: StatusCodes.Status400BadRequest);
        }

        var units = await choices.UnitsAsync(user, cancellationToken);
        return Results.Ok(await list.ListAsync(user, filter, units.ToDictionary(u => u.Value, u => u.Name), cancellationToken));
    }

    public static async Task<IResult> GetAsync(HttpContext context, ClaimsPrincipal user, CaseReader reader, CancellationToken cancellationToken) =>
        Results.Ok(await reader.DetailsAsync(user, context.CaseAtHand(), cancellationToken));

    public static async Task<IResult> TimelineAsync(HttpContext context, ClaimsPrincipal user, CaseReader reader, CancellationToken cancellationToken) =>
        Results.Ok(await reader.TimelineAsync(user, context.CaseAtHand(), cancellationToken));

    public static async Task<IResult> LettersAsync(HttpContext context, ClaimsPrincipal user, CaseReader reader, CancellationToken cancellationToken) =>
        Results.Ok(await reader.LettersAsync(user, context.CaseAtHand(), cancellationToken));

    public static async Task<IResult> MeasuresAsync(ServiceDbContext db, CancellationToken cancellationToken) =>
        Results.Ok(await db.Measures.AsNoTracking()
            .OrderBy(m => m.Code)
            .Select(m => new MeasureView(m.Code, m.Name.Nb, m.Name.Nn, m.Name.En, m.Description.Nb, m.ResponsibleAgencyType.ToString(), m.RequiresConsent, m.MinAge, m.MaxAge))
            .ToListAsync(cancellationToken));
}

public sealed record CaseCreated(Guid Id, string State);

public sealed record StepTaken(Guid Id, string State);

public sealed record MeasureView(string Code, string Name, string NameNn, string NameEn, string Description, string ResponsibleAgencyType, bool RequiresConsent, int MinAge, int MaxAge);
