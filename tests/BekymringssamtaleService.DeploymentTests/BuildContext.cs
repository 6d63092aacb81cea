using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.DeploymentTests;

/// <summary>
/// The repository as a container build sees it through .dockerignore, and <c>COPY</c> from it. Knows the patterns the
/// file uses: <c>*</c> (everything), <c>!path</c> (let a file or folder in again), <c>**/name</c> (a folder of that name
/// anywhere) and a plain path; the last pattern that matches a path decides, as Docker does.
/// </summary>
public sealed class BuildContext
{
    private readonly List<(bool Excludes, string Pattern)> _patterns;

    private BuildContext(IEnumerable<string> dockerignore) =>
        _patterns = [.. dockerignore
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.StartsWith('!') ? (false, line[1..]) : (true, line))];

    public static BuildContext OfRepository() => new(File.ReadAllLines(RepositoryRoot.Combine(".dockerignore")));

    /// <summary>Whether the build sees the file or folder at <paramref name="path"/> (relative to the repository, with /).</summary>
    public bool Contains(string path)
    {
        var excluded = false;
        foreach (var (excludes, pattern) in _patterns)
        {
            if (Matches(pattern, path))
            {
                excluded = excludes;
            }
        }

        return !excluded;
    }

    /// <summary>
    /// <c>COPY SOURCE... TARGET</c> into <paramref name="workingFolder"/>: a file into TARGET (a folder when it ends with
    /// / or several sources are named), a folder's content into TARGET; only what the build context holds.
    /// </summary>
    public void Copy(string[] instruction, string workingFolder)
    {
        var sources = instruction[1..^1];
        var target = Path.GetFullPath(Path.Combine(workingFolder, instruction[^1]));
        var intoFolder = instruction[^1].EndsWith('/') || sources.Length > 1;
        foreach (var source in sources)
        {
            var original = RepositoryRoot.Combine(source.Split('/'));
            Assert.True(Contains(source) && Path.Exists(original), $"{string.Join(' ', instruction)}: {source} is not in the build context (.dockerignore).");
            if (File.Exists(original))
            {
                CopyFile(original, intoFolder ? Path.Combine(target, Path.GetFileName(original)) : target);
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(original, "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(RepositoryRoot.Path, file).Replace('\\', '/');
                if (Contains(relative))
                {
                    CopyFile(file, Path.Combine(target, Path.GetRelativePath(original, file)));
                }
            }
        }
    }

    private static bool Matches(string pattern, string path)
    {
        if (pattern == "*")
        {
            return true;
        }

        if (pattern.StartsWith("**/", StringComparison.Ordinal))
        {
            return path.Split('/').Contains(pattern[3..], StringComparer.Ordinal);
        }

        return path == pattern || path.StartsWith(pattern + "/", StringComparison.Ordinal);
    }

    private static void CopyFile(string source, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target, overwrite: true);
    }
}
