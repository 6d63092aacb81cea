using System.Globalization;
using System.CommandLine;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Runtime;
using Spectre.Console;

namespace BekymringssamtaleService.Web.Commands;

/// <summary>
/// <c>publish-workflows</c>: publishes the definitions in Workflows:Folder, each whose content is new as its workflow's
/// next version; a definition published before stays the version it is. Deployment runs it as its own step after
/// <c>migrate</c> and before the hosts start: outside Development the hosts publish nothing and refuse to start with a
/// definition that has no published version. Running it again publishes nothing.
/// </summary>
public static class PublishWorkflowsCommand
{
    public const string Name = "publish-workflows";

    public static Command Create(IServiceProvider services)
    {
        var command = new Command(Name, $"Publishes the workflow definitions in {WorkflowSetup.FolderSetting} that are new as the next version of their workflow.");
        command.SetOperation(async (_, cancellationToken) =>
        {
            var catalog = services.GetRequiredService<WorkflowCatalog>();
            var publications = await services.GetRequiredService<PublishedDefinitions>().PublishAsync(catalog.All, cancellationToken);
            foreach (var publication in publications)
            {
                var (name, version) = (publication.Published.Definition.Name, publication.Published.Version);
                if (publication.IsNew)
                {
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Published [bold]{name}[/] version [bold]{version}[/].");
                }
                else
                {
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[bold]{name}[/] is published already as version {version}.");
                }
            }

            return 0;
        });
        return command;
    }
}
