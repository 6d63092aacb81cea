using System.Net;
using System.Text.Json;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests.Cases;

public sealed class OpenApiTests(SharedHost shared)
{
    [Fact]
    public async Task The_OpenAPI_document_is_served_anonymously_and_describes_every_endpoint_of_the_API()
    {
        using var client = shared.Host.CreateHttpClient();

        using var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var paths = document.RootElement.GetProperty("paths");
        var expected = ApiOperations();
        Assert.True(expected.Count >= 23, $"Only {expected.Count} endpoints found under /api/v1.");
        var missing = expected
            .Where(operation => !paths.TryGetProperty(operation.Path, out var path) || !path.TryGetProperty(operation.Method, out _))
            .Select(operation => $"{operation.Method.ToUpperInvariant()} {operation.Path}")
            .ToList();
        Assert.True(missing.Count == 0, $"The OpenAPI document lacks: {string.Join(", ", missing)}");
        foreach (var (method, path, name) in expected.Where(operation => operation.Name is not null))
        {
            Assert.Equal(name, paths.GetProperty(path).GetProperty(method).GetProperty("operationId").GetString());
        }
    }

    [Fact]
    public async Task Every_step_of_the_OpenAPI_document_takes_a_JSON_body_described_by_its_schema()
    {
        using var client = shared.Host.CreateHttpClient();

        using var response = await client.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken);

        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        using var scope = shared.Host.Services.CreateScope();
        foreach (var step in scope.ServiceProvider.GetServices<ICaseStep>())
        {
            // The consent steps' routes name the consents; withdrawing takes the consent's id from its path, not its body.
            var path = step.Slug switch { "record-consent" => "consents", "record-duty-to-inform" => "consents/duty-to-inform", "withdraw-consent" => "consents/{consentId}/withdraw", _ => step.Slug };
            var requestType = step.Slug == "withdraw-consent" ? "WithdrawConsentBody" : step.RequestType.Name;
            var operation = document.RootElement.GetProperty("paths").GetProperty($"/api/v1/cases/{{id}}/{path}").GetProperty("post");
            Assert.True(operation.TryGetProperty("requestBody", out var body), $"{step.Slug}: {operation}");
            Assert.True(body.GetProperty("required").GetBoolean(), step.Slug);
            Assert.True(body.GetProperty("content").GetProperty("application/json").GetProperty("schema").TryGetProperty("$ref", out var schema), $"{step.Slug}: {body}");
            Assert.EndsWith($"/{requestType}", schema.GetString(), StringComparison.Ordinal);
        }
    }

    /// <summary>The app's own endpoints under /api/v1, as OpenAPI names them: lower-case method, path without route constraints.</summary>
    private List<(string Method, string Path, string? Name)> ApiOperations() =>
    [
        .. shared.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (
                method.ToLowerInvariant(),
                OpenApiPath(endpoint),
                endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName))),
    ];

    private static string OpenApiPath(RouteEndpoint endpoint)
    {
        var segments = endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
            _ => part.ToString(),
        })));
        return "/" + string.Join('/', segments);
    }
}
