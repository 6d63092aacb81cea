using System.Net;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>An unexpected failure behind the API: a host of its own, whose database refuses every new case.</summary>
public sealed class ApiErrorTests
{
    [Fact]
    public async Task An_unexpected_error_on_the_API_is_answered_with_a_Norwegian_ProblemDetails_that_carries_a_reference_and_no_internals()
    {
        await using var host = await ServiceHost.StartAsync();
        await using (var connection = new NpgsqlConnection(host.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var breakCases = new NpgsqlCommand(
                """
                CREATE FUNCTION test_refuse_case() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'test: no new cases'; END; $$;
                CREATE TRIGGER test_refuse_case BEFORE INSERT ON cases FOR EACH ROW EXECUTE FUNCTION test_refuse_case();
                """,
                connection);
            await breakCases.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        using var api = new CaseApi(host, DemoUsers.OsloOfficer);

        using var response = await api.TryRegisterAsync(CaseRequests.Registration());

        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Equal("Noe gikk galt", problem.Title);
        Assert.StartsWith("Forespørselen ble ikke fullført. Feilen er logget med referansen ", problem.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("test: no new cases", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}
