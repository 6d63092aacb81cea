using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Web.ConcernConversation;

public static class WorkflowSetup
{
    public const string FolderSetting = "Workflows:Folder";

    /// <summary>
    /// Loads and validates every definition in the workflows folder before anything else starts: a file with a
    /// problem stops the start with its file, line and reason, and nothing of it is used.
    /// </summary>
    public static WebApplicationBuilder AddWorkflows(this WebApplicationBuilder builder)
    {
        var folder = Path.GetFullPath(builder.Configuration[FolderSetting] ?? "workflows");
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"{FolderSetting} names the folder {folder}, which does not exist.");
        }

        var vocabulary = ConcernConversationVocabulary.Create();
        var definitions = new WorkflowDefinitionLoader(vocabulary).LoadFolder(folder);
        builder.Services.AddSingleton(vocabulary);
        builder.Services.AddSingleton(new WorkflowCatalog(definitions));
        return builder;
    }
}

/// <summary>The definitions this host loaded at start, by workflow name.</summary>
public sealed class WorkflowCatalog(IReadOnlyList<WorkflowDefinition> definitions)
{
    public IReadOnlyList<WorkflowDefinition> All => definitions;

    public WorkflowDefinition Get(string name) => definitions.Single(definition => definition.Name == name);
}
