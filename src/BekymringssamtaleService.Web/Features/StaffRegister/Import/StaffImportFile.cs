using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BekymringssamtaleService.Web.Features.StaffRegister.Import;

/// <summary>
/// One person as an import file gives them, with where in the file they are ("line 3", "entry 2"); or, with
/// <see cref="Unreadable"/>, a line or entry that could not be read, and why.
/// </summary>
public sealed record StaffImportEntry(
    string Where, string? Id, string? DisplayName, string? Email, IReadOnlyList<string> Roles, IReadOnlyList<string> Units, string? ExternalSubject,
    string? Unreadable = null)
{
    public static StaffImportEntry NotRead(string where, string why) => new(where, null, null, null, [], [], null, why);
}

/// <summary>
/// Reads the import-staff command's file, by its extension: <c>.json</c>, an array shaped as seeds/demo-users.json
/// (with an optional <c>externalSubject</c>), or <c>.csv</c> with the header <c>id;displayName;email;roles;units;externalSubject</c>
/// (semicolons or commas, as the header has them; <c>externalSubject</c> may be left out; a field may be quoted), roles
/// and units separated by <c>|</c>. A line or entry that cannot be read is given back as such, in its place; a file that
/// cannot be read at all (no header, not JSON) is an error of its own.
/// </summary>
public static class StaffImportFile
{
    public const char ListSeparator = '|';

    private static readonly string[] Columns = ["id", "displayName", "email", "roles", "units", "externalSubject"];

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static async Task<(IReadOnlyList<StaffImportEntry> Entries, string? FileError)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, Encoding.UTF8, cancellationToken);
        return Path.GetExtension(path).ToUpperInvariant() switch
        {
            ".JSON" => ReadJson(text),
            ".CSV" => ReadCsv(text),
            _ => throw new InvalidDataException("the file must end in .csv or .json."),
        };
    }

    private static (IReadOnlyList<StaffImportEntry>, string?) ReadJson(string text)
    {
        List<JsonEntry?>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<List<JsonEntry?>>(text, JsonOptions);
        }
        catch (JsonException exception)
        {
            // The serializer's message names the path and position, never the value.
            return ([], $"line {(exception.LineNumber ?? 0) + 1}: the file is not a JSON array of staff ({exception.Message})");
        }

        if (entries is null)
        {
            return ([], "line 1: the file is not a JSON array of staff");
        }

        return ([.. entries.Select((entry, index) => entry is null
            ? StaffImportEntry.NotRead($"entry {index + 1}", "is empty")
            : new StaffImportEntry($"entry {index + 1}", entry.Id, entry.DisplayName, entry.Email, entry.Roles ?? [], entry.Units ?? [], Blank(entry.ExternalSubject)))], null);
    }

    private static (IReadOnlyList<StaffImportEntry>, string?) ReadCsv(string text)
    {
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).ToList();
        if (lines.Count == 0 || string.IsNullOrWhiteSpace(lines[0]))
        {
            return ([], "line 1: the header line is missing (id;displayName;email;roles;units;externalSubject)");
        }

        var separator = lines[0].Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var header = Fields(lines[0], separator);
        var expected = Columns.Take(header?.Count ?? 0).ToList();
        if (header is null || header.Count < Columns.Length - 1
            || !header.Select(h => h.Trim()).SequenceEqual(expected, StringComparer.OrdinalIgnoreCase))
        {
            return ([], $"line 1: the header must be {string.Join(separator, Columns)} (externalSubject may be left out)");
        }

        var read = new List<StaffImportEntry>();
        for (var index = 1; index < lines.Count; index++)
        {
            if (string.IsNullOrWhiteSpace(lines[index]))
            {
                continue;
            }

            var where = $"line {index + 1}";
            var fields = Fields(lines[index], separator);
            if (fields is null)
            {
                read.Add(StaffImportEntry.NotRead(where, "a quoted field is not closed (a field cannot span lines)"));
                continue;
            }

            if (fields.Count != header.Count)
            {
                read.Add(StaffImportEntry.NotRead(where, $"has {fields.Count} fields, the header {header.Count}"));
                continue;
            }

            read.Add(new StaffImportEntry(
                where,
                fields[0].Trim(),
                fields[1].Trim(),
                fields[2].Trim(),
                List(fields[3]),
                List(fields[4]),
                fields.Count > 5 ? Blank(fields[5]) : null));
        }

        return (read, null);
    }

    /// <summary>The fields of one line; a field in double quotes may hold the separator and "" for a quote. Null: a quote left open.</summary>
    private static List<string>? Fields(string line, char separator)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.ToString().Trim().Length == 0)
            {
                field.Clear();
                quoted = true;
            }
            else if (c == separator)
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            return null;
        }

        fields.Add(field.ToString());
        return fields;
    }

    private static List<string> List(string field) =>
        [.. field.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private sealed record JsonEntry(
        string? Id, string? DisplayName, string? Email, IReadOnlyList<string>? Roles, IReadOnlyList<string>? Units, string? ExternalSubject = null);
}
