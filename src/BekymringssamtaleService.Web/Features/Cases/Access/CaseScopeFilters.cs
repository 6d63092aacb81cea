using BekymringssamtaleService.Web.Features.Tasks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace BekymringssamtaleService.Web.Features.Cases.Access;

/// <summary>
/// <see cref="CaseScope"/> in front of every API endpoint (added to the /api/v1 group). It runs before the handler:
/// a step's body is bound without judgement (<see cref="Api.StepBody{T}"/>) and its errors are told only after this.
/// </summary>
public sealed class CaseScopeEndpointFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        await context.HttpContext.RequestServices.GetRequiredService<CaseScope>().DecideAsync(context.HttpContext, context.HttpContext.RequestAborted) switch
        {
            CaseScopeDecision.Pass => await next(context),
            CaseScopeDecision.Forbidden => Results.Problem("Rollen din gir ikke tilgang til saker.", statusCode: StatusCodes.Status403Forbidden, title: "Ikke tilgang"),
            CaseScopeDecision.Hidden => Results.NotFound(),
            CaseScopeDecision.TaskNotFound => TasksSetup.TaskNotFound(),
            _ => StepResponses.NotFound(),
        };
}

/// <summary><see cref="CaseScope"/> in front of every page (a global filter), before the page's handler is chosen and its form bound.</summary>
public sealed class CaseScopePageFilter(CaseScope scope) : IAsyncResourceFilter
{
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        switch (await scope.DecideAsync(context.HttpContext, context.HttpContext.RequestAborted))
        {
            case CaseScopeDecision.Pass:
                await next();
                return;
            case CaseScopeDecision.Forbidden:
                context.Result = new ForbidResult();
                return;
            default:
                context.Result = new NotFoundResult();
                return;
        }
    }
}
