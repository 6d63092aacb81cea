using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

public sealed class CoordinationTests(BrowserSession browser)
{
    private const string Summary = "PST ber om en bekymringssamtale; kontakt via lokal PST-koordinator.";

    [Fact]
    public async Task A_Liaison_finds_a_PST_case_on_the_start_page_states_why_flags_it_and_records_PSTs_request_which_the_officer_cannot_read()
    {
        var officer = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        var caseUrl = await RegistrationForm.RegisterAsync(officer, "Koordinering", source: "pst");
        var caseNumber = (await officer.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync())!.Split(':')[0].Replace("Sak ", "", StringComparison.Ordinal);

        var liaison = await browser.OpenPageAsync("forebyggingskontakt-oslo");
        await liaison.GotoAsync("/");
        var awaiting = liaison.GetByTestId("awaiting-coordination").GetByRole(AriaRole.Row).Filter(new() { HasText = caseNumber });
        await Assertions.Expect(awaiting).ToContainTextAsync("Meldt av PST");
        Assert.Empty(await Accessibility.ViolationsAsync(liaison));
        await awaiting.GetByRole(AriaRole.Link, new() { Name = caseNumber }).ClickAsync();

        await Assertions.Expect(liaison.GetByRole(AriaRole.Heading, new() { Name = "Hvorfor åpner du koordineringsrommet?" })).ToBeVisibleAsync();
        await liaison.GetByRole(AriaRole.Button, new() { Name = "Åpne koordineringsrommet" }).ClickAsync();
        await Assertions.Expect(liaison.GetByTestId("error-summary")).ToContainTextAsync("Feltet må fylles ut.");
        await liaison.GetByLabel("Formål (logges)").FillAsync("Vurdere anmodning fra PST");
        await liaison.GetByRole(AriaRole.Button, new() { Name = "Åpne koordineringsrommet" }).ClickAsync();
        await Assertions.Expect(liaison.GetByTestId("awaiting-decision")).ToContainTextAsync("(meldt av PST)");
        Assert.Empty(await Accessibility.ViolationsAsync(liaison));

        await liaison.GetByLabel("Flagget som radikaliseringsbekymring").CheckAsync();
        await liaison.GetByRole(AriaRole.Button, new() { Name = "Lagre beslutningen" }).ClickAsync();
        await Assertions.Expect(liaison.GetByTestId("notice")).ToHaveTextAsync("Beslutningen er lagret.");
        await Assertions.Expect(liaison.GetByTestId("stated-purpose")).ToContainTextAsync("Vurdere anmodning fra PST");
        await liaison.GetByLabel("Hva slags oppføring").SelectOptionAsync("pstRequest");
        await liaison.GetByLabel("Dato").FillAsync("2026-11-30");
        await liaison.GetByLabel("Sammendrag").FillAsync(Summary);
        await liaison.GetByLabel("Gradering").SelectOptionAsync("inConfidence");
        await liaison.GetByRole(AriaRole.Button, new() { Name = "Lagre oppføringen" }).ClickAsync();
        await Assertions.Expect(liaison.GetByTestId("error-summary")).ToContainTextAsync("Feltet må fylles ut.");
        await liaison.GetByLabel("PST-referanse (påkrevd ved anmodning fra PST)").FillAsync("PST-2026-117");
        await liaison.GetByRole(AriaRole.Button, new() { Name = "Lagre oppføringen" }).ClickAsync();
        await Assertions.Expect(liaison.GetByTestId("coordination-entries")).ToContainTextAsync(Summary);
        await liaison.GetByLabel("Oppgave", new() { Exact = true }).FillAsync("Avtal samtale med familien");
        await liaison.GetByLabel("Frist").FillAsync("2099-02-01");
        await liaison.GetByRole(AriaRole.Button, new() { Name = "Legg til oppgaven" }).ClickAsync();
        await Assertions.Expect(liaison.GetByTestId("coordination-tasks")).ToContainTextAsync("Avtal samtale med familien");

        await liaison.GotoAsync("/");
        await Assertions.Expect(liaison.GetByTestId("flagged-cases")).ToContainTextAsync(caseNumber);
        await Assertions.Expect(liaison.GetByTestId("coordination-tasks")).ToContainTextAsync(caseNumber);

        await officer.GotoAsync(caseUrl);
        await Assertions.Expect(officer.GetByTestId("restricted-notice"))
            .ToHaveTextAsync("Det finnes begrenset informasjon om denne saken. Spør forebyggingskontakt Amir Rahimi.");
        Assert.DoesNotContain(Summary, await officer.ContentAsync(), StringComparison.Ordinal);
        Assert.Equal(404, (await officer.GotoAsync($"{caseUrl}/koordinering"))!.Status);
    }
}
