using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>The registration page filled in as an officer does, for a youth with one guardian in the unit "Forebyggende seksjon sentrum".</summary>
internal static class RegistrationForm
{
    /// <summary>A valid synthetic national ID number for the form's birth date, 14.03.2012.</summary>
    public const string NationalIdNumber = "14831261146";

    /// <summary>Registers the concern (with the youth's national ID number when asked) and answers the new case's address.</summary>
    public static async Task<string> RegisterAsync(
        IPage page, string family, string guardianLanguage = "nb", string source = "school", bool withNationalIdNumber = false)
    {
        await page.GotoAsync("/saker");
        await page.GetByRole(AriaRole.Link, new() { Name = "Registrer ny bekymring" }).ClickAsync();
        await page.GetByLabel("Enhet").SelectOptionAsync(new SelectOptionValue { Label = "Forebyggende seksjon sentrum" });
        await page.GetByLabel("Ungdommens fornavn").FillAsync("Linnea");
        await page.GetByLabel("Ungdommens etternavn").FillAsync(family);
        await page.GetByLabel("Fødselsdato").FillAsync("2012-03-14");
        if (withNationalIdNumber)
        {
            await page.GetByLabel("Fødselsnummer (11 siffer)").FillAsync(NationalIdNumber);
        }

        await page.GetByLabel("Brevspråk for ungdommen").SelectOptionAsync("nb");
        await page.GetByLabel("Foresatt 1: navn").FillAsync($"Siri {family}");
        await page.GetByLabel("Foresatt 1: e-post").FillAsync($"siri.{family.ToLowerInvariant()}@example.com");
        await page.GetByLabel("Foresatt 1: postadresse").FillAsync("Nettveien 1, 0150 Oslo");
        await page.GetByLabel("Foresatt 1: brevspråk").SelectOptionAsync(guardianLanguage);
        await page.Locator("#felt-guardians-0-livesWithYouth-0").CheckAsync();
        await page.GetByLabel("Hvem meldte bekymringen").SelectOptionAsync(source);
        await page.GetByLabel("Bekymringen", new() { Exact = true }).FillAsync("Skolen melder om mye fravær.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrer" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("notice")).ToHaveTextAsync("Bekymringen er registrert.");
        return page.Url;
    }
}
