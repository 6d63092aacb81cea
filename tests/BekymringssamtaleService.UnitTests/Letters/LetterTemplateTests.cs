using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Letters;

namespace BekymringssamtaleService.UnitTests.Letters;

public sealed class LetterTemplateTests
{
    private static readonly LetterTemplates Templates = LetterTemplates.Load(RepositoryRoot.Combine("workflows", "letters"));

    public static TheoryData<string, LetterLanguage> FamilyLetters()
    {
        var data = new TheoryData<string, LetterLanguage>();
        foreach (var name in LetterTemplates.FamilyLetters)
        {
            foreach (var language in Enum.GetValues<LetterLanguage>())
            {
                data.Add(name, language);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FamilyLetters))]
    public void Every_family_letter_greets_the_recipient_names_whom_to_contact_and_keeps_personal_data_out_of_the_subject(string name, LetterLanguage language)
    {
        var letter = Render(name, language);

        Assert.Contains("Hanne Testesen", letter.Text, StringComparison.Ordinal);
        Assert.Contains("kari.nordmann@politiet.example", letter.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Hanne", letter.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Emil", letter.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", letter.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", letter.Text, StringComparison.Ordinal);
        Assert.StartsWith("<!DOCTYPE html>", letter.Html, StringComparison.Ordinal);
        Assert.Contains($"lang=\"{language.ToString().ToLowerInvariant()}\"", letter.Html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LetterLanguage.Nb, "si nei")]
    [InlineData(LetterLanguage.Nn, "seie nei")]
    [InlineData(LetterLanguage.En, "say no")]
    public void A_voluntary_invitation_says_where_and_when_and_that_it_may_be_declined_and_is_no_criminal_record(LetterLanguage language, string mayDecline)
    {
        var letter = Render("invitation-voluntary", language);

        Assert.Contains(mayDecline, letter.Text, StringComparison.Ordinal);
        Assert.Contains("Politihuset, Grønlandsleiret 44", letter.Text, StringComparison.Ordinal);
        Assert.Contains("10:00", letter.Text, StringComparison.Ordinal);
        Assert.Contains("Kari Nordmann", letter.Text, StringComparison.Ordinal);
        Assert.Matches(language == LetterLanguage.En ? "criminal record" : "strafferegisteret", letter.Text);
    }

    [Theory]
    [InlineData(LetterLanguage.Nb)]
    [InlineData(LetterLanguage.Nn)]
    [InlineData(LetterLanguage.En)]
    public void An_attendance_order_names_its_legal_basis_and_the_offence_reference(LetterLanguage language)
    {
        var letter = Render("invitation-attendance-order", language);

        Assert.Matches("§ 13|section 13", letter.Text);
        Assert.Contains("13456789", letter.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_letter_is_shown_in_HTML_with_its_text_escaped_and_its_paragraphs_kept()
    {
        var html = LetterRendering.ToHtml("Emne", "Hei <Ola> & co,\n\nAvsnitt to.", "nb");

        Assert.Contains("<p>Hei &lt;Ola&gt; &amp; co,</p>", html, StringComparison.Ordinal);
        Assert.Contains("<p>Avsnitt to.</p>", html, StringComparison.Ordinal);
    }

    private static RenderedLetter Render(string name, LetterLanguage language)
    {
        var meeting = new Dictionary<string, object?>
        {
            ["date"] = "tirsdag 8. desember 2026",
            ["startTime"] = "10:00",
            ["endTime"] = "11:30",
            ["place"] = "Politihuset, Grønlandsleiret 44",
            ["officers"] = new List<string> { "Kari Nordmann", "Jonas Berg" },
            ["extraParticipants"] = new List<string>(),
            ["isHomeVisit"] = false,
            ["isFetch"] = false,
        };
        var model = new Dictionary<string, object?>
        {
            ["recipient"] = new Dictionary<string, object?> { ["name"] = "Hanne Testesen", ["isYouth"] = false },
            ["youth"] = new Dictionary<string, object?> { ["givenName"] = "Emil", ["fullName"] = "Emil Testesen" },
            ["unit"] = new Dictionary<string, object?> { ["name"] = "Forebyggende seksjon sentrum" },
            ["contact"] = new Dictionary<string, object?> { ["name"] = "Kari Nordmann", ["email"] = "kari.nordmann@politiet.example", ["phone"] = "" },
            ["caseNumber"] = "BS-1",
            ["offenceReference"] = "13456789",
            ["outcome"] = "de avtalte tiltakene er gjennomført",
            ["measures"] = new List<Dictionary<string, object?>>
            {
                new() { ["name"] = "Fritidsaktivitet", ["responsible"] = "Bydelen", ["startDate"] = "01.12.2026", ["dueDate"] = "01.03.2027" },
            },
            ["followUp"] = new Dictionary<string, object?> { ["dates"] = new List<string> { "05.01.2027", "05.03.2027" } },
            ["meeting"] = meeting,
            ["previousMeeting"] = meeting,
        };
        return LetterRendering.Render(Templates.Get(name, language), model, language.ToString().ToLowerInvariant());
    }
}
