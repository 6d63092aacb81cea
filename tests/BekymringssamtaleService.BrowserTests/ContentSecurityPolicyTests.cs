using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>
/// The pages work under their Content-Security-Policy (script only from the service's own files): the browser reports
/// no violation, and the workflow diagrams, drawn by script, are drawn.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserSession browser)
{
    // Before any script of the page runs: every violation the browser reports is kept for the test to read.
    private const string ViolationListener = """
        window.cspViolations = [];
        document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`));
        """;

    public static TheoryData<string, string> Pages => new()
    {
        { "/", DemoUsers.OsloOfficer },
        { "/saker", DemoUsers.OsloOfficer },
        { "/saker/ny", DemoUsers.OsloOfficer },
        { "/oppgaver", DemoUsers.OsloOfficer },
        { "/revisjon/tilgangslogg", "revisor" },
        { "/drift", DemoUsers.Administrator },
        { "/hendelser", DemoUsers.Administrator },
        { "/", "leder-oslo" },
        { "/statistikk", "leder-oslo" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_breaks_no_rule_of_its_content_security_policy(string path, string staffId)
    {
        var page = await browser.OpenPageAsync(staffId);
        await page.AddInitScriptAsync(ViolationListener);

        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        Assert.Empty(await page.EvaluateAsync<string[]>("window.cspViolations"));
    }

    [Fact]
    public async Task The_workflow_diagrams_are_drawn_under_the_content_security_policy()
    {
        var page = await browser.OpenPageAsync(DemoUsers.Administrator);
        await page.AddInitScriptAsync(ViolationListener);

        await page.GotoAsync("/arbeidsflyt");

        await Assertions.Expect(page.Locator("pre.mermaid svg").First).ToBeVisibleAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>("window.cspViolations"));
    }
}
