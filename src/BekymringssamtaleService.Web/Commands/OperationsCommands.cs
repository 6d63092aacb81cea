using System.Globalization;
using System.CommandLine;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;
using Spectre.Console;

namespace BekymringssamtaleService.Web.Commands;

/// <summary>
/// The operations commands, run on the host's own executable instead of serving (<c>BekymringssamtaleService.Web
/// migrate</c>): the same settings, the same services, no web server and no hosted service started. A command that
/// fails prints what went wrong without a stack trace and exits with 1; a command line it cannot parse exits with 2.
/// </summary>
public static class OperationsCommands
{
    /// <summary>Every command, by the name it is called with; a new command is added here.</summary>
    private static readonly Dictionary<string, Func<IServiceProvider, Command>> Commands = new(StringComparer.Ordinal)
    {
        [MigrateCommand.Name] = MigrateCommand.Create,
        [ImportStaffCommand.Name] = ImportStaffCommand.Create,
        [PublishWorkflowsCommand.Name] = PublishWorkflowsCommand.Create,
        [MigrateInstancesCommand.Name] = MigrateInstancesCommand.Create,
        [ResendLetterCommand.Name] = ResendLetterCommand.Create,
    };

    /// <summary>Commands that describe the host rather than work with its data: they need none of its settings or services.</summary>
    private static readonly Dictionary<string, Func<Command>> CommandsWithoutSettings = new(StringComparer.Ordinal)
    {
        [SettingsReferenceCommand.Name] = SettingsReferenceCommand.Create,
    };

    /// <summary>
    /// Who the commands' changes are recorded as, in the workflow journal and the access log: nobody signs in to run
    /// them; deployment or an operator with the host's settings does.
    /// </summary>
    public static readonly Actor Operations = new("operations", [TriggerDefinition.SystemRole]);

    /// <summary>The exit code of a command line that names no command, or a command with options it does not take.</summary>
    public const int UsageError = 2;

    private const int LogWidth = 500;

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

        if (Console.IsOutputRedirected)
        {
            // A deployment job's log has no width: a message broken at 80 columns would only be harder to search.
            AnsiConsole.Profile.Width = LogWidth;
        }

        var parsed = root.Parse(args);
        var exitCode = await parsed.InvokeAsync();
        // System.CommandLine prints the errors and the help; the exit code tells a script it was called wrong.
        return parsed.Errors.Count > 0 ? UsageError : exitCode;
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
