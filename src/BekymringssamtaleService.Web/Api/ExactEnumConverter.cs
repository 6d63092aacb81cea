using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BekymringssamtaleService.Web.Api;

/// <summary>
/// Reads an enum only from the exact camelCase name the OpenAPI document lists ("nb", "childWelfare"): no other casing,
/// no number. (<see cref="JsonStringEnumConverter"/> also takes "NB" and "ChildWelfare".) Writes the same names.
/// </summary>
public sealed class ExactEnumConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Exact<>).MakeGenericType(typeToConvert))!;

    private sealed class Exact<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly FrozenDictionary<string, TEnum> ByName =
            Enum.GetValues<TEnum>().ToFrozenDictionary(value => JsonNamingPolicy.CamelCase.ConvertName(value.ToString()), StringComparer.Ordinal);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType == JsonTokenType.String && reader.GetString() is { } name && ByName.TryGetValue(name, out var value)
                ? value
                : throw new JsonException($"Expected one of {string.Join(", ", ByName.Keys)}.");

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(JsonNamingPolicy.CamelCase.ConvertName(value.ToString()));
    }
}
