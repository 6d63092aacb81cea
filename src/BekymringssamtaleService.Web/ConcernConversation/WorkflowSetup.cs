using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Jobs;
using BekymringssamtaleService.Workflows.Runtime;
using Hangfire;
using Npgsql;

namespace BekymringssamtaleService.Web.ConcernConversation;

public static class WorkflowSetup
{
    public const string FolderSetting = "Workflows:Folder";

    /// <summary>
    /// Loads and validates every definition in the workflows folder before anything else starts: a file with a
    /// problem stops the start with its file, line and reason, and nothing of it is used. After the database is
    /// migrated the definitions are published (a changed file becomes a new version) and the recurring jobs scheduled.
    /// </summary>
    public static WebApplicationBuilder AddWorkflows(this WebApplicationBuilder builder)
    {
        var folder = Path.GetFullPath(builder.Configuration[FolderSetting] ?? "workflows");
        if (!Directory.Exists(folder))
        {
            throw new InvalidOperationException($"{FolderSetting} names the folder {folder}, which does not exist.");
        }

        var vocabulary = ConcernConversationVocabulary.Create();
        var loader = new WorkflowDefinitionLoader(vocabulary);
        var definitions = loader.LoadFolder(folder);
        builder.Services.AddSingleton(vocabulary);
        builder.Services.AddSingleton(loader);
        builder.Services.AddSingleton(new WorkflowCatalog(definitions));
        builder.Services.AddSingleton(_ =>
        {
            // The engine's connections keep no session state, so they skip the reset and keep prepared statements.
            var engineDatabase = new NpgsqlDataSourceBuilder(builder.Configuration.ConnectionString());
            engineDatabase.ConnectionStringBuilder.NoResetOnClose = true;
            engineDatabase.ConnectionStringBuilder.MaxAutoPrepare = 32;
            return engineDatabase.Build();
        });
        builder.Services.AddOptions<QuietHoursSettings>()
            .BindConfiguration(QuietHoursSettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(provider => provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<QuietHoursSettings>>().Value.ToCalendar());
        builder.Services.AddSingleton<PublishedDefinitions>();
        builder.Services.AddSingleton<IWorkflowJobs, HangfireWorkflowJobs>();
        builder.Services.AddSingleton<IWorkflowActivityHandler, CreateTaskActivity>();
        builder.Services.AddSingleton<WorkflowRuntime>();
        builder.Services.AddTransient<WorkflowJobs>();
        builder.Services.AddHostedService<WorkflowPublication>();
        return builder;
    }

    /// <summary>Runs after <see cref="DatabasePreparation"/>, which is registered first: publish, then keep the reconciler and the task escalation scheduled.</summary>
    private sealed class WorkflowPublication(PublishedDefinitions published, WorkflowCatalog catalog, IRecurringJobManager recurringJobs) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await published.PublishAsync(catalog.All, cancellationToken);
            HangfireWorkflowJobs.ScheduleReconciler(recurringJobs);
            HangfireWorkflowJobs.ScheduleTaskEscalation(recurringJobs);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

/// <summary>The definitions this host loaded at start, by workflow name.</summary>
public sealed class WorkflowCatalog(IReadOnlyList<WorkflowDefinition> definitions)
{
    public IReadOnlyList<WorkflowDefinition> All => definitions;

    public WorkflowDefinition Get(string name) => definitions.Single(definition => definition.Name == name);
}
