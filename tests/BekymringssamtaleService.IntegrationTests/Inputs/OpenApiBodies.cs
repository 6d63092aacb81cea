using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BekymringssamtaleService.Domain.Time;

namespace BekymringssamtaleService.IntegrationTests.Inputs;

/// <summary>A request body exactly as it goes on the wire, named for the failure message.</summary>
internal sealed record MalformedBody(string Name, byte[] Bytes, string ContentType = "application/json")
{
    public static MalformedBody Text(string name, string text, string contentType = "application/json") => new(name, Encoding.UTF8.GetBytes(text), contentType);
}

/// <summary>
/// Request bodies built from a schema of the OpenAPI document alone: a plausible baseline (every property present, one
/// item in each list) and, from it, a corpus of malformed bodies — whole-body faults (not JSON, a key twice, nesting
/// too deep, bytes that are not UTF-8) and a fault in each property after its kind (text, enum, date, number, list).
/// </summary>
internal sealed class OpenApiBodies(JsonObject document)
{
    private const string Raw = "\u0001raw\u0001";

    public IReadOnlyList<MalformedBody> Corpus(JsonNode schema)
    {
        var baseline = Baseline(schema, 0) ?? new JsonObject();
        var corpus = new List<MalformedBody>
        {
            MalformedBody.Text("empty body", ""),
            MalformedBody.Text("not JSON", "registrer saken"),
            MalformedBody.Text("JSON null", "null"),
            MalformedBody.Text("a list instead of an object", "[]"),
            MalformedBody.Text("truncated JSON", baseline.ToJsonString()[..^1]),
            MalformedBody.Text("text/plain", baseline.ToJsonString(), "text/plain"),
            MalformedBody.Text("an unknown field", Spliced(baseline, "\"finnesIkke\":1")),
            MalformedBody.Text("nesting 500 deep", Spliced(baseline, $"\"finnesIkke\":{new string('[', 500)}{new string(']', 500)}")),
        };
        if (baseline is JsonObject { Count: > 0 } record)
        {
            var (key, value) = record.First();
            corpus.Add(MalformedBody.Text($"the key {key} twice", Spliced(baseline, $"\"{key}\":{value?.ToJsonString() ?? "null"}")));
        }

        foreach (var (path, leaf) in Leaves(schema, baseline, []))
        {
            corpus.AddRange(Faults(leaf, At(baseline, path)).Select(fault => fault.Raw is { } raw
                ? new MalformedBody($"{Path(path)}: {fault.Name}", WithRaw(baseline, path, raw))
                : MalformedBody.Text($"{Path(path)}: {fault.Name}", With(baseline, path, fault.Value).ToJsonString())));
        }

        return corpus;
    }

