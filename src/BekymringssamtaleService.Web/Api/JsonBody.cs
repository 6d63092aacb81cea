using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.Metadata;

namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// A request body read by the API's own rules, so that malformed JSON, a wrong type or an unknown field becomes a
/// field error in the ProblemDetails instead of a bare 400.
/// </summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Minimal APIs find BindAsync and PopulateMetadata as static members of the parameter's type.")]
public sealed class JsonBody<T> : IEndpointParameterMetadataProvider
    where T : class
{
    private JsonBody(T? value, string? field, string? error)
    {
        Value = value;
        ErrorField = field;
        Error = error;
    }

    public T? Value { get; }

    public string? ErrorField { get; }

    public string? Error { get; }

    /// <summary>Why the body could not be read, as field errors; empty when it could.</summary>
    public IReadOnlyDictionary<string, string[]> Errors =>
        ErrorField is null ? new Dictionary<string, string[]>() : new Dictionary<string, string[]> { [ErrorField] = [Error!] };

    public static async ValueTask<JsonBody<T>> BindAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return new JsonBody<T>(null, "body", "Innholdet må være JSON (Content-Type: application/json).");
        }

        try
        {
            var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (NullInAList(node, "") is { } path)
            {
                return new JsonBody<T>(null, path, "En liste kan ikke ha tomme (null) elementer.");
            }

            var value = node.Deserialize<T>(ApiJson.Options);
            return value is null ? new JsonBody<T>(null, "body", "Innholdet mangler.") : new JsonBody<T>(value, null, null);
        }
        catch (JsonException exception)
        {
            var field = string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');
            var message = exception.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? "Feltet er ukjent."
                : "Verdien har feil format eller type.";
            return new JsonBody<T>(null, field, message);
        }
    }

    /// <summary>The path of the first null inside a list ("guardians[1]"): the handlers take a list's items as present.</summary>
    private static string? NullInAList(JsonNode? node, string path) => node switch
    {
        JsonArray array => array.Select((item, index) => item is null ? $"{path}[{index}]" : NullInAList(item, $"{path}[{index}]")).FirstOrDefault(found => found is not null),
        JsonObject record => record.Select(pair => NullInAList(pair.Value, path.Length == 0 ? pair.Key : $"{path}.{pair.Key}"))
            .FirstOrDefault(found => found is not null),
        _ => null,
    };

    /// <summary>Tells the OpenAPI document that the operation takes a JSON body of <typeparamref name="T"/>.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new AcceptsMetadata(["application/json"], typeof(T), isOptional: false));
}
