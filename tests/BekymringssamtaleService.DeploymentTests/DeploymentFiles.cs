using System.Text.Json.Nodes;
using BekymringssamtaleService.Testing;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace BekymringssamtaleService.DeploymentTests;

/// <summary>The files of deploy/, and their YAML read as JSON (anchors and merge keys resolved, as Compose reads them).</summary>
public static class DeploymentFiles
{
    public static string Compose { get; } = RepositoryRoot.Combine("deploy", "compose.yaml");

    public static string Dockerfile { get; } = RepositoryRoot.Combine("deploy", "Dockerfile");

    public static string Kubernetes(params string[] parts) => RepositoryRoot.Combine(["deploy", "kubernetes", .. parts]);

    /// <summary>Every Kubernetes manifest, the Secret template among them.</summary>
    public static string[] KubernetesManifests() =>
        [.. Directory.GetFiles(Kubernetes(), "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)];

    /// <summary>Each YAML document of the file as JSON.</summary>
    public static IReadOnlyList<JsonNode> Read(string file)
    {
        var deserializer = new DeserializerBuilder().Build();
        var serializer = new SerializerBuilder().JsonCompatible().Build();
        var parser = new MergingParser(new Parser(new StringReader(File.ReadAllText(file))));
        parser.Consume<YamlDotNet.Core.Events.StreamStart>();
        var documents = new List<JsonNode>();
        while (!parser.Accept<YamlDotNet.Core.Events.StreamEnd>(out _))
        {
            documents.Add(JsonNode.Parse(serializer.Serialize(deserializer.Deserialize(parser)))!);
        }

        return documents;
    }
}
