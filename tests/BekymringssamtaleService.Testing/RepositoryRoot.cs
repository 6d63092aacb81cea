namespace BekymringssamtaleService.Testing;

public static class RepositoryRoot
{
    /// <summary>The folder holding BekymringssamtaleService.sln, found upwards from the test binaries.</summary>
    public static string Path { get; } = Find();

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "BekymringssamtaleService.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("BekymringssamtaleService.sln was not found above " + AppContext.BaseDirectory);
    }
}
