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

        builder.Services.AddDbContext<ServiceDbContext>(options => options.UseServiceConventions(connectionString, retryOnOutage: true));
        builder.Services.AddHostedService<DatabasePreparation>();
        return builder;
    }

    /// <summary>
    /// The context's conventions; <paramref name="retryOnOutage"/> only for a context that never joins a transaction
    /// it did not start (see <see cref="OutageRetries"/>).
    /// </summary>
    public static DbContextOptionsBuilder UseServiceConventions(this DbContextOptionsBuilder options, string connectionString, bool retryOnOutage = false) =>
        options
            .UseNpgsql(connectionString, npgsql =>
            {
                if (retryOnOutage)
                {
                    npgsql.ExecutionStrategy(dependencies => new OutageRetries(dependencies));
                }
            })
            .UseSnakeCaseNamingConvention();

    public static string ConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)!;
}
