using System.Globalization;
using System.CommandLine;
using BekymringssamtaleService.Web.Data;
using Spectre.Console;

namespace BekymringssamtaleService.Web.Commands;

/// <summary>
/// <c>migrate</c>: brings the database up to date as the owner role (ConnectionStrings:Migrations) and grants the
/// everyday role (ConnectionStrings:Database). Deployment runs it as its own step before the hosts start; outside
/// Development the hosts never migrate.
/// </summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static Command Create(IServiceProvider services)
    {
        var command = new Command(Name, "Brings the database schema up to date as the owner role and grants the host's role.");
        command.SetOperation(async (_, cancellationToken) =>
        {
            var configuration = services.GetRequiredService<IConfiguration>();
            var owner = configuration.MigrationsConnectionString() ?? throw new InvalidOperationException(
                $"ConnectionStrings:{DatabaseSetup.MigrationsConnectionStringName} is not set: migrate signs in as the database's owner role.");
            var appRole = DatabaseSetup.RoleOf(configuration.ConnectionString());
            await OperationsCommands.ShowProgressAsync("Migrating", DatabaseMigrator.Parts.Count, async progress =>
                await DatabaseMigrator.MigrateAsync(owner, appRole, part => { progress.Description = DatabaseMigrator.Parts[part]; progress.Increment(1); }, cancellationToken));
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"The database is up to date; [bold]{appRole}[/] has its grants.");
            return 0;
        });
        return command;
    }
}
