using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

public sealed class StaffRegisterTests(BrowserSession browser)
{
    [Fact]
    public async Task An_admin_adds_a_member_of_staff_and_sees_them_listed_with_role_and_unit()
    {
        var staffId = $"nyansatt-{Guid.NewGuid():N}"[..20];
        var page = await browser.OpenPageAsync(DemoUsers.Administrator);
        await page.GotoAsync("/");

        await page.GetByRole(AriaRole.Link, new() { Name = "Ansatte", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Legg til en ansatt" }).ClickAsync();
        await page.GetByLabel("Ansatt-ID").FillAsync(staffId);
        await page.GetByLabel("Navn").FillAsync("Aud Brekke");
        await page.GetByLabel("E-post").FillAsync($"{staffId}@politiet.example");
        await page.GetByLabel("Forebygger", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Forebyggende seksjon øst (Oslo politidistrikt)").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Legg til" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync("Aud Brekke er lagt til.");
        await page.GetByLabel("Navn eller ansatt-ID").FillAsync("brekke");
        await page.GetByRole(AriaRole.Button, new() { Name = "Søk" }).ClickAsync();
        var row = page.GetByTestId("staff-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Aud Brekke");
        await Assertions.Expect(row).ToContainTextAsync(staffId);
        await Assertions.Expect(row).ToContainTextAsync("Forebygger");
        await Assertions.Expect(row).ToContainTextAsync("Forebyggende seksjon øst");
    }
}
