using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.Consents;

/// <summary>A consent is recorded as given, withdrawn or decided on a day that has come: never ahead of time.</summary>
public static class ConsentDates
{
    public static void NotInFuture(FieldErrors errors, string field, DateOnly? day, DateOnly today)
    {
        errors.Required(field, day);
        if (day > today)
        {
            errors.Add(field, "Datoen kan ikke være fram i tid.");
        }
    }
}
