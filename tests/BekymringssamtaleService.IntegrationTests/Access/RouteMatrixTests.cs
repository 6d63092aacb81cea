using System.Net;
using System.Text;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests.Access;

/// <summary>
/// Every route of the host (the route table: API endpoints, pages, the job dashboard, health) × every role × a case
/// of the user's own unit, of another unit, and a blocked one: the exact status each gets. A route without a rule here
/// fails the test by its name. The API is called with X-Dev-User, the pages with the development login's cookie; a
/// POST carries a body that is not JSON, so inside the case scope the answer is the body's 400, and outside it the
/// gate's 404 comes first.
/// </summary>
public sealed class RouteMatrixTests(SharedHost shared)
{
    private const int Ok = 200, Redirect = 302, BadRequest = 400, Forbidden = 403, NotFound = 404, Conflict = 409, UnsupportedMediaType = 415;

    /// <summary>The demo users, one per role, all of OSLO-SENTRUM (Admin and Auditor of every unit).</summary>
    private static readonly (Role Role, string StaffId)[] Users =
    [
        (Role.Officer, "betjent-oslo"), (Role.Lead, "leder-oslo"), (Role.Liaison, "forebyggingskontakt-oslo"), (Role.Admin, "forvalter"), (Role.Auditor, "revisor"),
    ];

    private static readonly string[] Steps =
    [
        "choose-track", "approve-track", "invite", "record-reply", "reschedule", "cancel", "invite-again", "record-attendance", "record-escalation",
        "approve-fetch", "record-mapping", "agree-measures", "add-measure", "update-measure-status", "schedule-follow-up", "book-follow-up",
        "record-follow-up", "close", "pause", "resume", "cancel-case",
    ];

