using System.Globalization;
using System.CommandLine;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Runtime;
using Spectre.Console;

namespace BekymringssamtaleService.Web.Commands;

/// <summary>
/// <c>migrate-instances --to VERSION [--dry-run]</c>: moves the running instances of a workflow's older versions to a
/// newer published version, so that cases under way get its steps (<see cref="InstanceMigration"/>). An instance moves
/// when everything it waits at exists in that version; the others are listed with the reason and left as they are. Each
/// instance moves in its own transaction, safely while the hosts run, and is journaled. The dry run prints the plan and
/// changes nothing; running it again moves nothing twice.
/// </summary>
public static class MigrateInstancesCommand
{
    public const string Name = "migrate-instances";

    public static Command Create(IServiceProvider services)
    {
        var to = new Option<int>("--to") { Description = "The published version to move the instances to.", HelpName = "VERSION", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print what would be moved, and what not and why; change nothing." };
        var workflow = new Option<string?>("--workflow") { Description = "The workflow, by name; needed only when there is more than one." };
        var command = new Command(Name, "Moves running workflow instances of older versions to a newer published version.") { to, dryRun, workflow };
        command.SetOperation(async (parseResult, cancellationToken) =>
        {
            var name = parseResult.GetValue(workflow) ?? OnlyWorkflow(services.GetRequiredService<WorkflowCatalog>());
            var version = parseResult.GetValue(to);
            if (await services.GetRequiredService<PublishedDefinitions>().FindAsync(name, version, cancellationToken) is null)
            {
                throw new InvalidOperationException($"The workflow {name} has no published version {version}: publish it first (publish-workflows).");
            }

            var migration = services.GetRequiredService<InstanceMigration>();
            var plan = await migration.PlanAsync(name, version, cancellationToken);
            Show(plan, parseResult.GetValue(dryRun) ? "Dry run: nothing is changed." : "Plan:");
            if (parseResult.GetValue(dryRun) || !plan.Movable.Any())
            {
                return 0;
            }

            var done = plan;
            await OperationsCommands.ShowProgressAsync("Moving instances", plan.Items.Count, async progress =>
                done = await migration.MigrateAsync(plan, OperationsCommands.Operations, _ => progress.Increment(1), cancellationToken));
            AnsiConsole.MarkupLineInterpolated(
                CultureInfo.InvariantCulture, $"Moved [bold]{done.Movable.Count()}[/] instance(s) of {name} to version {version}; {done.Unmovable.Count()} left as they are.");
            ShowUnmovable(done);
            return 0;
        });
        return command;
    }

    private static string OnlyWorkflow(WorkflowCatalog catalog) =>
        catalog.All is [var only] ? only.Name : throw new InvalidOperationException(
            $"There are several workflows ({string.Join(", ", catalog.All.Select(definition => definition.Name))}): name one with --workflow.");

    /// <summary>The running instances per version and state they stand in, how many of them can move, and the ones that cannot.</summary>
    private static void Show(MigrationPlan plan, string heading)
    {
        AnsiConsole.MarkupLineInterpolated(
            CultureInfo.InvariantCulture, $"{heading} {plan.Items.Count} running instance(s) of {plan.Workflow} on versions before {plan.ToVersion}.");
        if (plan.Items.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("From version", "Waiting in", "Instances", "Movable", "Not movable");
        foreach (var group in plan.Items.GroupBy(item => (item.FromVersion, item.State)).OrderBy(group => group.Key))
        {
            table.AddRow(
                group.Key.FromVersion.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(group.Key.State),
                group.Count().ToString(CultureInfo.InvariantCulture),
                group.Count(item => item.Movable).ToString(CultureInfo.InvariantCulture),
                group.Count(item => !item.Movable).ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
        ShowUnmovable(plan);
    }

    private static void ShowUnmovable(MigrationPlan plan)
    {
        foreach (var item in plan.Unmovable)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Not movable: {item.InstanceId} (version {item.FromVersion}, {item.State}): {item.Refusal}.");
        }
    }
}
