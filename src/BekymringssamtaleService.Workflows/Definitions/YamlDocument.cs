using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace BekymringssamtaleService.Workflows.Definitions;

/// <summary>
/// A YAML file as a JSON tree (for the schema and the deserializer) plus the line of every node, keyed by JSON
/// pointer, so a problem found in the tree can be reported at its line in the file.
/// </summary>
internal sealed class YamlDocument
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    private YamlDocument(JsonNode? root, Dictionary<string, int> lines)
    {
        Root = root;
        _lines = lines;
    }

    public JsonNode? Root { get; }

    /// <summary>The line of the node at the pointer, or of its nearest ancestor that has one.</summary>
    public int LineOf(string pointer)
    {
        for (var current = pointer; ; current = current[..current.LastIndexOf('/')])
        {
            if (_lines.TryGetValue(current, out var line))
            {
                return line;
            }

            if (current.Length == 0)
            {
                return 1;
            }
        }
    }

    public static YamlDocument Parse(string text)
    {
        var stream = new YamlStream();
        var parser = new Parser(new StringReader(text));
        try
        {
            stream.Load(parser);
        }
        catch (InvalidOperationException exception)
        {
            // YamlDotNet's scanner throws this on some malformed flow collections; report where parsing stopped.
            var where = parser.Current?.End ?? Mark.Empty;
            throw new YamlException(where, where, "The YAML is malformed near here (an unclosed bracket or brace?).", exception);
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        var root = stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode, "", lines);
        return new YamlDocument(root, lines);
    }

    private static JsonNode? Convert(YamlNode node, string pointer, Dictionary<string, int> lines)
    {
        lines[pointer] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
                var json = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? "";
                    var child = pointer + "/" + name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
                    json[name] = Convert(value, child, lines);
                    lines[child] = (int)key.Start.Line;
                }

                return json;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (var index = 0; index < sequence.Children.Count; index++)
                {
                    array.Add(Convert(sequence.Children[index], $"{pointer}/{index}", lines));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new YamlException(node.Start, node.End, "Aliases and anchors are not supported in workflow definitions.");
        }
    }

    // Plain scalars carry YAML's types (true/false, integers, null); quoted ones are always text.
    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        return value switch
        {
            "" or "~" or "null" => null,
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(value),
        };
    }
}