    /// <summary>The rules: method and route pattern → the status for each role and scope.</summary>
    private static readonly Rule[] Rules =
    [
        // The case API: a case of one's own unit for the casework roles; for everyone else, and every other case, no such case.
        new("GET", "/api/v1/cases", ByRole(officer: Ok, lead: Ok, liaison: Ok, admin: Forbidden, auditor: Forbidden)),
        // Registration names its unit in the body, so it decides role × unit itself; routing refuses a body that is not JSON first.
        new("POST", "/api/v1/cases", Everyone(UnsupportedMediaType)),
        new("GET", "/api/v1/cases/{id:guid}", Case(Ok)),
        new("GET", "/api/v1/cases/{id:guid}/timeline", Case(Ok)),
        new("GET", "/api/v1/cases/{id:guid}/letters", Case(Ok)),
        // No such letter in one's own case: the letter's 404 ("Fant ikke brevet"), after the gate's.
        new("GET", "/api/v1/cases/{id:guid}/letters/{letterId:guid}/pdf", Case(NotFound)),
        new("POST", "/api/v1/cases/{id:guid}/letters/{letterId:guid}/mark-posted", Case(NotFound)),
        .. Steps.Select(step => new Rule("POST", $"/api/v1/cases/{{id:guid}}/{step}", Case(BadRequest))),
        new("GET", "/api/v1/cases/{id:guid}/consents", Case(Ok)),
        new("POST", "/api/v1/cases/{id:guid}/consents", Case(BadRequest)),
        new("POST", "/api/v1/cases/{id:guid}/consents/duty-to-inform", Case(BadRequest)),
        new("POST", "/api/v1/cases/{id:guid}/consents/{consentId:guid}/withdraw", Case(BadRequest)),
        new("POST", "/api/v1/cases/{id:guid}/flag", Liaison(BadRequest)),
        new("GET", "/api/v1/cases/{id:guid}/coordination", Liaison(BadRequest)),
        new("POST", "/api/v1/cases/{id:guid}/coordination", Liaison(BadRequest)),
        new("POST", "/api/v1/cases/{id:guid}/coordination/tasks", Liaison(BadRequest)),
        new("POST", "/api/v1/cases/{id:guid}/coordination/tasks/{taskId:guid}/complete", Liaison(NotFound)),
        new("GET", "/api/v1/access-log", AuditorOnly),
        new("GET", "/api/v1/measures", Everyone(Ok)),

        // Tasks: a task is read as part of its case.
        new("GET", "/api/v1/tasks", ByRole(officer: Ok, lead: Ok, liaison: Ok, admin: Forbidden, auditor: Forbidden)),
        new("GET", "/api/v1/tasks/escalated", ByRole(officer: Forbidden, lead: Ok, liaison: Forbidden, admin: Forbidden, auditor: Forbidden)),
        // The task is the Officer's to take (and the officer, asked first, has taken it): the others are told it is not theirs now.
        new("POST", "/api/v1/tasks/{id:guid}/claim", TaskOfCase(officer: Ok, lead: Conflict, liaison: Conflict)),
        new("POST", "/api/v1/tasks/{id:guid}/assign", Case(BadRequest)),
        new("POST", "/api/v1/tasks/{id:guid}/complete", Case(BadRequest)),
        new("POST", "/api/v1/tasks/{id:guid}/cancel", Case(BadRequest)),

        // Pages.
        new("GET", "/", Everyone(Ok)),
        new("GET", "/saker", ByRole(officer: Ok, lead: Ok, liaison: Ok, admin: Forbidden, auditor: Forbidden)),
        new("GET", "/saker/ny", ByRole(officer: Ok, lead: Forbidden, liaison: Forbidden, admin: Forbidden, auditor: Forbidden)),
        new("GET", "/saker/{id:guid}", Case(Ok)),
        new("GET", "/saker/{id:guid}/{slug}", Case(Ok)),
        new("GET", "/saker/{id:guid}/koordinering", Liaison(Ok)),
        new("GET", "/revisjon/tilgangslogg", AuditorOnly),
        new("GET", "/revisjon/tilgangslogg.csv", AuditorOnly),
        new("GET", "/kalender", ByRole(officer: Ok, lead: Ok, liaison: Ok, admin: Forbidden, auditor: Forbidden)),
        new("GET", "/statistikk", LeadOnly),
        new("GET", "/statistikk.csv", LeadOnly),
        new("GET", "/oppgaver", ByRole(officer: Ok, lead: Ok, liaison: Ok, admin: Forbidden, auditor: Forbidden)),
        new("GET", "/oppgaver/{id:guid}", Case(Ok)),
        new("GET", "/drift", AdminOnly),
        new("GET", "/arbeidsflyt", AdminOnly),
        new("GET", "/hendelser", AdminOnly),
        new("GET", "/admin/oppbevaring", AdminOnly),
        new("GET", "/admin/oppbevaring/{id:guid}", (role, scope) => role != Role.Admin ? Forbidden : scope == Scope.Blocked ? Ok : NotFound),
        new("GET", "/admin/ansatte", AdminOnlyUnseen),
        new("GET", "/admin/ansatte/ny", AdminOnlyUnseen),
        new("GET", "/admin/ansatte/{staffId}", AdminOnlyUnseen),
        new("GET", "/admin/enheter", AdminOnlyUnseen),
        new("GET", "/admin/enheter/ny", AdminOnlyUnseen),
        new("GET", "/admin/enheter/{unitCode}", AdminOnlyUnseen),
        new("GET", "/status/{code:int}", Everyone(Ok)),
        new("GET", "/logg-inn", Everyone(Ok)),
        new("GET", "/logg-ut", Everyone(Redirect)),
        // Where the identity provider's sign-in of someone the staff register does not let in ends: the same page for all.
        new("GET", "/innlogging-avvist", Everyone(Forbidden)),
        new("GET", "/hangfire/{**path}", AdminOnly),

        // Outside the application's own pages.
        new("GET", "/health/live", Everyone(Ok)),
        new("GET", "/health/ready", Everyone(Ok)),
        new("GET", "/openapi/{documentName}.json", Everyone(Ok)),
        new("GET", "/scalar/{documentName?}", Everyone(Ok)),
        new("GET", "/scalar/scalar.js", Everyone(Ok)),
        new("GET", "/scalar/scalar.aspnetcore.js", Everyone(Ok)),
        new("GET", "/scalar/favicon.svg", Everyone(Ok)),
    ];

