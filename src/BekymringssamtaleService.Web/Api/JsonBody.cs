using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Metadata;

namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// A request body read by the API's own rules, so that anything malformed becomes a field error in the ProblemDetails
/// rather than a bare 400 or a 500: bytes that are not UTF-8, JSON that is malformed, too deep or names a field twice,
/// a wrong type, an unknown field or enum value, and whatever <see cref="RequestRules"/> refuses in what was read.
/// </summary>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Minimal APIs find BindAsync and PopulateMetadata as static members of the parameter's type.")]
public sealed class JsonBody<T> : IEndpointParameterMetadataProvider
    where T : class
{
    /// <summary>Far above any request's size (a registration with ten guardians is a few kilobytes).</summary>
    public const int LargestBody = 256 * 1024;

    private JsonBody(T? value, IReadOnlyDictionary<string, string[]> errors)
    {
        Value = value;
        Errors = errors;
    }

    /// <summary>The request, when it was read and obeys <see cref="RequestRules"/>; otherwise null and <see cref="Errors"/> say why.</summary>
    public T? Value { get; }

    /// <summary>Why the body could not be taken, as field errors; empty when it could.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public static async ValueTask<JsonBody<T>> BindAsync(HttpContext context)
    {
        if (!context.Request.HasJsonContentType())
        {
            return Refused("body", "Innholdet må være JSON (Content-Type: application/json).");
        }

        var bytes = await ReadAsync(context.Request.Body, context.RequestAborted);
        if (bytes is null)
        {
            return Refused("body", $"Innholdet er for stort (høyst {LargestBody / 1024} kB).");
        }

        // Checked before parsing: the JSON reader would otherwise carry invalid bytes into the text as U+FFFD or fail later.
        if (!Utf8.IsValid(bytes))
        {
            return Refused("body", "Innholdet er ikke gyldig UTF-8.");
        }

        JsonNode? node;
        try
        {
            // Whether it is JSON at all: a fault here is the body's, not a field's.
            node = JsonNode.Parse(bytes, documentOptions: new JsonDocumentOptions { MaxDepth = ApiJson.Options.MaxDepth });
        }
        catch (JsonException exception)
        {
            return Refused("body", MessageOf(exception));
        }

        try
        {
            // Read from the bytes, not the node: a key given twice or a lone surrogate ("\ud800") is then a JsonException with its path.
            if (JsonSerializer.Deserialize<T>(bytes, ApiJson.Options) is not { } value)
            {
                return Refused("body", "Innholdet mangler.");
            }

            // Only now: the node would throw on a key given twice.
            if (NullInAList(node, "") is { } path)
            {
                return Refused(path, "En liste kan ikke ha tomme (null) elementer.");
            }

            var broken = RequestRules.Check(value);
            return broken.Count == 0 ? new JsonBody<T>(value, new Dictionary<string, string[]>()) : new JsonBody<T>(null, broken);
        }
        catch (JsonException exception)
        {
            return Refused(FieldOf(exception), MessageOf(exception));
        }
    }

    private static JsonBody<T> Refused(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The body, or null when it is larger than <see cref="LargestBody"/>.</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > LargestBody)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string FieldOf(JsonException exception) =>
        string.IsNullOrEmpty(exception.Path) || exception.Path == "$" ? "body" : exception.Path.TrimStart('$', '.');

    private static string MessageOf(JsonException exception) => exception switch
    {
        { Message: var message } when message.Contains("could not be mapped", StringComparison.Ordinal) => "Feltet er ukjent.",
        { Message: var message } when message.Contains("Duplicate property", StringComparison.Ordinal) => "Et felt kan bare stå én gang.",
        { Message: var message } when message.Contains("maximum configured depth", StringComparison.Ordinal) => "JSON-innholdet er nestet for dypt.",
        // A lone UTF-16 surrogate ("\ud800") cannot be read as text.
        { InnerException: InvalidOperationException } => "Teksten har et ugyldig tegn (feil tegnkoding).",
        _ => "Verdien har feil format eller type.",
    };

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
