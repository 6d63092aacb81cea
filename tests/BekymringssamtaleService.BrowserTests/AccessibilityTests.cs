using BekymringssamtaleService.Testing;
namespace BekymringssamtaleService.BrowserTests;

public sealed class AccessibilityTests(BrowserSession browser)
{
    // Every page of ours. Hangfire's job dashboard (/hangfire, administrators only) is its markup, not ours: axe finds
    // colour contrast, heading order and landmark problems in it that this project cannot change.
    public static TheoryData<string, string?> Pages => new()
    {
        { "/logg-inn", null },
        { "/", DemoUsers.OsloOfficer },
        { "/", DemoUsers.Administrator },
        { "/drift", DemoUsers.Administrator },
        { "/arbeidsflyt", DemoUsers.Administrator },
        { "/hendelser", DemoUsers.Administrator },
        { "/drift", DemoUsers.OsloOfficer },
        { "/finnes-ikke", DemoUsers.OsloOfficer },
        { "/saker", DemoUsers.OsloOfficer },
        { "/saker/ny", DemoUsers.OsloOfficer },
        { "/oppgaver", DemoUsers.OsloOfficer },
        { "/oppgaver", "leder-oslo" },
        { "/kalender", DemoUsers.OsloOfficer },
        { "/admin/ansatte", DemoUsers.Administrator },
        { "/admin/ansatte/ny", DemoUsers.Administrator },
        { "/admin/ansatte/" + DemoUsers.OsloOfficer, DemoUsers.Administrator },
        { "/admin/enheter", DemoUsers.Administrator },
        { "/admin/enheter/ny", DemoUsers.Administrator },
        { "/admin/enheter/OSLO-SENTRUM", DemoUsers.Administrator },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_has_no_accessibility_violations(string path, string? staffId)
    {
        var page = await browser.OpenPageAsync(staffId);
        await page.GotoAsync(path);

        var violations = await Accessibility.ViolationsAtEveryWidthAsync(page, $"{path}-{staffId ?? "anonymous"}");

        Assert.Empty(violations);
    }

    [Fact]
    public async Task The_login_page_with_its_error_message_has_no_accessibility_violations()
    {
        var page = await browser.OpenPageAsync();
        await page.GotoAsync("/logg-inn");
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();

        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(page, "login-error"));
    }

    [Fact]
    public async Task A_case_page_and_a_step_form_with_its_errors_have_no_accessibility_violations()
    {
        var page = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        await page.GotoAsync("/saker");
        await page.GetByTestId("cases").GetByRole(Microsoft.Playwright.AriaRole.Link).First.ClickAsync();
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(page, "case"));

        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Sett på vent" }).ClickAsync();
        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = "Sett på vent" }).ClickAsync();

        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("error-summary")).ToBeVisibleAsync();
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(page, "pause-errors"));
    }
}