    private enum Role
    {
        Officer,
        Lead,
        Liaison,
        Admin,
        Auditor,
    }

    private enum Scope
    {
        OwnUnit,
        OtherUnit,
        Blocked,
    }

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static Func<Role, Scope, int> AdminOnly => ByRole(officer: Forbidden, lead: Forbidden, liaison: Forbidden, admin: Ok, auditor: Forbidden);

    /// <summary>The staff register and the units: the Admin's alone, and not even found by anyone else.</summary>
    private static Func<Role, Scope, int> AdminOnlyUnseen => ByRole(officer: NotFound, lead: NotFound, liaison: NotFound, admin: Ok, auditor: NotFound);

    /// <summary>The access log: the Auditor's alone, and not even found by anyone else.</summary>
    private static Func<Role, Scope, int> LeadOnly => ByRole(officer: NotFound, lead: Ok, liaison: NotFound, admin: NotFound, auditor: NotFound);

    private static Func<Role, Scope, int> AuditorOnly => ByRole(officer: NotFound, lead: NotFound, liaison: NotFound, admin: NotFound, auditor: Ok);

    [Fact]
    public async Task Every_route_answers_every_role_for_a_case_of_its_own_unit_another_unit_and_a_blocked_case_exactly_as_the_rules_say()
    {
        var routes = RouteTable();
        var unruled = routes.Where(route => !Rules.Any(rule => rule.Method == route.Method && rule.Pattern == route.Pattern)).ToList();
        Assert.True(unruled.Count == 0, $"Routes without a rule in {nameof(RouteMatrixTests)}: {string.Join(", ", unruled.Select(r => $"{r.Method} {r.Pattern}"))}");
        var stale = Rules.Where(rule => !routes.Contains((rule.Method, rule.Pattern))).ToList();
        Assert.True(stale.Count == 0, $"Rules for routes the host does not have: {string.Join(", ", stale.Select(r => $"{r.Method} {r.Pattern}"))}");

        var cases = new Dictionary<Scope, (Guid Case, Guid Task)>
        {
            [Scope.OwnUnit] = await CaseWithTaskAsync(DemoUsers.OsloOfficer, CaseRequests.Unit),
            [Scope.OtherUnit] = await CaseWithTaskAsync("betjent-vest", "VEST-BERGEN"),
            [Scope.Blocked] = await BlockedCaseAsync(),
        };

        var wrong = new List<string>();
        foreach (var (role, staffId) in Users)
        {
            using var api = shared.Host.CreateHttpClient();
            api.DefaultRequestHeaders.Add("X-Dev-User", staffId);
            using var pages = shared.Host.CreateHttpClient();
            await pages.SignInAsync(staffId);
            foreach (var rule in Rules)
            {
                foreach (var scope in Enum.GetValues<Scope>())
                {
                    var path = Path(rule.Pattern, cases[scope]);
                    var client = path.StartsWith("/api/", StringComparison.Ordinal) ? api : pages;
                    using var request = new HttpRequestMessage(new HttpMethod(rule.Method), path);
                    if (rule.Method == "POST")
                    {
                        request.Content = new StringContent("Ikke JSON.", Encoding.UTF8, "text/plain");
                    }

                    using var response = await client.SendAsync(request, Token);
                    var expected = rule.Expected(role, scope);
                    if ((int)response.StatusCode != expected)
                    {
                        wrong.Add($"{rule.Method} {rule.Pattern} as {role} ({staffId}), {scope}: expected {expected}, got {(int)response.StatusCode}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} answers differ from the rules:\n{string.Join("\n", wrong)}");
    }

    /// <summary>The casework roles read the case of their own unit; everyone else, and every other or blocked case, gets 404.</summary>
    private static Func<Role, Scope, int> Case(int ownUnit) =>
        (role, scope) => scope == Scope.OwnUnit && role is Role.Officer or Role.Lead or Role.Liaison ? ownUnit : NotFound;

    /// <summary>The coordination compartment: a Liaison of the case's unit reaches it; everyone else gets 404, as for a case that does not exist.</summary>
    private static Func<Role, Scope, int> Liaison(int ownUnit) =>
        (role, scope) => scope == Scope.OwnUnit && role == Role.Liaison ? ownUnit : NotFound;

    /// <summary>As <see cref="Case"/>, with each casework role's own answer (the workflow decides who may take a task).</summary>
    private static Func<Role, Scope, int> TaskOfCase(int officer, int lead, int liaison) =>
        (role, scope) => scope != Scope.OwnUnit ? NotFound : role switch { Role.Officer => officer, Role.Lead => lead, Role.Liaison => liaison, _ => NotFound };

    private static Func<Role, Scope, int> ByRole(int officer, int lead, int liaison, int admin, int auditor) =>
        (role, _) => role switch { Role.Officer => officer, Role.Lead => lead, Role.Liaison => liaison, Role.Admin => admin, _ => auditor };

    private static Func<Role, Scope, int> Everyone(int status) => (_, _) => status;

    /// <summary>The path of a route for a scope's case (or its task), with a value for every other parameter.</summary>
    private static string Path(string pattern, (Guid Case, Guid Task) scoped) => pattern
        .Replace("/api/v1/tasks/{id:guid}", $"/api/v1/tasks/{scoped.Task}", StringComparison.Ordinal)
        .Replace("/oppgaver/{id:guid}", $"/oppgaver/{scoped.Task}", StringComparison.Ordinal)
        .Replace("{id:guid}", scoped.Case.ToString(), StringComparison.Ordinal)
        .Replace("{letterId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{consentId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{taskId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
        .Replace("{slug}", "pause", StringComparison.Ordinal)
        .Replace("{staffId}", DemoUsers.OsloOfficer, StringComparison.Ordinal)
        .Replace("{unitCode}", CaseRequests.Unit, StringComparison.Ordinal)
        .Replace("{code:int}", "404", StringComparison.Ordinal)
        .Replace("{**path}", "", StringComparison.Ordinal)
        .Replace("{documentName}", "v1", StringComparison.Ordinal)
        .Replace("{documentName?}", "", StringComparison.Ordinal);

    /// <summary>
    /// Every route of the host by method and pattern ("/saker/{id:guid}": one leading slash, none trailing); a route with
    /// no method of its own (a page, the job dashboard) is asked with GET.
    /// </summary>
    private List<(string Method, string Pattern)> RouteTable() =>
    [
        .. shared.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (method, "/" + (endpoint.RoutePattern.RawText ?? "").Trim('/'))))
            .Distinct(),
    ];

    /// <summary>A case of the unit, registered by one of its officers, on the voluntary track: it has a task (book the meeting).</summary>
    private async Task<(Guid Case, Guid Task)> CaseWithTaskAsync(string officer, string unit)
    {
        using var api = new CaseApi(shared.Host, officer);
        var registration = CaseRequests.Registration();
        registration["unitCode"] = unit;
        var id = await api.RegisterAsync(registration);
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        return (id, await TaskOfAsync(id));
    }

    /// <summary>A case of the officer's own unit, cancelled and then blocked, as the retention job blocks one (its own test is RetentionTests).</summary>
    private async Task<(Guid Case, Guid Task)> BlockedCaseAsync()
    {
        var (id, task) = await CaseWithTaskAsync(DemoUsers.OsloOfficer, CaseRequests.Unit);
        using (var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer))
        {
            await api.StepAsync(id, "cancel-case", new { reason = "Registrert ved en feil." });
        }

        using var scope = shared.Host.Services.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Database
            .ExecuteSqlAsync($"UPDATE cases SET blocked_at = now() WHERE id = {id}", Token);
        return (id, task);
    }

    private async Task<Guid> TaskOfAsync(Guid caseId)
    {
        using var scope = shared.Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().WorkflowTasks
            .Where(t => t.InstanceId == caseId).Select(t => t.Id).FirstAsync(Token);
    }

    private sealed record Rule(string Method, string Pattern, Func<Role, Scope, int> Expected);
}
