using System.Text.RegularExpressions;
using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>
/// Screenshots the browser tests keep: in BEKYMRING_TEST_ARTIFACTS (./test sets it beside the results), else in the
/// repository's .data/test/artifacts, so a reviewer can look at every page at every width the tests checked.
/// </summary>
public static partial class TestArtifacts
{
    private static readonly string Folder =
        Environment.GetEnvironmentVariable("BEKYMRING_TEST_ARTIFACTS") is { Length: > 0 } configured
            ? configured
            : RepositoryRoot.Combine(".data", "test", "artifacts");

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(Folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Folder, SafeFileName().Replace(name, "-") + ".png"), FullPage = true });
    }

    [GeneratedRegex("[^A-Za-z0-9_.-]+")]
    private static partial Regex SafeFileName();
}
