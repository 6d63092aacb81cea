using System.Globalization;
using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

public sealed class LogPrivacyTests(BrowserSession browser)
{
    private const string Family = "Loggfri";

    [Fact]
    public async Task The_demo_flows_in_a_browser_leave_no_seeded_or_entered_name_address_e_mail_or_national_id_number_in_the_host_log()
    {
        var officer = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        await ReadEveryListedCaseAsync(officer);
        var caseUrl = await RegistrationForm.RegisterAsync(officer, Family, withNationalIdNumber: true);
        await ChooseVoluntaryTrackAndInviteAsync(officer);
        await browser.Host.Mailbox.WaitForAsync(mail => mail.To.ToString().Contains(GuardianEmail, StringComparison.Ordinal), TimeSpan.FromSeconds(30));

        foreach (var staffId in new[] { "leder-oslo", "forebyggingskontakt-oslo" })
        {
            var colleague = await browser.OpenPageAsync(staffId);
            await ReadEveryListedCaseAsync(colleague);
            await colleague.GotoAsync(caseUrl);
        }

        foreach (var staffId in new[] { DemoUsers.Administrator, "revisor" })
        {
            var other = await browser.OpenPageAsync(staffId);
            await other.GotoAsync("/");
            await other.GotoAsync(caseUrl);
        }

        string[] entered = [$"Linnea {Family}", $"Siri {Family}", GuardianEmail, "Nettveien 1, 0150 Oslo", RegistrationForm.NationalIdNumber];
        var leaks = SeededPersonalData.FoundIn(browser.Host.Logs.Lines, [.. SeededPersonalData.Values, .. entered]);

        Assert.NotEmpty(browser.Host.Logs.Lines);
        Assert.Empty(leaks);
    }

    private static string GuardianEmail => $"siri.{Family.ToLowerInvariant()}@example.com";

    /// <summary>The case list, then every case on it, as a user working through their cases does.</summary>
    private static async Task ReadEveryListedCaseAsync(IPage page)
    {
        await page.GotoAsync("/saker");
        var caseLinks = await page.Locator("a[href^='/saker/']").EvaluateAllAsync<string[]>("links => links.map(link => link.getAttribute('href'))");
        var cases = caseLinks.Where(href => Guid.TryParse(href["/saker/".Length..], out _)).Distinct().ToList();
        Assert.NotEmpty(cases);
        foreach (var href in cases)
        {
            await page.GotoAsync(href);
            await Assertions.Expect(page.GetByTestId("case-state")).ToBeVisibleAsync();
        }
    }

    private static async Task ChooseVoluntaryTrackAndInviteAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Velg spor" }).ClickAsync();
        await page.GetByLabel("Spor").SelectOptionAsync("voluntary");
        await page.GetByRole(AriaRole.Button, new() { Name = "Velg spor" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Send innkalling" }).ClickAsync();
        // In the afternoon: the case flow test books the same officer at ten.
        await page.GetByLabel("Tidspunkt").FillAsync(BookingTimes.NextWeekdayAtTen().AddHours(4).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Sted").FillAsync("Politihuset, Grønlandsleiret 44");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send innkalling" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Innkalt");
    }
}
