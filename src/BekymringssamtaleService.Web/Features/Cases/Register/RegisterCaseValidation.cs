using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.People;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.Register;

/// <summary>
/// The registration's rules. Every letter needs somewhere to go: a recipient without an e-mail address gets their
/// letters printed and posted, so their address must then be a complete postal address.
/// </summary>
public static class RegisterCaseValidation
{
    private const int AddressLength = 400;

    public static FieldErrors Check(RegisterCaseRequest request, DateOnly today)
    {
        var errors = new FieldErrors();
        errors.Required("unitCode", request.UnitCode, 40);
        CheckYouth(errors, request.Youth, today);

        if (request.Guardians.Count == 0 && string.IsNullOrWhiteSpace(request.NoGuardianReason))
        {
            errors.Add("guardians", "Registrer minst én foresatt med foreldreansvar, eller skriv hvorfor ingen skal få brev.");
        }

        errors.MaxLength("noGuardianReason", request.NoGuardianReason, 1000);
        for (var index = 0; index < request.Guardians.Count; index++)
        {
            var guardian = request.Guardians[index];
            var field = $"guardians[{index}]";
            errors.Required($"{field}.name", guardian.Name);
            errors.Email($"{field}.email", guardian.Email, required: false);
            errors.Required($"{field}.address", guardian.Address, AddressLength);
            if (string.IsNullOrWhiteSpace(guardian.Email))
            {
                if (string.IsNullOrWhiteSpace(guardian.Address))
                {
                    errors.Add($"{field}.email", $"Fyll ut e-postadressen, eller en fullstendig postadresse så brevene kan sendes i posten (for eksempel «{PostalAddress.Example}»).");
                }
                else
                {
                    PostalAddressForLetters(errors, $"{field}.address", guardian.Address);
                }
            }
            errors.Required($"{field}.language", guardian.Language);
        }

        errors.Required("source", request.Source);
        errors.Required("concernText", request.ConcernText, FieldErrors.LongText);
        errors.MaxLength("offenceReference", request.OffenceReference, 40);
        return errors;
    }

    private static void CheckYouth(FieldErrors errors, YouthInput youth, DateOnly today)
    {
        errors.Required("youth.givenName", youth.GivenName);
        errors.Required("youth.familyName", youth.FamilyName);
        errors.Required("youth.language", youth.Language);
        errors.Email("youth.email", youth.Email, required: false);
        errors.MaxLength("youth.address", youth.Address, AddressLength);
        if (string.IsNullOrWhiteSpace(youth.Email) && !string.IsNullOrWhiteSpace(youth.Address))
        {
            PostalAddressForLetters(errors, "youth.address", youth.Address);
        }

        errors.MaxLength("youth.phone", youth.Phone, 40);
        if (youth.BirthDate is not { } birthDate)
        {
            errors.Add("youth.birthDate", "Feltet må fylles ut.");
            return;
        }

        if (birthDate > today)
        {
            errors.Add("youth.birthDate", "Fødselsdatoen kan ikke være fram i tid.");
        }
        else if (!Age.IsChild(birthDate, today))
        {
            errors.Add("youth.birthDate", "Ungdommen er 18 år eller eldre. Bekymringssamtale etter politiloven § 13 gjelder bare barn under 18 år.");
        }

        if (!string.IsNullOrWhiteSpace(youth.NationalIdNumber) && NationalIdNumber.Problem(youth.NationalIdNumber, birthDate) is { } problem)
        {
            errors.Add("youth.nationalIdNumber", problem);
        }
    }

    private static void PostalAddressForLetters(FieldErrors errors, string field, string address)
    {
        if (PostalAddress.Parse(address) is null)
        {
            errors.Add(field, $"Uten e-postadresse sendes brevene i posten: skriv en fullstendig postadresse med gate og nummer, postnummer og poststed, for eksempel «{PostalAddress.Example}».");
        }
    }
}
