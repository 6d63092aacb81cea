using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Email;

public static class EmailSetup
{
    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpSettings>()
            .BindConfiguration(SmtpSettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SmtpSettings>, SmtpSettingsValidation>();
        builder.Services.AddSingleton<SmtpMailSender>();
        return builder;
    }
}
