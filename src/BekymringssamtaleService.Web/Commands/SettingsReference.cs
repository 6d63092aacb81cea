using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace BekymringssamtaleService.Web.Commands;

/// <summary>
/// The settings reference of docs/operations.md, written from the code: every options class of the host (a class with a
/// <c>public const string SectionName</c>), its properties with their types, rules ([Required], [Range], [Url]) and
/// defaults (the class's own, as appsettings.json overrides them), and what each means from its XML documentation
/// comment. A new setting is documented by giving its property a summary and running <c>settings-reference --update</c>.
/// </summary>
public static partial class SettingsReference
{
    public const string BeginMarker = "<!-- BEGIN settings-reference: written by `settings-reference --update docs/operations.md`, do not edit by hand -->";
    public const string EndMarker = "<!-- END settings-reference -->";

    private const string None = "—";

    /// <summary>Settings the host reads without an options class: the connection strings and the folders it loads at start.</summary>
    private static readonly Row[] DirectSettings =
    [
        new("ConnectionStrings:Database", "text, required", None,
            "The PostgreSQL database as the everyday role (`bekymring_app`), which owns nothing: every connection of the running host."),
        new("ConnectionStrings:Migrations", "text", None,
            "The same database as its owner role: what `migrate` signs in as (and, in Development only, the host at start). Never give it to the hosts in production; it must name another role than `Database`."),
        new("Workflows:Folder", "folder", "`workflows`",
            "The workflow definitions (`*.yaml`) and their JSON Schema; published at start."),
        new("Letters:Folder", "folder", "`<Workflows:Folder>/letters`",
            "The Liquid letter templates; every template must exist and parse, or the host does not start."),
    ];