    /// <summary>A value of the schema that reads well: every property, one item per list, the first value of an enum.</summary>
    public JsonNode? Baseline(JsonNode schema, int depth)
    {
        var resolved = Resolve(schema);
        if (Enum(resolved) is [var first, ..])
        {
            return first;
        }

        return Kind(resolved) switch
        {
            "object" => new JsonObject(Properties(resolved).Select(p => KeyValuePair.Create(p.Key, depth > 8 ? null : Baseline(p.Value, depth + 1)))),
            "array" => new JsonArray(Baseline(resolved["items"]!, depth + 1)),
            "integer" => Math.Clamp(60, (int?)resolved["minimum"]?.GetValue<double>() ?? int.MinValue, (int?)resolved["maximum"]?.GetValue<double>() ?? int.MaxValue),
            "number" => 1,
            "boolean" => true,
            "string" => (string?)resolved["format"] switch
            {
                "date" => OsloTime.Today(TimeProvider.System.GetUtcNow()).AddYears(-14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "date-time" => TimeProvider.System.GetUtcNow().AddDays(30).ToString("yyyy-MM-ddT10:00:00+00:00", CultureInfo.InvariantCulture),
                "uuid" => Guid.NewGuid().ToString(),
                _ => "Tekst",
            },
            _ => null,
        };
    }

    private static IEnumerable<(string Name, JsonNode? Value, byte[]? Raw)> Faults(JsonObject schema, JsonNode? value)
    {
        if (Enum(schema) is { Count: > 0 } values)
        {
            var name = values[0]!.GetValue<string>();
            yield return ("enum value in upper case", name.ToUpperInvariant(), null);
            yield return ("enum value capitalised", char.ToUpperInvariant(name[0]) + name[1..], null);
            yield return ("enum value as a number", 0, null);
            yield return ("enum value as a number", 1, null);
            yield return ("an enum value not documented", "finnesIkke", null);
            yield break;
        }

        switch (Kind(schema))
        {
            case "string" when (string?)schema["format"] is "date":
                yield return ("year 9999", "9999-12-31", null);
                yield return ("year 0001", "0001-01-01", null);
                yield return ("not a date", "31.12.2020", null);
                break;
            case "string" when (string?)schema["format"] is "date-time":
                yield return ("year 9999", "9999-12-31T23:59:00+00:00", null);
                yield return ("year 9999 at its last minute, Norwegian time", "9999-12-31T23:59:00+01:00", null);
                yield return ("year 0001", "0001-01-01T00:00:00+00:00", null);
                yield return ("year 0001, before UTC can say", "0001-01-01T00:00:00+01:00", null);
                yield return ("not a time", "i morgen", null);
                break;
            case "string":
                yield return ("NUL", "a\u0000b", null);
                yield return ("a control character", "a\u0007b", null);
                yield return ("DEL", "a\u007Fb", null);
                yield return ("a C1 control character", "a\u0085b", null);
                yield return ("U+FFFD (what is left of invalid UTF-8)", "a\uFFFDb", null);
                yield return ("a lone surrogate", null, Encoding.UTF8.GetBytes("\"a\\ud800b\""));
                yield return ("a lone low surrogate", null, Encoding.UTF8.GetBytes("\"\\udc00\""));
                yield return ("invalid UTF-8", null, [(byte)'"', (byte)'a', 0xC3, 0x28, (byte)'"']);
                yield return ("an overlong UTF-8 encoding of '/'", null, [(byte)'"', 0xC0, 0xAF, (byte)'"']);
                yield return ("a UTF-8 encoded surrogate", null, [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"']);
                var maxLength = (int?)schema["maxLength"] ?? 100_000;
                yield return ($"{maxLength + 1} characters", new string('x', maxLength + 1), null);
                if (schema["pattern"] is { } pattern && !Regex.IsMatch("a\r\nb", pattern.GetValue<string>()))
                {
                    yield return ("CR/LF in one line", "a\r\nBcc: x@example.com", null);
                    yield return ("a tab in one line", "a\tb", null);
                }

                yield return ("a number", 1, null);
                break;
            case "integer" or "number":
                yield return ("int.MinValue", int.MinValue, null);
                yield return ("int.MaxValue", int.MaxValue, null);
                yield return ("past int.MaxValue", null, Encoding.UTF8.GetBytes("2147483648"));
                yield return ("1e308", null, Encoding.UTF8.GetBytes("1e308"));
                yield return ("-1e308", null, Encoding.UTF8.GetBytes("-1e308"));
                yield return ("a fraction", 1.5, null);
                yield return ("text", "seksti", null);
                break;
            case "boolean":
                yield return ("text", "ja", null);
                yield return ("a number", 1, null);
                break;
            case "array":
                yield return ("1000 items", new JsonArray([.. Enumerable.Range(0, 1000).Select(_ => value?[0]?.DeepClone())]), null);
                yield return ("an object instead of a list", new JsonObject(), null);
                break;
            case "object":
                yield return ("a list instead of an object", new JsonArray(), null);
                break;
        }
    }

    /// <summary>Every property and list item of the baseline, with its schema (containers too: a list gets its size faults).</summary>
    private IEnumerable<(List<object> Path, JsonObject Schema)> Leaves(JsonNode schema, JsonNode? value, List<object> path)
    {
        var resolved = Resolve(schema);
        if (path.Count > 0)
        {
            yield return (path, resolved);
        }

        if (Enum(resolved).Count > 0)
        {
            yield break;
        }

        if (Kind(resolved) == "object" && value is JsonObject record)
        {
            foreach (var (name, property) in Properties(resolved))
            {
                foreach (var leaf in Leaves(property, record[name], [.. path, name]))
                {
                    yield return leaf;
                }
            }
        }
        else if (Kind(resolved) == "array" && value is JsonArray { Count: > 0 } list)
        {
            foreach (var leaf in Leaves(resolved["items"]!, list[0], [.. path, 0]))
            {
                yield return leaf;
            }
        }
    }

    private JsonObject Resolve(JsonNode schema)
    {
        var current = schema.AsObject();
        for (var hops = 0; hops < 20; hops++)
        {
            if ((string?)current["$ref"] is { } reference)
            {
                current = document["components"]!["schemas"]![reference.Split('/')[^1]]!.AsObject();
            }
            else if ((current["oneOf"] ?? current["anyOf"] ?? current["allOf"]) is JsonArray branches)
            {
                current = branches.Select(branch => branch!.AsObject()).First(branch => (string?)branch["type"] != "null");
            }
            else
            {
                return current;
            }
        }

        throw new InvalidOperationException($"The schema {schema.ToJsonString()} refers to itself.");
    }

    private static IEnumerable<(string Key, JsonNode Value)> Properties(JsonObject schema) =>
        schema["properties"] is JsonObject properties ? properties.Select(p => (p.Key, p.Value!)) : [];

    private static List<JsonNode?> Enum(JsonObject schema) =>
        schema["enum"] is JsonArray values ? [.. values.Where(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String).Select(v => v!.DeepClone())] : [];

    /// <summary>The schema's type other than null ("type": ["null", "string"] is a string).</summary>
    private static string? Kind(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => (string?)t).FirstOrDefault(t => t != "null"),
        JsonValue type => (string?)type,
        _ => schema["properties"] is not null ? "object" : null,
    };

    private static JsonNode? At(JsonNode? baseline, List<object> path) =>
        path.Aggregate(baseline, (node, step) => step is string name ? node?[name] : node?[(int)step]);

    private static JsonNode With(JsonNode? baseline, List<object> path, JsonNode? value)
    {
        var copy = baseline!.DeepClone();
        var parent = path[..^1].Aggregate(copy, (node, step) => step is string name ? node[name]! : node[(int)step]!);
        if (path[^1] is string key)
        {
            parent[key] = value?.DeepClone();
        }
        else
        {
            parent[(int)path[^1]] = value?.DeepClone();
        }

        return copy;
    }

    /// <summary>The baseline with the value at the path replaced by bytes JSON text cannot hold as a value.</summary>
    private static byte[] WithRaw(JsonNode? baseline, List<object> path, byte[] raw)
    {
        var text = With(baseline, path, Raw).ToJsonString();
        var marker = JsonValue.Create(Raw).ToJsonString();
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. raw, .. Encoding.UTF8.GetBytes(text[(at + marker.Length)..])];
    }

    /// <summary>The baseline object's text with a member added in front of its own.</summary>
    private static string Spliced(JsonNode? baseline, string member)
    {
        var text = baseline!.ToJsonString();
        return text == "{}" ? $"{{{member}}}" : $"{{{member},{text[1..]}";
    }

    private static string Path(List<object> path) =>
        string.Concat(path.Select((step, index) => step is int item ? $"[{item}]" : index == 0 ? (string)step : $".{step}"));
}
