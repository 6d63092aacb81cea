using BekymringssamtaleService.Web.Features.Cases.Access;
using Microsoft.AspNetCore.Routing.Patterns;

namespace BekymringssamtaleService.UnitTests.Cases;

/// <summary>Which route value the gate reads a case (or a task, whose case it is) from, by the route's pattern alone.</summary>
public sealed class CaseScopeRouteTests
{
    [Theory]
    [InlineData("/api/v1/cases/{id:guid}", "id", false)]
    [InlineData("/api/v1/cases/{id:guid}/consents/{consentId:guid}/withdraw", "id", false)]
    [InlineData("/saker/{id:guid}/{slug}", "id", false)]
    [InlineData("/revisjon/saker/{caseId:guid}", "caseId", false)]
    [InlineData("/api/v1/tasks/{id:guid}/claim", "id", true)]
    [InlineData("/oppgaver/{id:guid}", "id", true)]
    public void A_route_that_names_a_case_or_a_task_is_read_by_that_value(string route, string name, bool isTask) =>
        Assert.Equal((name, isTask), CaseScope.ScopedValue(RoutePatternFactory.Parse(route)));

    [Theory]
    [InlineData("/api/v1/cases")]
    [InlineData("/api/v1/tasks/escalated")]
    [InlineData("/admin/oppbevaring/{id:guid}")]
    [InlineData("/status/{code:int}")]
    public void A_route_that_names_no_case_has_no_case_value(string route) =>
        Assert.Null(CaseScope.ScopedValue(RoutePatternFactory.Parse(route)));
}
