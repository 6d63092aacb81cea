using System.Text.Json;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Features.Cases.AgreeMeasures;
using BekymringssamtaleService.Web.Features.Cases.Invite;
using BekymringssamtaleService.Web.Features.Cases.Measures;
using BekymringssamtaleService.Web.Features.Cases.Register;

namespace BekymringssamtaleService.UnitTests.Api;

public sealed class RequestRulesTests
{
    [Theory]
    [InlineData("Per\r\nBcc: alle@example.com")]
    [InlineData("Per\tTestesen")]
    [InlineData("Per\u2028Testesen")]
    public void A_line_break_or_tab_in_a_name_is_refused(string name)
    {
        var request = Registration();
        request.Guardians[0].Name = name;

        Assert.Equal(["Feltet kan bare ha én linje: fjern linjeskift og tabulatorer."], RequestRules.Check(request)["guardians[0].name"]);
    }

    [Fact]
    public void Line_breaks_and_tabs_are_allowed_in_free_text()
    {
        var request = Registration();
        request.ConcernText = "Skolen melder om fravær.\r\n\tNye, eldre venner.";

        Assert.Empty(RequestRules.Check(request));
    }

    [Theory]
    [InlineData("No\0ra", "Teksten kan ikke ha kontrolltegn.")]
    [InlineData("No\u0007ra", "Teksten kan ikke ha kontrolltegn.")]
    [InlineData("No\u0085ra", "Teksten kan ikke ha kontrolltegn.")]
    [InlineData("No\ud800ra", "Teksten har et ugyldig tegn (feil tegnkoding).")]
    [InlineData("No\udc00ra", "Teksten har et ugyldig tegn (feil tegnkoding).")]
    [InlineData("No\uFFFDra", "Teksten har et ugyldig tegn (feil tegnkoding).")]
    public void A_control_or_invalid_character_is_refused_even_in_free_text(string text, string message)
    {
        var request = Registration();
        request.Youth.GivenName = text;
        request.ConcernText = text;

        var errors = RequestRules.Check(request);

        Assert.Equal([message], errors["youth.givenName"]);
        Assert.Equal([message], errors["concernText"]);
    }

    [Fact]
    public void Letters_outside_the_basic_plane_are_text_like_any_other()
    {
        var request = Registration();
        request.Youth.GivenName = "Nora 😀 Ægir";

        Assert.Empty(RequestRules.Check(request));
    }

    [Fact]
    public void A_text_without_a_limit_of_its_own_is_one_line_of_at_most_200_characters_and_free_text_4000()
    {
        var request = Registration();
        request.Youth.GivenName = new string('x', 201);
        request.ConcernText = new string('x', 4001);

        var errors = RequestRules.Check(request);

        Assert.Equal(["Teksten kan være høyst 200 tegn."], errors["youth.givenName"]);
        Assert.Equal(["Teksten kan være høyst 4000 tegn."], errors["concernText"]);
    }

    [Fact]
    public void More_than_10_guardians_are_refused_on_the_list()
    {
        var request = Registration();
        request.Guardians = [.. Enumerable.Range(0, 11).Select(_ => Registration().Guardians[0])];

        Assert.Equal(["Listen kan ha høyst 10 elementer."], Assert.Single(RequestRules.Check(request)).Value);
    }

    [Fact]
    public void Every_item_of_a_list_is_checked_by_its_path()
    {
        var request = new AgreeMeasuresRequest { Measures = [new AgreedMeasureInput { Code = "a", Responsible = "Mor\nFar" }] };

        Assert.Equal(["Feltet kan bare ha én linje: fjern linjeskift og tabulatorer."], RequestRules.Check(request)["measures[0].responsible"]);
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(14)]
    [InlineData(481)]
    [InlineData(int.MaxValue)]
    public void A_duration_outside_15_to_480_minutes_is_refused(int minutes)
    {
        var request = new InviteRequest { DurationMinutes = minutes };

        Assert.Equal(["Verdien må være mellom 15 og 480."], RequestRules.Check(request)["durationMinutes"]);
    }

    [Fact]
    public void Dates_and_times_outside_the_years_1900_to_2100_are_refused()
    {
        var registration = Registration();
        registration.Youth.BirthDate = new DateOnly(1, 1, 1);
        var invitation = new InviteRequest { MeetingStart = new DateTimeOffset(9999, 12, 31, 23, 59, 0, TimeSpan.Zero) };

        Assert.Equal(["Datoen må ligge mellom år 1900 og 2100."], RequestRules.Check(registration)["youth.birthDate"]);
        Assert.Equal(["Datoen må ligge mellom år 1900 og 2100."], RequestRules.Check(invitation)["meetingStart"]);
    }

    [Theory]
    [InlineData("\"NB\"")]
    [InlineData("\"Nb\"")]
    [InlineData("0")]
    [InlineData("\"de\"")]
    public void An_enum_is_read_only_from_its_documented_name(string language)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GuardianInput>($$"""{"language":{{language}}}""", ApiJson.Options));
        Assert.Equal(LetterLanguage.Nb, JsonSerializer.Deserialize<GuardianInput>("""{"language":"nb"}""", ApiJson.Options)!.Language);
    }

    [Fact]
    public void A_field_named_twice_is_refused()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<GuardianInput>("""{"name":"Per","name":"Pål"}""", ApiJson.Options));
    }

    private static RegisterCaseRequest Registration() => new()
    {
        UnitCode = "OSLO-SENTRUM",
        Youth = new YouthInput { GivenName = "Nora", FamilyName = "Testesen", BirthDate = new DateOnly(2012, 5, 1), Language = LetterLanguage.Nb },
        Guardians = [new GuardianInput { Name = "Per Testesen", Email = "per@example.com", Address = "Storgata 1, 0184 Oslo", Language = LetterLanguage.Nb }],
        Source = ConcernSource.School,
        ConcernText = "Skolen melder om fravær.",
    };
}
