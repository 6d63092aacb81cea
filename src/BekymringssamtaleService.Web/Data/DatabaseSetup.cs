using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Data;

public static class DatabaseSetup
{
    /// <summary>The host's everyday role: it owns nothing and may only what <see cref="DatabaseGrants"/> gives it.</summary>
    public const string ConnectionStringName = "Database";

    /// <summary>The owner role, which migrates the schema and grants the everyday role at start; optional (see <see cref="DatabasePreparation"/>).</summary>
    public const string MigrationsConnectionStringName = "Migrations";

    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"The setting ConnectionStrings:{ConnectionStringName} is missing: name the PostgreSQL database to use.");
        }

        var migrations = builder.Configuration.MigrationsConnectionString();
        if (migrations is not null && SameRole(connectionString, migrations))
        {
            throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} and ConnectionStrings:{MigrationsConnectionStringName} name the same role: " +
                "the host's everyday role must be one that owns nothing (bekymring_app), the migrations' the owner role.");
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

    /// <summary>The everyday role's connection: every connection the running host makes.</summary>
    public static string ConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName)!;

    /// <summary>The owner role's connection, or null where this host does not migrate.</summary>
    public static string? MigrationsConnectionString(this IConfiguration configuration) =>
        configuration.GetConnectionString(MigrationsConnectionStringName) is { } migrations && !string.IsNullOrWhiteSpace(migrations) ? migrations : null;

    /// <summary>The role a connection string signs in as (Npgsql's default, the operating system's user, where it names none).</summary>
    public static string RoleOf(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString).Username ?? Environment.UserName;

    private static bool SameRole(string connectionString, string other) =>
        string.Equals(RoleOf(connectionString), RoleOf(other), StringComparison.Ordinal);
}