    /// <summary>The Markdown between <see cref="BeginMarker"/> and <see cref="EndMarker"/>.</summary>
    public static string Markdown()
    {
        var documentation = XmlDocumentation.Load(typeof(SettingsReference).Assembly);
        var appSettings = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Path.GetDirectoryName(typeof(SettingsReference).Assembly.Location)!, "appsettings.json"), optional: true)
            .Build();
        var tables = new List<Table>();
        foreach (var type in OptionsTypes())
        {
            var section = (string)type.GetField("SectionName")!.GetRawConstantValue()!;
            var defaults = Activator.CreateInstance(type)!;
            appSettings.GetSection(section).Bind(defaults);
            Describe(section, type, defaults, WithoutSectionName(documentation.Summary(type)), documentation, tables);
        }

        var markdown = new StringBuilder();
        markdown.Append("Settings come from `appsettings.json`, then environment variables, then the command line. In an environment variable ")
            .Append("each `:` is `__` (`Smtp:Host` is `Smtp__Host`, `Retention:Periods:moved` is `Retention__Periods__moved`). ")
            .Append("Time spans are `d.hh:mm:ss` (`365.00:00:00`, `00:00:30`), times of day `hh:mm`. ")
            .Append("Every setting is validated at start: a missing or wrong one stops the host with the setting's name.\n");
        var direct = new Table("Connection strings and folders", "", DirectSettings);
        foreach (var table in tables.OrderBy(table => table.Heading, StringComparer.Ordinal).Prepend(direct))
        {
            markdown.Append("\n### ").Append(table.Heading).Append("\n\n");
            if (table.Text.Length > 0)
            {
                markdown.Append(table.Text).Append("\n\n");
            }

            markdown.Append("| setting | type | default | meaning |\n|---|---|---|---|\n");
            foreach (var row in table.Rows)
            {
                markdown.Append(CultureInfo.InvariantCulture, $"| `{row.Setting}` | {Cell(row.Type)} | {Cell(row.Default)} | {Cell(row.Meaning)} |\n");
            }
        }

        return markdown.ToString();
    }

    /// <summary>The text of <paramref name="document"/> with the part between the markers replaced by <see cref="Markdown"/>.</summary>
    public static string UpdatedDocument(string document)
    {
        var begin = document.IndexOf(BeginMarker, StringComparison.Ordinal);
        var end = document.IndexOf(EndMarker, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidDataException($"The document has no place for the settings reference: put the lines {BeginMarker} and {EndMarker} where it goes.");
        }

        return string.Concat(document.AsSpan(0, begin + BeginMarker.Length), "\n", Markdown(), document.AsSpan(end));
    }

    private static IEnumerable<Type> OptionsTypes() =>
        typeof(SettingsReference).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false }
                && type.GetField("SectionName", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
                && field.FieldType == typeof(string));

    /// <summary>One table per class: its plain properties as rows; a property that is itself a class gets a table of its own.</summary>
    private static void Describe(string path, Type type, object defaults, string text, XmlDocumentation documentation, List<Table> tables)
    {
        var rows = new List<Row>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite))
        {
            var setting = $"{path}:{property.Name}";
            var meaning = documentation.Summary(property);
            var value = property.GetValue(defaults);
            if (IsPlain(property.PropertyType))
            {
                rows.Add(new Row(setting, TypeOf(property.PropertyType, property), Default(value), meaning));
            }
            else if (ListElementType(property.PropertyType) is { } elementType && IsPlain(elementType))
            {
                var entries = ((IEnumerable?)value)?.Cast<object>().Select(Default).ToList() ?? [];
                rows.Add(new Row($"{setting}:<n>", $"list of {TypeOf(elementType, property)}", entries.Count == 0 ? None : string.Join("; ", entries), meaning));
            }
            else if (DictionaryValueType(property.PropertyType) is { } valueType)
            {
                var key = $"{setting}:<key>";
                if (IsPlain(valueType))
                {
                    var dictionary = (IDictionary?)value;
                    var entries = dictionary?.Keys.Cast<object>().Select(entryKey => $"`{entryKey}`: {Default(dictionary[entryKey])}").ToList() ?? [];
                    rows.Add(new Row(key, TypeOf(valueType, property), entries.Count == 0 ? None : string.Join("; ", entries), meaning));
                }
                else
                {
                    Describe(key, valueType, Activator.CreateInstance(valueType)!, Join(meaning, documentation.Summary(valueType)), documentation, tables);
                }
            }
            else
            {
                Describe(setting, property.PropertyType, value ?? Activator.CreateInstance(property.PropertyType)!, Join(meaning, documentation.Summary(property.PropertyType)), documentation, tables);
            }
        }

        if (rows.Count > 0)
        {
            tables.Add(new Table($"`{path}`", text, rows));
        }
    }

    private static bool IsPlain(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(TimeSpan)
            || underlying == typeof(TimeOnly) || underlying == typeof(decimal) || underlying == typeof(Uri);
    }

    /// <summary>The element type of an array or a list (IReadOnlyList, List): bound from the keys 0, 1, 2 …</summary>
    private static Type? ListElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IList<>)) ? type.GetGenericArguments()[0]
        : null;

    private static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments()[0] == typeof(string)
            ? type.GetGenericArguments()[1]
            : null;

    private static string TypeOf(Type type, PropertyInfo property)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        var name = underlying switch
        {
            _ when underlying == typeof(bool) => "`true`/`false`",
            _ when underlying == typeof(int) || underlying == typeof(long) => "whole number",
            _ when underlying == typeof(double) || underlying == typeof(decimal) => "number",
            _ when underlying == typeof(TimeSpan) => "time span",
            _ when underlying == typeof(TimeOnly) => "time of day",
            _ when underlying == typeof(Uri) => "URL",
            _ when underlying.IsEnum => "one of " + string.Join(", ", Enum.GetNames(underlying).Select(value => $"`{value}`")),
            _ => "text",
        };
        var rules = new List<string> { name };
        if (property.GetCustomAttribute<RequiredAttribute>() is not null && !type.IsValueType)
        {
            rules.Add("required");
        }

        if (property.GetCustomAttribute<RangeAttribute>() is { } range)
        {
            rules.Add(string.Create(CultureInfo.InvariantCulture, $"{range.Minimum} … {range.Maximum}"));
        }

        if (property.GetCustomAttribute<UrlAttribute>() is not null)
        {
            rules.Add("absolute URL");
        }

        return string.Join(", ", rules);
    }

    private static string Default(object? value) => value switch
    {
        null or "" => None,
        bool flag => flag ? "`true`" : "`false`",
        TimeSpan span => $"`{span.ToString("c", CultureInfo.InvariantCulture)}`",
        TimeOnly time => $"`{time.ToString("HH:mm", CultureInfo.InvariantCulture)}`",
        IFormattable formattable => $"`{formattable.ToString(null, CultureInfo.InvariantCulture)}`",
        _ => $"`{value}`",
    };

    /// <summary>A class's summary without the "The section "X": " its heading already says.</summary>
    private static string WithoutSectionName(string summary) =>
        SectionNamePrefix().Match(summary) is { Success: true } prefix
            ? char.ToUpperInvariant(summary[prefix.Length]) + summary[(prefix.Length + 1)..]
            : summary;

    [GeneratedRegex("^The section \"[^\"]+\": ")]
    private static partial Regex SectionNamePrefix();

    private static string Join(string first, string second) =>
        first.Length == 0 ? second : second.Length == 0 ? first : $"{first} {second}";

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);

    private sealed record Row(string Setting, string Type, string Default, string Meaning);

    private sealed record Table(string Heading, string Text, IReadOnlyList<Row> Rows);

    /// <summary>The summaries of the assembly's XML documentation file (GenerateDocumentationFile), as Markdown.</summary>
    private sealed partial class XmlDocumentation(Dictionary<string, string> summaries)
    {
        public static XmlDocumentation Load(Assembly assembly)
        {
            var file = Path.ChangeExtension(assembly.Location, ".xml");
            if (!File.Exists(file))
            {
                throw new InvalidOperationException($"{file} is missing: the settings reference is written from the host's XML documentation (GenerateDocumentationFile).");
            }

            return new XmlDocumentation(XDocument.Load(file).Descendants("member")
                .Where(member => member.Element("summary") is not null)
                .ToDictionary(member => (string)member.Attribute("name")!, member => Text(member.Element("summary")!), StringComparer.Ordinal));
        }

        public string Summary(Type type) => summaries.GetValueOrDefault($"T:{type.FullName!.Replace('+', '.')}", "");

        public string Summary(PropertyInfo property) =>
            summaries.GetValueOrDefault($"P:{property.DeclaringType!.FullName!.Replace('+', '.')}.{property.Name}", "");

        private static string Text(XElement summary)
        {
            var text = new StringBuilder();
            foreach (var node in summary.Nodes())
            {
                text.Append(node switch
                {
                    XText plain => plain.Value,
                    XElement { Name.LocalName: "c" } code => $"`{code.Value}`",
                    XElement { Name.LocalName: "see" or "seealso" } reference => $"`{ShortName(reference)}`",
                    XElement { Name.LocalName: "paramref" or "typeparamref" } reference => $"`{(string?)reference.Attribute("name")}`",
                    XElement element => element.Value,
                    _ => "",
                });
            }

            return Whitespace().Replace(text.ToString(), " ").Trim();
        }

        private static string ShortName(XElement reference)
        {
            var cref = (string?)reference.Attribute("cref") ?? (string?)reference.Attribute("langword") ?? reference.Value;
            var name = cref.Split('(')[0];
            return name[(name.LastIndexOf('.') + 1)..];
        }

        [GeneratedRegex(@"\s+")]
        private static partial Regex Whitespace();
    }
}
