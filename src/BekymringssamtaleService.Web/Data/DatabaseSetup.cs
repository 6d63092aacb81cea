using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Data;

public static class DatabaseSetup
{
    public const string ConnectionStringName = "Database";

    /// <summary>
    /// How long opening a connection may take unless the connection string says otherwise. Npgsql's 15 s would hold a
    /// request (and each of its retries) that long when PostgreSQL's host does not answer; a refused connection fails at once.
    /// </summary>
    public const int ConnectTimeoutSeconds = 3;

    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(ConnectionStringName)))
        {
            throw new InvalidOperationException(
                $"The setting ConnectionStrings:{ConnectionStringName} is missing: name the PostgreSQL database to use.");
        }

        var connectionString = builder.Configuration.ConnectionString();
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

    /// <summary>
    /// The connection string every part of the host uses (EF Core, the workflow engine, Hangfire, the health check),
    /// with a short connect timeout where it names none. A connection that breaks is never pooled again: Npgsql
    /// discards it and clears its pool when the break shows the server is down.
    /// </summary>
    public static string ConnectionString(this IConfiguration configuration)
    {
        var configured = configuration.GetConnectionString(ConnectionStringName);
        // Npgsql's own builder answers ContainsKey for every keyword it knows; the plain one says what was written.
        if (new DbConnectionStringBuilder { ConnectionString = configured }.ContainsKey("Timeout"))
        {
            return configured!;
        }

        return new NpgsqlConnectionStringBuilder(configured) { Timeout = ConnectTimeoutSeconds }.ConnectionString;
    }
}
