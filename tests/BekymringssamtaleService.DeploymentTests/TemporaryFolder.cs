namespace BekymringssamtaleService.DeploymentTests;

/// <summary>A folder of its own under the system's temporary folder, deleted with everything in it at the end.</summary>
public sealed class TemporaryFolder : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("bekymring-deploy-");

    public string Path => _folder.FullName;

    public void Dispose()
    {
        // Files the test made read-only must be writable again to be deleted.
        foreach (var entry in _folder.EnumerateFileSystemInfos("*", SearchOption.AllDirectories).Prepend(_folder))
        {
            entry.UnixFileMode |= UnixFileMode.UserWrite;
        }

        _folder.Delete(recursive: true);
    }
}
