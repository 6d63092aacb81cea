using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BekymringssamtaleService.Web.Data;

/// <summary>Lets `dotnet ef migrations add` build the model without starting the host or reaching a database.</summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<ServiceDbContext>
{
    public ServiceDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<ServiceDbContext>();
        options.UseServiceConventions("Host=127.0.0.1;Database=design_time");
        return new ServiceDbContext(options.Options);
    }
}
