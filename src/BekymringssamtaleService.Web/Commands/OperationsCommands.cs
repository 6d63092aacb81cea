using System.Globalization;
using System.CommandLine;
using Spectre.Console;

namespace BekymringssamtaleService.Web.Commands;

/// <summary>
/// The operations commands, run on the host's own executable instead of serving (<c>BekymringssamtaleService.Web
/// migrate</c>): the same settings, the same services, no web server and no hosted service started. A command that
/// fails prints what went wrong without a stack trace and exits with 1.
/// </summary>
public static class OperationsCommands
{
    /// <summary>Every command, by the name it is called with; a new command is added here.</summary>
    private static readonly Dictionary<string, Func<IServiceProvider, Command>> Commands = new(StringComparer.Ordinal)
    {
        [MigrateCommand.Name] = MigrateCommand.Create,
        [ImportStaffCommand.Name] = ImportStaffCommand.Create,
    };

    /// <summary>Commands that describe the host rather than work with its data: they need none of its settings or services.</summary>
    private static readonly Dictionary<string, Func<Command>> CommandsWithoutSettings = new(StringComparer.Ordinal)
    {
        [SettingsReferenceCommand.Name] = SettingsReferenceCommand.Create,
    };

    /// <summary>Whether the command line asks for a command rather than the web host.</summary>
    public static bool Requested(string[] args) => args.Length > 0 && (Commands.ContainsKey(args[0]) || CommandsWithoutSettings.ContainsKey(args[0]));

    /// <summary>Whether the command asked for needs none of the host's settings: it runs before the host is built (<see cref="RunWithoutSettingsAsync"/>).</summary>
    public static bool RequestedWithoutSettings(string[] args) => args.Length > 0 && CommandsWithoutSettings.ContainsKey(args[0]);

    /// <summary>The arguments the web host's builder reads: none for a command, whose options are its own.</summary>
    public static string[] HostArguments(string[] args) => Requested(args) ? [] : args;

    public static Task<int> RunAsync(IServiceProvider services, string[] args) =>
        InvokeAsync([.. Commands.Values.Select(create => create(services)), .. CommandsWithoutSettings.Values.Select(create => create())], args);

    public static Task<int> RunWithoutSettingsAsync(string[] args) =>
        InvokeAsync([.. CommandsWithoutSettings.Values.Select(create => create())], args);

    private static async Task<int> InvokeAsync(IEnumerable<Command> commands, string[] args)
    {
        var root = new RootCommand("BekymringssamtaleService: operations commands. Without a command the web host starts.");
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync();
    }

    /// <summary>
    /// Sets what a command does: the operation's exit code, or 1 after printing the message of an exception that names
    /// a problem of the settings, the input or the database (no stack trace).
    /// </summary>
    public static void SetOperation(this Command command, Func<ParseResult, CancellationToken, Task<int>> operation) =>
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            try
            {
                return await operation(parseResult, cancellationToken);
            }
            catch (Exception exception) when (exception is InvalidOperationException or InvalidDataException or IOException or Npgsql.NpgsqlException)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]{command.Name} failed:[/] {exception.Message}");
                return 1;
            }
        });

    /// <summary>Runs long work under a progress bar of <paramref name="total"/> steps; the work advances it.</summary>
    public static Task ShowProgressAsync(string description, double total, Func<ProgressTask, Task> work) =>
        AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(context => work(context.AddTask(description, maxValue: total)));
}
