using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Features.Cases.Register;

namespace BekymringssamtaleService.UnitTests.Cases;

public sealed class RegisterCaseValidationTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    [Fact]
    public void A_complete_registration_has_no_errors() =>
        Assert.False(RegisterCaseValidation.Check(Valid(), Today).Any);

    [Fact]
    public void A_youth_who_turned_18_today_is_refused_with_the_legal_reason()
    {
        var request = Valid();
        request.Youth.BirthDate = new DateOnly(2008, 11, 25);
        request.Youth.NationalIdNumber = null;

        Assert.Contains("politiloven § 13 gjelder bare barn under 18 år", Errors(request)["youth.birthDate"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_youth_turning_18_tomorrow_may_still_be_registered()
    {
        var request = Valid();
        request.Youth.BirthDate = new DateOnly(2008, 11, 26);
        request.Youth.NationalIdNumber = null;

        Assert.False(RegisterCaseValidation.Check(request, Today).Any);
    }

    [Fact]
    public void A_national_id_number_that_disagrees_with_the_birth_date_is_refused()
    {
        var request = Valid();
        request.Youth.BirthDate = new DateOnly(2010, 5, 18);

        Assert.True(Errors(request).ContainsKey("youth.nationalIdNumber"));
    }

    [Fact]
    public void Without_a_guardian_a_reason_is_required_and_with_one_the_registration_stands()
    {
        var request = Valid();
        request.Guardians.Clear();

        Assert.Equal(["Registrer minst én foresatt med foreldreansvar, eller skriv hvorfor ingen skal få brev."], Errors(request)["guardians"]);

        request.NoGuardianReason = "Oppnevnt representant for enslig mindreårig får brevene.";
        Assert.False(RegisterCaseValidation.Check(request, Today).Any);
    }

    [Theory]
    [InlineData("hanne@")]
    [InlineData("hanne@example")]
    [InlineData("Hanne <hanne@example.com>")]
    public void A_guardian_e_mail_address_must_be_a_plain_valid_address(string email)
    {
        var request = Valid();
        request.Guardians[0].Email = email;

        Assert.Equal(["E-postadressen er ikke gyldig."], Errors(request)["guardians[0].email"]);
    }

    [Fact]
    public void An_overlong_concern_text_is_refused_with_its_limit()
    {
        var request = Valid();
        request.ConcernText = new string('x', 4001);

        Assert.Equal(["Teksten kan være høyst 4000 tegn."], Errors(request)["concernText"]);
    }

    private static IReadOnlyDictionary<string, string[]> Errors(RegisterCaseRequest request) => RegisterCaseValidation.Check(request, Today).ToResult().Errors;

    private static RegisterCaseRequest Valid() => new()
    {
        UnitCode = "OSLO-SENTRUM",
        Youth = new YouthInput
        {
            GivenName = "Emil",
            FamilyName = "Testesen",
            BirthDate = new DateOnly(2010, 5, 17),
            NationalIdNumber = "17051051254",
            Language = LetterLanguage.Nb,
        },
        Guardians = [new GuardianInput { Name = "Hanne Testesen", Email = "hanne@example.com", Address = "Storgata 1, 0184 Oslo", Language = LetterLanguage.Nb, LivesWithYouth = true }],
        Source = ConcernSource.School,
        ConcernText = "Mye fravær.",
    };
}
