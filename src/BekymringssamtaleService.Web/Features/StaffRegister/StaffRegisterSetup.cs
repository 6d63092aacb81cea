using BekymringssamtaleService.Web.Features.Units;
using BekymringssamtaleService.Web.Features.Units.UnitResources;

namespace BekymringssamtaleService.Web.Features.StaffRegister;

public static class StaffRegisterSetup
{
    /// <summary>The Admin's staff register and units (pages under /admin/ansatte and /admin/enheter).</summary>
    public static WebApplicationBuilder AddStaffRegister(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<StaffRegisterChanges>();
        builder.Services.AddScoped<UnitRegisterChanges>();
        builder.Services.AddScoped<UnitResourceChanges>();
        return builder;
    }
}
