using System.Text.Json;
using System.Text.Json.Serialization;

namespace BekymringssamtaleService.Web.Api;

/// <summary>The API's JSON: camelCase names, enums as camelCase strings, and unknown fields refused.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
    }

    /// <summary>
    /// How requests are read: as <see cref="Configure"/>, but strictly — null refused where the type does not allow it,
    /// enum values only as the exact names documented (<see cref="ExactEnumConverter"/>), a field named twice or nesting deeper
    /// than any request refused.
    /// </summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        // Request bodies only: null for a non-nullable member (a list, the youth) is a field error, not a crash later on.
        options.RespectNullableAnnotations = true;
        options.Converters.Insert(0, new ExactEnumConverter());
        options.AllowDuplicateProperties = false;
        // Far deeper than any request type; a body nested deeper is refused before it costs anything.
        options.MaxDepth = 16;
        // Read-only with its resolver from the start: RequestRules reads the request types' JSON names from it.
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
