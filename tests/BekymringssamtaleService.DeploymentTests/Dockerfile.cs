using System.Text.Json;

namespace BekymringssamtaleService.DeploymentTests;

/// <summary>
/// What deploy/Dockerfile says, read from it so that the tests do what it does: the build stage's copies from the build
/// context and its <c>dotnet</c> commands, in order, and the final stage's working folder, copies, environment and entry
/// point.
/// </summary>
public sealed class Dockerfile
{
    private Dockerfile(List<string> instructions)
    {
        var finalStageStart = instructions.FindLastIndex(line => line.StartsWith("FROM ", StringComparison.Ordinal));
        var buildStage = instructions[..finalStageStart];
        var finalStage = instructions[finalStageStart..];
        BuildImage = buildStage[0].Split(' ')[1];
        BuildFolder = WorkingFolderOf(buildStage);
        BuildSteps = [.. buildStage
            .Where(line => IsCopyFromContext(line) || line.StartsWith("RUN dotnet ", StringComparison.Ordinal))
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        WorkingFolder = WorkingFolderOf(finalStage);
        CopiedFromContext = [.. finalStage.Where(IsCopyFromContext).Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))];
        Environment = finalStage
            .Where(line => line.StartsWith("ENV ", StringComparison.Ordinal))
            .SelectMany(line => line["ENV ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Select(setting => setting.Split('=', 2))
            .ToDictionary(setting => setting[0], setting => setting[1], StringComparer.Ordinal);
        EntryPoint = JsonSerializer.Deserialize<string[]>(finalStage.Single(line => line.StartsWith("ENTRYPOINT ", StringComparison.Ordinal))["ENTRYPOINT ".Length..])!;
    }

    /// <summary>The build stage's image (the SDK).</summary>
    public string BuildImage { get; }

    /// <summary>The build stage's WORKDIR, where the build context is copied (/source).</summary>
    public string BuildFolder { get; }

    /// <summary>The build stage's <c>COPY</c> and <c>RUN dotnet</c> instructions in order, each split into its words.</summary>
    public IReadOnlyList<string[]> BuildSteps { get; }

    /// <summary>The final stage's WORKDIR, where the image's files are (/app).</summary>
    public string WorkingFolder { get; }

    /// <summary>The final stage's <c>COPY</c> instructions from the build context, each split into its words.</summary>
    public IReadOnlyList<string[]> CopiedFromContext { get; }

    public IReadOnlyDictionary<string, string> Environment { get; }

    public IReadOnlyList<string> EntryPoint { get; }

    public static Dockerfile Read(string path) => new(Instructions(File.ReadAllLines(path)));

    private static bool IsCopyFromContext(string line) =>
        line.StartsWith("COPY ", StringComparison.Ordinal) && !line.StartsWith("COPY --from", StringComparison.Ordinal);

    private static string WorkingFolderOf(IEnumerable<string> stage) =>
        stage.Last(line => line.StartsWith("WORKDIR ", StringComparison.Ordinal))["WORKDIR ".Length..];

    /// <summary>The file's instructions, one a line: comments left out, lines continued with a backslash joined.</summary>
    private static List<string> Instructions(IEnumerable<string> lines)
    {
        var instructions = new List<string>();
        var pending = "";
        foreach (var line in lines.Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#')))
        {
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }

            instructions.Add(pending + line);
            pending = "";
        }

        return instructions;
    }
}
