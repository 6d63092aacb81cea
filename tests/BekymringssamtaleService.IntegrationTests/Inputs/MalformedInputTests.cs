using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Inputs;

/// <summary>
/// Every POST operation the OpenAPI document describes, sent a corpus of malformed bodies built from its schema alone:
/// an operation added later is covered without a line here. A host of its own, so that "nothing saved" is exact.
/// </summary>
public sealed partial class MalformedInputTests : IAsyncLifetime
{
    private ServiceHost _host = null!;
    private JsonObject? _document;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await ServiceHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Every_POST_operation_answers_every_malformed_body_with_a_4xx_problem_and_saves_nothing()
    {
        using var api = new CaseApi(_host, DemoUsers.OsloOfficer);
        var caseId = await api.RegisterAsync();
        var operations = await PostOperationsAsync();
        var before = await SavedAsync(caseId);

        var failures = new List<string>();
        var sent = 0;
        foreach (var (path, schema) in operations)
        {
            foreach (var body in Bodies(schema))
            {
                sent++;
                // The case is the test's; any other id in the path (a consent's) names nothing, which the body's errors come before.
                var url = OtherPathIds().Replace(path.Replace("{id}", caseId.ToString(), StringComparison.Ordinal), Guid.NewGuid().ToString());
                if (await RefusalProblemAsync(api, url, body) is { } failure)
                {
                    failures.Add($"POST {path} with {body.Name}: {failure}");
                }
            }
        }

        using var scope = _host.Services.CreateScope();
        Assert.True(operations.Count > scope.ServiceProvider.GetServices<ICaseStep>().Count(), $"Only {operations.Count} POST operations in the OpenAPI document.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} malformed requests were not refused as they should be:\n{string.Join('\n', failures.Take(60))}");
        Assert.Equal(before, await SavedAsync(caseId));
    }

    [Fact]
    public async Task After_a_burst_of_malformed_requests_valid_steps_still_succeed()
    {
        using var api = new CaseApi(_host, DemoUsers.OsloOfficer);
        var caseId = await api.RegisterAsync();
        var operations = (await PostOperationsAsync()).ToDictionary(operation => operation.Path, operation => operation.Schema);
        var burst = Bodies(operations["/api/v1/cases"]).Select(body => (Path: "/api/v1/cases", Body: body))
            .Concat(Bodies(operations["/api/v1/cases/{id}/invite"]).Select(body => (Path: $"/api/v1/cases/{caseId}/invite", Body: body)))
            .ToList();

        var answers = new List<HttpStatusCode>();
        foreach (var wave in burst.Chunk(16))
        {
            answers.AddRange(await Task.WhenAll(wave.Select(async request =>
            {
                using var response = await api.PostContentAsync(request.Path, Content(request.Body));
                return response.StatusCode;
            })));
        }

        Assert.DoesNotContain(answers, status => (int)status >= 500);
        Assert.Equal("ReadyToInvite", await api.StepAsync(caseId, "choose-track", new { track = "voluntary" }));
        Assert.Equal("Invited", await api.StepAsync(caseId, "invite", CaseRequests.Invitation(MeetingSlots.Next())));
    }

    /// <summary>Null when the answer is a 4xx ProblemDetails; otherwise what was wrong with it.</summary>
    private static async Task<string?> RefusalProblemAsync(CaseApi api, string path, MalformedBody body)
    {
        using var response = await api.PostContentAsync(path, Content(body));
        var text = await response.Content.ReadAsStringAsync(Token);
        var status = (int)response.StatusCode;
        if (status is < 400 or >= 500)
        {
            return $"{status} {Excerpt(text)}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return $"{status} as {response.Content.Headers.ContentType?.MediaType ?? "no content type"}";
        }

        using var problem = JsonDocument.Parse(text);
        return problem.RootElement.TryGetProperty("status", out var statusField) && statusField.GetInt32() == status ? null : $"{status} without a status in {Excerpt(text)}";
    }

    private IEnumerable<MalformedBody> Bodies(JsonNode schema) => new OpenApiBodies(_document!).Corpus(schema);

    private static ByteArrayContent Content(MalformedBody body)
    {
        var content = new ByteArrayContent(body.Bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(body.ContentType);
        return content;
    }

    /// <summary>The POST operations of the OpenAPI document that take a JSON body, with the body's schema.</summary>
    private async Task<List<(string Path, JsonNode Schema)>> PostOperationsAsync()
    {
        using var client = _host.CreateHttpClient();
        _document ??= JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json", Token))!.AsObject();
        return
        [
            .. _document["paths"]!.AsObject()
                .Select(path => (path.Key, Schema: path.Value?["post"]?["requestBody"]?["content"]?["application/json"]?["schema"]))
                .Where(operation => operation.Schema is not null)
                .Select(operation => (operation.Key, operation.Schema!)),
        ];
    }

    /// <summary>
    /// What a request could have saved: the number of cases, and the rows of every table (of the application and of the
    /// workflow engine) that belong to the case, found by their case_id or instance_id column.
    /// </summary>
    private async Task<string> SavedAsync(Guid caseId)
    {
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync(Token);
        var tables = new List<(string Schema, string Table, string Column)>();
        await using (var find = new NpgsqlCommand(
            """
            SELECT table_schema, table_name, column_name FROM information_schema.columns
            WHERE table_schema IN ('public', 'workflow') AND column_name IN ('case_id', 'instance_id')
            ORDER BY 1, 2, 3
            """,
            connection))
        await using (var reader = await find.ExecuteReaderAsync(Token))
        {
            while (await reader.ReadAsync(Token))
            {
                tables.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var counts = new List<string>();
        foreach (var (schema, table, column) in tables.Prepend(("public", "cases", "")))
        {
            await using var count = new NpgsqlCommand(
                column.Length == 0 ? $"SELECT count(*) FROM \"{schema}\".\"{table}\"" : $"SELECT count(*) FROM \"{schema}\".\"{table}\" WHERE \"{column}\" = @id",
                connection);
            count.Parameters.AddWithValue("id", caseId);
            counts.Add($"{schema}.{table}: {await count.ExecuteScalarAsync(Token)}");
        }

        return string.Join(", ", counts);
    }

    private static string Excerpt(string text) => text.Length <= 300 ? text : text[..300] + "…";

    [GeneratedRegex(@"\{[a-zA-Z]+Id\}")]
    private static partial Regex OtherPathIds();
}
