using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

public sealed class StartPageTests(BrowserSession browser)
{
    [Fact]
    public async Task An_officer_signs_in_and_sees_their_name_role_and_units_on_the_start_page()
    {
        var officer = DemoUsers.Get(DemoUsers.OsloOfficer);
        var page = await browser.OpenPageAsync();
        await page.GotoAsync("/");
        Assert.EndsWith("/logg-inn?ReturnUrl=%2F", page.Url, StringComparison.Ordinal);

        await page.GetByLabel(officer.DisplayName, new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Velkommen, {officer.DisplayName}");
        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(officer.DisplayName);
        await Assertions.Expect(page.GetByTestId("roles")).ToHaveTextAsync("Forebygger");
        await Assertions.Expect(page.GetByTestId("units")).ToContainTextAsync("Oslo politidistrikt");
    }

    [Fact]
    public async Task Signing_in_without_choosing_a_user_shows_a_Norwegian_error_and_stays_on_the_login_page()
    {
        var page = await browser.OpenPageAsync();
        await page.GotoAsync("/logg-inn");

        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Velg en bruker for å logge inn.")).ToBeVisibleAsync();
        Assert.Contains("/logg-inn", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_returns_to_the_login_page()
    {
        var page = await browser.OpenPageAsync(DemoUsers.OsloOfficer);

        await page.GetByRole(AriaRole.Button, new() { Name = "Logg ut" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Logg inn");
    }
}
