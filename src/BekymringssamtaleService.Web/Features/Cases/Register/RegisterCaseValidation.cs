using BekymringssamtaleService.Domain.People;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.Register;

public static class RegisterCaseValidation
{
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
            errors.Email($"{field}.email", guardian.Email, required: true);
            errors.Required($"{field}.address", guardian.Address, 400);
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
}
