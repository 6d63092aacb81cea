using System.CommandLine;
using System.Globalization;
using BekymringssamtaleService.Web.Features.StaffRegister;
using BekymringssamtaleService.Web.Features.StaffRegister.Import;
using Spectre.Console;

namespace BekymringssamtaleService.Web.Commands;

/// <summary>
/// <c>import-staff FILE</c>: the first load of the staff register, and any later bulk change, from a CSV or JSON file
/// (<see cref="StaffImportFile"/>), all or nothing (<see cref="StaffImport"/>). It prints counts and the errors by line
/// or entry, never a name or an e-mail address; any error exits with 1 and saves nothing. Running the same file again
/// changes nothing.
/// </summary>
public static class ImportStaffCommand
{
    public const string Name = "import-staff";

    public static Command Create(IServiceProvider services)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The staff to add or update: .csv (id;displayName;email;roles;units;externalSubject, roles and units separated by |) or .json (as seeds/demo-users.json)." };
        var command = new Command(Name, "Adds or updates staff in the staff register from a CSV or JSON file, all or nothing.") { file };
        command.SetOperation(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetRequiredValue(file).FullName;
            var (entries, fileError) = await StaffImportFile.ReadAsync(path, cancellationToken);
            if (fileError is not null)
            {
                return Failed([fileError]);
            }

            await using var scope = services.CreateAsyncScope();
            var import = new StaffImport(scope.ServiceProvider.GetRequiredService<Data.ServiceDbContext>(), scope.ServiceProvider.GetRequiredService<TimeProvider>());
            StaffImport.Outcome outcome = null!;
            await OperationsCommands.ShowProgressAsync("Importing staff", Math.Max(entries.Count, 1), async progress =>
                outcome = await import.RunAsync(entries, () => progress.Increment(1), cancellationToken));
            if (outcome.Errors.Count > 0)
            {
                return Failed(outcome.Errors);
            }

            var unchanged = outcome.Read - outcome.Added - outcome.Changed;
            AnsiConsole.MarkupLineInterpolated(
                CultureInfo.InvariantCulture,
                $"Read {outcome.Read} staff: [bold]{outcome.Added} added, {outcome.Changed} changed[/], {unchanged} unchanged. The access log names the changes under {StaffRules.ImportIdentity}.");
            return 0;
        });
        return command;
    }

    private static int Failed(IReadOnlyList<string> errors)
    {
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{Name} found {errors.Count} error(s); nothing was saved:[/]");
        // Plain lines, one per error, never wrapped: an operator may grep them.
        foreach (var error in errors)
        {
            Console.WriteLine(error);
        }

        return 1;
    }
}
