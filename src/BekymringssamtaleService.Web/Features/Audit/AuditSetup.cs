using System.Security.Claims;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Mvc;

namespace BekymringssamtaleService.Web.Features.Audit;

public static class AuditSetup
{
    /// <summary>The access log for auditors: searched on /revisjon/tilgangslogg and the API, exported as CSV.</summary>
    public static WebApplicationBuilder AddAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AccessLogSearch>();
        return builder;
    }

    /// <summary>GET /api/v1/access-log for the Auditor role; the gate answers anyone else with the 404 of an address that does not exist.</summary>
    public static void MapAuditApi(this RouteGroupBuilder api) =>
        api.MapGet("/access-log", SearchAsync).WithTags("Revisjon").WithName("SearchAccessLog").ForRoles(Role.Auditor)
            .WithSummary("Tilgangsloggen for revisor: hvem, hvilken sak, når og hvorfor, nyeste først (keyset-paging)")
            .Produces<AccessLogPage>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

    private static async Task<IResult> SearchAsync(
        ClaimsPrincipal user,
        AccessLogSearch search,
        [FromQuery(Name = "user")] string? staffId,
        [FromQuery] string? caseId,
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] string? after,
        [FromQuery] int? limit,
        CancellationToken cancellationToken)
    {
        var (criteria, errors) = AccessLogCriteria.Read(staffId, caseId, from, to);
        AccessLogCursor? cursor = null;
        if (after is not null && !AccessLogCursor.TryParse(after, out cursor))
        {
            errors = new Dictionary<string, string[]>(errors) { ["after"] = ["Verdien er ikke en markør fra forrige side (nextCursor)."] };
        }

        if (criteria is null || errors.Count > 0)
        {
            return Results.ValidationProblem(errors, title: "Noen felt er ikke gyldige.", statusCode: StatusCodes.Status400BadRequest);
        }

        return Results.Ok(await search.SearchAsync(user, criteria, cursor, limit, cancellationToken));
    }
}
