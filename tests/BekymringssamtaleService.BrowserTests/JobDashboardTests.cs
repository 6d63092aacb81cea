using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

public sealed class JobDashboardTests(BrowserSession browser)
{
    [Fact]
    public async Task The_job_dashboard_is_refused_for_an_officer()
    {
        var page = await browser.OpenPageAsync(DemoUsers.OsloOfficer);

        var response = await page.GotoAsync("/hangfire");

        Assert.Equal(403, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Ingen tilgang");
    }

    [Fact]
    public async Task The_job_dashboard_is_shown_to_an_administrator()
    {
        var page = await browser.OpenPageAsync(DemoUsers.Administrator);

        var response = await page.GotoAsync("/hangfire");

        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Oversikt", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("Jobber"));
    }

    [Fact]
    public async Task An_administrator_sends_a_test_mail_from_the_operations_page_and_it_arrives()
    {
        var page = await browser.OpenPageAsync(DemoUsers.Administrator);
        await page.GotoAsync("/drift");

        await page.GetByRole(AriaRole.Button, new() { Name = "Send testmelding til meg" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Testmeldingen er lagt i kø");
        var mail = await browser.Host.Mailbox.WaitForAsync(
            m => m.Subject == Web.Jobs.SendOperationsTestMail.Subject, TimeSpan.FromSeconds(20));
        Assert.Contains("testmelding", mail.TextBody, StringComparison.OrdinalIgnoreCase);
    }
}
