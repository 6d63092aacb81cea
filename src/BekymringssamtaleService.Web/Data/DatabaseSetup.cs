using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Database";

    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The setting ConnectionStrings:{ConnectionStringName} is missing: name the PostgreSQL database to use.");
        }

        builder.Services.AddDbContext<ServiceDbContext>(options => options.UseServiceConventions(connectionString));
        builder.Services.AddHostedService<DatabasePreparation>();
        return builder;
    }

    public static DbContextOptionsBuilder UseServiceConventions(this DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString).UseSnakeCaseNamingConvention();

    public static string ConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)!;
}
