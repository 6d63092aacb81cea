using System.Text.Json;
using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>Runs axe-core (from npm) in the page and returns each violation as "rule: help (n nodes)".</summary>
public static class Accessibility
{
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
