using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests;

public sealed class ApiProblemTests(SharedHost shared)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_program_without_a_sign_in_gets_401_as_a_Norwegian_problem_not_the_login_page()
    {
        using var client = shared.Host.CreateHttpClient();

        using var response = await client.GetAsync("/api/v1/cases", Token);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "Ikke innlogget");
    }

    [Fact]
    public async Task A_development_user_header_naming_nobody_is_not_a_sign_in()
    {
        using var client = shared.Host.CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", "finnes-ikke");

        using var response = await client.GetAsync("/api/v1/cases", Token);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized, "Ikke innlogget");
    }

    [Theory]
    [InlineData("GET", "/api/v1/finnes-ikke", HttpStatusCode.NotFound, "Fant ikke")]
    [InlineData("DELETE", "/api/v1/cases", HttpStatusCode.MethodNotAllowed, "Metoden er ikke tillatt")]
    [InlineData("GET", "/api/v1/cases/01a21411-8ce6-7242-a8b1-efd5fc7395cd", HttpStatusCode.NotFound, "Fant ikke saken")]
    public async Task An_unknown_address_method_or_case_is_answered_with_a_Norwegian_problem(string method, string path, HttpStatusCode status, string title)
    {
        using var client = SignedIn(DemoUsers.OsloOfficer);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Token);

        await AssertProblemAsync(response, status, title);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_refused_with_a_problem()
    {
        using var client = SignedIn(DemoUsers.OsloOfficer);

        using var response = await client.PostAsync("/api/v1/cases", new StringContent("registrer", System.Text.Encoding.UTF8, "text/plain"), Token);

        await AssertProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Feil innholdstype");
    }

    [Fact]
    public async Task An_administrator_may_not_read_case_lists_and_is_told_so()
    {
        using var client = SignedIn(DemoUsers.Administrator);

        using var response = await client.GetAsync("/api/v1/cases", Token);

        await AssertProblemAsync(response, HttpStatusCode.Forbidden, "Ikke tilgang");
    }

    [Fact]
    public async Task The_OpenAPI_document_and_the_Scalar_reference_are_served_without_sign_in_in_Development()
    {
        using var client = shared.Host.CreateHttpClient();

        using var document = await client.GetAsync("/openapi/v1.json", Token);
        using var scalar = await client.GetAsync("/scalar/", Token);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal("Bekymringssamtale API", (await document.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("info").GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, scalar.StatusCode);
        Assert.Contains("openapi/v1.json", await scalar.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    private HttpClient SignedIn(string staffId)
    {
        var client = shared.Host.CreateHttpClient();
        client.DefaultRequestHeaders.Add("X-Dev-User", staffId);
        return client;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal(title, problem.GetProperty("title").GetString());
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }
}
