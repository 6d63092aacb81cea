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

    /// <summary>How request bodies are read: as <see cref="Configure"/>, and null refused where the type does not allow it.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Configure(options);
        // Request bodies only: null for a non-nullable member (a list, the youth) is a field error, not a crash later on.
        options.RespectNullableAnnotations = true;
        return options;
    }
}
