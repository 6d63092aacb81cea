using System.Globalization;
using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

public sealed class CaseFlowTests(BrowserSession browser)
{
    [Fact]
    public async Task An_officer_registers_a_concern_chooses_the_voluntary_track_invites_and_sees_the_letters_as_sent()
    {
        var page = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        var caseUrl = await RegistrationForm.RegisterAsync(page, "Nettleser", guardianLanguage: "nn");

        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Registrert");

        await page.GetByRole(AriaRole.Link, new() { Name = "Velg spor" }).ClickAsync();
        await page.GetByLabel("Spor").SelectOptionAsync("voluntary");
        await page.GetByRole(AriaRole.Button, new() { Name = "Velg spor" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync("Velg spor: registrert.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Send innkalling" }).ClickAsync();
        await page.GetByLabel("Tidspunkt").FillAsync(BookingTimes.NextWeekdayAtTen().ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.GetByLabel("Sted").FillAsync("Politihuset, Grønlandsleiret 44");
        await page.GetByRole(AriaRole.Checkbox, new() { Name = DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send innkalling" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("case-state")).ToHaveTextAsync("Innkalt");
        await Assertions.Expect(page.GetByTestId("meeting")).ToContainTextAsync("Politihuset, Grønlandsleiret 44");
        await browser.Host.Mailbox.WaitForAsync(mail => mail.To.ToString().Contains("siri.nettleser@example.com", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        await page.GotoAsync(caseUrl);
        var letter = page.GetByTestId("letter").Filter(new() { HasText = "Siri Nettleser" });
        await letter.Locator("summary").ClickAsync();
        await Assertions.Expect(letter).ToContainTextAsync("Innkalling til Siri Nettleser (nynorsk) – Sendt");
        await Assertions.Expect(letter.Locator("pre")).ToContainTextAsync("Politihuset, Grønlandsleiret 44");
    }

    [Fact]
    public async Task A_registration_with_errors_lists_them_in_Norwegian_focused_and_saves_nothing()
    {
        var page = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        await page.GotoAsync("/saker/ny");

        await page.GetByLabel("Ungdommens fornavn").FillAsync("Uten");
        await page.GetByLabel("Fødselsdato").FillAsync("2000-01-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer" }).ClickAsync();

        var summary = page.GetByTestId("error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Skjemaet har feil. Ingenting er lagret.");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToContainTextAsync("Ungdommen er 18 år eller eldre.");
        await Assertions.Expect(summary).ToContainTextAsync("Registrer minst én foresatt med foreldreansvar");
        await Assertions.Expect(page.GetByLabel("Ungdommens fornavn")).ToHaveValueAsync("Uten");
        await page.GotoAsync("/saker");
        await Assertions.Expect(page.GetByTestId("cases")).Not.ToContainTextAsync("Uten");
    }
}
