using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

public sealed class ApprovalTests(BrowserSession browser)
{
    private const string Reason = "Grunn til å tro at ungdommen har begått tyveri fra butikk.";

    [Fact]
    public async Task A_Lead_reads_the_officers_reason_on_the_approval_form_and_approves_the_attendance_order()
    {
        var officer = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        var caseUrl = await RegistrationForm.RegisterAsync(officer, "Godkjenning");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Velg spor" }).ClickAsync();
        await officer.GetByLabel("Spor").SelectOptionAsync("attendanceOrder");
        await officer.GetByLabel("Straffesaksnummer").FillAsync("24123999");
        await officer.GetByLabel("Begrunnelse for pålegg").FillAsync(Reason);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Velg spor" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("case-state")).ToHaveTextAsync("Pålegg venter på godkjenning");

        var caseId = caseUrl.TrimEnd('/').Split('/')[^1];

        // The approval waits on the Lead's Min dag from the moment it is asked.
        var lead = await browser.OpenPageAsync("leder-oslo");
        await lead.GotoAsync("/");
        await lead.GetByTestId("approvals").Locator($"a[href='/saker/{caseId}']").ClickAsync();
        await lead.GetByRole(AriaRole.Link, new() { Name = "Godkjenn eller avslå pålegg om oppmøte" }).ClickAsync();

        var request = lead.GetByTestId("how-it-got-here");
        await Assertions.Expect(request).ToContainTextAsync("Bedt om pålegg om oppmøte");
        await Assertions.Expect(request).ToContainTextAsync("av Kari Nordmann");
        await Assertions.Expect(request.Locator("dt").First).ToHaveTextAsync("Begrunnelse for pålegg");
        await Assertions.Expect(request.Locator("dd").First).ToHaveTextAsync(Reason);
        Assert.Empty(await Accessibility.ViolationsAsync(lead));
        await lead.GetByRole(AriaRole.Radio, new() { Name = "Ja" }).CheckAsync();
        await lead.GetByRole(AriaRole.Button, new() { Name = "Godkjenn eller avslå pålegg om oppmøte" }).ClickAsync();

        await Assertions.Expect(lead.GetByTestId("case-state")).ToHaveTextAsync("Klar til innkalling");
        var approved = lead.GetByTestId("timeline").GetByRole(AriaRole.Listitem).Filter(new() { HasText = "Pålegg om oppmøte godkjent" });
        await Assertions.Expect(approved).ToContainTextAsync("Siri Lunde");
    }
}
