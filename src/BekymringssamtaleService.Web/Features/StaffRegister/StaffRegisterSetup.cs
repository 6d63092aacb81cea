using BekymringssamtaleService.Web.Features.Units;

namespace BekymringssamtaleService.Web.Features.StaffRegister;

public static class StaffRegisterSetup
{
    /// <summary>The Admin's staff register and units (pages under /admin/ansatte and /admin/enheter).</summary>
    public static WebApplicationBuilder AddStaffRegister(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StaffRegisterChanges>();
        builder.Services.AddScoped<UnitRegisterChanges>();
        return builder;
    }
}
