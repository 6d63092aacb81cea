using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Data;

public static class TransitionDbContext
{
    /// <summary>A context on the workflow transition's own connection and transaction: what it saves commits with the transition.</summary>
    public static Task<ServiceDbContext> OpenAsync(TransitionScope scope, CancellationToken cancellationToken) =>
        OpenAsync(scope.Connection, scope.Transaction, cancellationToken);

    /// <summary>A context on an activity execution's connection and transaction.</summary>
    public static async Task<ServiceDbContext> OpenAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<ServiceDbContext>()
            .UseNpgsql(connection)
            .UseSnakeCaseNamingConvention()
            .Options;
        var db = new ServiceDbContext(options);
        await db.Database.UseTransactionAsync(transaction, cancellationToken);
        return db;
    }
}
