using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.Forms;

/// <summary>
/// Turns a posted dashboard form into the same JSON request the API takes, so a page and an API call reach the
/// handler alike. The form's input names are the request's JSON paths ("guardians[1].email"); empty inputs are left
/// out, a date and time is read as Norwegian wall-clock time, and the request is held to <see cref="RequestRules"/>.
/// </summary>
public static partial class CaseForm
{
    public const string Yes = "true";
    public const string No = "false";

    /// <summary>The request, or the field errors of inputs that could not be read (nothing is sent to the handler then).</summary>
    public static (object? Request, IReadOnlyDictionary<string, string[]> Errors) Read(IReadOnlyList<FormField> fields, IFormCollection form, Type requestType)
    {
        var json = new JsonObject();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            if (field.Kind == FieldKind.MeasureStatuses)
            {
                if (Entries(field.Name, form) is { Count: > 0 } entries)
                {
                    json[field.Name] = entries;
                }

                continue;
            }

            if (field.Kind == FieldKind.Confirm)
            {
                if (form[field.Name] != Yes)
                {
                    errors[field.Name] = ["Kryss av for å bekrefte. Ingenting er gjort ennå."];
                }

                continue;
            }

            var values = form[field.Name].Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value!.Trim()).ToList();
            var (node, error) = Convert(field, values);
            if (error is not null)
            {
                errors[field.Name] = [error];
            }
            else if (node is not null)
            {
                Set(json, field.Name, node);
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        RemoveGaps(json);

        try
        {
            // The API's rules for every request apply to a form alike: invalid bytes reach a form as U+FFFD, which they refuse.
            var request = json.Deserialize(requestType, ApiJson.Options)!;
            var broken = RequestRules.Check(request);
            return broken.Count == 0 ? (request, errors) : (null, broken);
        }
        catch (JsonException exception)
        {
            var path = exception.Path?.TrimStart('$', '.') ?? "";
            return (null, new Dictionary<string, string[]> { [path] = ["Verdien kan ikke leses."] });
        }
    }

    /// <summary>The HTML id of a field's input, from its JSON path ("guardians[1].email" → "felt-guardians-1-email").</summary>
    public static string InputId(string name) => "felt-" + NonWordCharacters().Replace(name, "-").Trim('-');

    private static (JsonNode? Node, string? Error) Convert(FormField field, List<string> values)
    {
        if (field.Kind == FieldKind.Hidden)
        {
            return (JsonValue.Create(field.FixedValue), null);
        }

        if (field.Kind is FieldKind.UnitOfficers or FieldKind.Guardians)
        {
            return values.Count == 0 ? (null, null) : (new JsonArray([.. values.Select(value => JsonValue.Create(value))]), null);
        }

        if (values.Count == 0)
        {
            return (null, null);
        }

        var value = values[0];
        return field.Kind switch
        {
            FieldKind.Number => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                ? (JsonValue.Create(number), null)
                : (null, "Skriv et helt tall."),
            FieldKind.DateTime => !DateTime.TryParseExact(value, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
                ? (null, "Skriv dato og klokkeslett.")
                : local.Year is < RequestRules.EarliestYear or > RequestRules.LatestYear
                    // Checked before the conversion to UTC, which cannot represent the first hours of year 1.
                    ? (null, $"Datoen må ligge mellom år {RequestRules.EarliestYear} og {RequestRules.LatestYear}.")
                    : (JsonValue.Create(OsloTime.FromOsloWallClock(local)), null),
            FieldKind.Date => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? (JsonValue.Create(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), null)
                : (null, "Skriv en dato."),
            FieldKind.YesNo => (JsonValue.Create(value == Yes), null),
            _ => (JsonValue.Create(value), null),
        };
    }

    /// <summary>The inputs named "{name}.{key}" that were filled in, as one object of key and value.</summary>
    private static JsonObject Entries(string name, IFormCollection form)
    {
        var entries = new JsonObject();
        foreach (var key in form.Keys.Where(key => key.StartsWith(name + ".", StringComparison.Ordinal)))
        {
            if (form[key].FirstOrDefault(value => !string.IsNullOrWhiteSpace(value)) is { } value)
            {
                entries[key[(name.Length + 1)..]] = value.Trim();
            }
        }

        return entries;
    }

    /// <summary>Sets the value at a JSON path of property names and array indexes, creating what lies between.</summary>
    private static void Set(JsonObject root, string path, JsonNode value)
    {
        var steps = PathSteps().Matches(path).Select(match => match.Groups["index"].Success
            ? (Name: (string?)null, Index: int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture))
            : (Name: match.Groups["name"].Value, Index: -1)).ToList();
        JsonNode current = root;
        for (var position = 0; position < steps.Count; position++)
        {
            var last = position == steps.Count - 1;
            JsonNode Next() => last ? value : steps[position + 1].Name is null ? new JsonArray() : new JsonObject();
            var step = steps[position];
            if (step.Name is not null)
            {
                var parent = current.AsObject();
                current = parent[step.Name] ??= Next();
            }
            else
            {
                var array = current.AsArray();
                while (array.Count <= step.Index)
                {
                    array.Add(null);
                }

                current = array[step.Index] ??= Next();
            }
        }
    }

    /// <summary>A row left empty in the middle of a list (the first of two guardians) is no entry at all.</summary>
    private static void RemoveGaps(JsonNode? node)
    {
        if (node is JsonArray array)
        {
            for (var index = array.Count - 1; index >= 0; index--)
            {
                if (array[index] is null)
                {
                    array.RemoveAt(index);
                }
            }
        }

        foreach (var child in node switch { JsonObject o => o.Select(pair => pair.Value), JsonArray a => a, _ => [] })
        {
            RemoveGaps(child);
        }
    }

    [GeneratedRegex(@"(?<name>[A-Za-z0-9]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathSteps();

    [GeneratedRegex(@"[^A-Za-z0-9]+")]
    private static partial Regex NonWordCharacters();
}
