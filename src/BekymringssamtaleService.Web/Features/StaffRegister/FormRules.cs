using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.StaffRegister;

/// <summary>The rules every request obeys (<see cref="RequestRules"/>), as the start of a form's field errors.</summary>
public static class FormRules
{
    public static FieldErrors Check(object form)
    {
        var errors = new FieldErrors();
        foreach (var (field, messages) in RequestRules.Check(form))
        {
            foreach (var message in messages)
            {
                errors.Add(field, message);
            }
        }

        return errors;
    }
}
