using System.Net;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Audit;

/// <summary>What every response tells the browser: no inline script, no framing, no sniffing, no referrer, no caching of case data.</summary>
public sealed class SecurityHeaderTests(SharedHost shared)
{
    private const string DashboardPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_dashboard_page_forbids_inline_script_and_framing_and_is_never_cached()
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);

        using var response = await client.GetAsync("/saker", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(DashboardPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal(("nosniff", "no-referrer", "no-store"), (Header(response, "X-Content-Type-Options"), Header(response, "Referrer-Policy"), Header(response, "Cache-Control")));
    }

    [Fact]
    public async Task An_API_answer_with_case_data_and_an_error_page_are_never_cached()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);

        using var caseAnswer = await api.GetResponseAsync($"/api/v1/cases/{id}");
        using var missing = await client.GetAsync("/finnes-ikke", Token);

        Assert.Equal((HttpStatusCode.OK, "no-store", "nosniff"), (caseAnswer.StatusCode, Header(caseAnswer, "Cache-Control"), Header(caseAnswer, "X-Content-Type-Options")));
        Assert.Equal((HttpStatusCode.NotFound, "no-store", DashboardPolicy), (missing.StatusCode, Header(missing, "Cache-Control"), Header(missing, "Content-Security-Policy")));
    }

    [Fact]
    public async Task A_static_file_may_be_cached_but_is_not_sniffed()
    {
        using var client = shared.Host.CreateHttpClient();

        using var response = await client.GetAsync("/css/site.css", Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Headers.CacheControl);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task Only_the_job_dashboard_may_run_its_own_inline_script()
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.Administrator);

        using var jobs = await client.GetAsync("/hangfire", Token);
        using var operations = await client.GetAsync("/drift", Token);

        Assert.Contains("script-src 'self' 'unsafe-inline';", Header(jobs, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", Header(jobs, "Content-Security-Policy"), StringComparison.Ordinal);
        Assert.Equal(DashboardPolicy, Header(operations, "Content-Security-Policy"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(", ", values) : null;
}
