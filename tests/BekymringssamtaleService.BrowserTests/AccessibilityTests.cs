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
        { "/", "leder-oslo" },
        { "/", "leder-betjent-oslo" },
        { "/", "forebyggingskontakt-oslo" },
        { "/", "revisor" },
        { "/statistikk", "leder-oslo" },
        { "/statistikk?enhet=OSLO-OST&fra=2026-01&til=2026-12", "leder-oslo" },
        { "/statistikk?fra=2026-13", "leder-oslo" },
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
        { "/admin/oppbevaring", DemoUsers.Administrator },
        { "/revisjon/tilgangslogg", "revisor" },
    };

    // Forms outside a case, each submitted with an error: the path, who fills it in, what is typed (label, text; none
    // for an empty form) and the button that submits it.
    public static TheoryData<string, string, string?, string?, string> FormsInTheirErrorState => new()
    {
        { "/admin/ansatte/ny", DemoUsers.Administrator, null, null, "Legg til" },
        { "/admin/enheter/ny", DemoUsers.Administrator, null, null, "Legg til" },
        { "/admin/enheter/OSLO-SENTRUM", DemoUsers.Administrator, null, null, "Legg til rom eller tolk" },
        { "/revisjon/tilgangslogg", "revisor", "Sakens ID (valgfritt)", "ikke-en-sak", "Søk" },
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

    [Theory]
    [MemberData(nameof(FormsInTheirErrorState))]
    public async Task The_form_with_its_errors_focuses_their_summary_and_has_no_accessibility_violations(
        string path, string staffId, string? label, string? text, string button)
    {
        var page = await browser.OpenPageAsync(staffId);
        await page.GotoAsync(path);
        if (label is not null)
        {
            await page.GetByLabel(label, new() { Exact = true }).FillAsync(text!);
        }

        await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();

        await Microsoft.Playwright.Assertions.Expect(page.GetByTestId("error-summary")).ToBeFocusedAsync();
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(page, $"{path}-errors"));
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
