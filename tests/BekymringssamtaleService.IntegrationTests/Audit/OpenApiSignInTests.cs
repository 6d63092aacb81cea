using System.Net;
using BekymringssamtaleService.SmtpSink;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Audit;

/// <summary>The host as production runs it (its own process, Production settings, OpenID Connect): the API's description is for signed-in staff only.</summary>
public sealed class OpenApiSignInTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task In_Production_the_OpenAPI_document_needs_a_sign_in_and_the_development_header_signs_in_no_one()
    {
        var smtpPort = FreeTcpPort.Next();
        await using var smtp = await SmtpSinkServer.StartAsync(smtpPort, new MemoryMailbox(), Token);
        var settings = ProductionSettings.WithUnreachableIdentityProvider();
        using var host = await ServiceProcess.StartAsync(ServiceProcess.BuiltWebDll, await TestPostgres.CreateDatabaseAsync("openapi"), smtpPort, settings, Token);
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        using var withToken = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json") { Headers = { { "Authorization", "Bearer ikke-et-gyldig-token" } } };
        using var withDevelopmentHeader = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json")
        {
            Headers = { { "Authorization", "Bearer ikke-et-gyldig-token" }, { "X-Dev-User", DemoUsers.Administrator } },
        };
        using var tokenAnswer = await client.SendAsync(withToken, Token);
        using var headerAnswer = await client.SendAsync(withDevelopmentHeader, Token);

        Assert.Equal(HttpStatusCode.Unauthorized, tokenAnswer.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, headerAnswer.StatusCode);
        Assert.DoesNotContain("openapi", await tokenAnswer.Content.ReadAsStringAsync(Token), StringComparison.OrdinalIgnoreCase);
    }
}
