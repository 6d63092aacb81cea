using System.Text.Json;
using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>Runs axe-core (from npm) in the page and returns each violation as "rule: help (n nodes)".</summary>
public static class Accessibility
{
    /// <summary>The widths every page is checked at: a desktop and a phone held upright.</summary>
    public static readonly IReadOnlyList<int> Widths = [1280, 390];

    /// <summary>
    /// The page as it stands, checked at each of <see cref="Widths"/>: axe-core's violations, and any page wider than the
    /// screen (which makes a phone user scroll sideways), each prefixed with the width. A screenshot of each width is kept.
    /// </summary>
    public static async Task<IReadOnlyList<string>> ViolationsAtEveryWidthAsync(IPage page, string name)
    {
        var found = new List<string>();
        foreach (var width in Widths)
        {
            await page.SetViewportSizeAsync(width, 900);
            found.AddRange((await ViolationsAsync(page)).Select(violation => $"{width} px: {violation}"));
            var overflow = await page.EvaluateAsync<string?>(
                "() => document.documentElement.scrollWidth > window.innerWidth"
                + " ? `the page is ${document.documentElement.scrollWidth - window.innerWidth} px wider than the screen (widest: ${"
                + "[...document.body.querySelectorAll('*')].filter(e => e.getBoundingClientRect().right > window.innerWidth)"
                + ".slice(-3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + e.className : '')).join(', ')})` : null");
            if (overflow is not null)
            {
                found.Add($"{width} px: {overflow}");
            }

            await TestArtifacts.ScreenshotAsync(page, $"{name}-{width}");
        }

        await page.SetViewportSizeAsync(Widths[0], 900);
        return found;
    }

    private static readonly Lazy<string> AxeScript = new(() =>
        File.ReadAllText(RepositoryRoot.Combine("tests", "BekymringssamtaleService.BrowserTests", "node_modules", "axe-core", "axe.min.js")));

    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        // Evaluated by the browser's debugging protocol rather than added as an inline <script>, which the pages'
        // Content-Security-Policy refuses.
        await page.EvaluateAsync(AxeScript.Value);
        var result = await page.EvaluateAsync<JsonElement>(
            "async () => (await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] })).violations"
            + ".map(v => `${v.id}: ${v.help} (${v.nodes.length} nodes: ${v.nodes.map(n => n.target.join(' ')).join(', ')})`)");
        return [.. result.EnumerateArray().Select(violation => violation.GetString()!)];
    }
}
