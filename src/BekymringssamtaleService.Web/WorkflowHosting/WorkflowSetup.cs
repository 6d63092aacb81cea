using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Jobs;
using BekymringssamtaleService.Web.Observability;
using BekymringssamtaleService.Workflows.Definitions;
using BekymringssamtaleService.Workflows.Runtime;
using Hangfire;
using Microsoft.Extensions.Options;
using Npgsql;

namespace BekymringssamtaleService.Web.WorkflowHosting;

public static class WorkflowSetup
{
    public const string FolderSetting = "Workflows:Folder";

    /// <summary>
    /// Loads and validates every definition in the workflows folder before anything else starts: a file with a
    /// problem stops the start with its file, line and reason, and nothing of it is used. Registers the engine, its
    /// activities (each class its own descriptor) and its due work for the job hosts' pump; once the database is
    /// migrated the definitions are published (in Development; elsewhere by the publish-workflows command) and the task
    /// escalation scheduled.
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
        builder.Services.AddSingleton(provider => provider.GetRequiredService<IOptions<QuietHoursSettings>>().Value.ToCalendar());
        builder.Services.AddSingleton(ActivityRetryPolicy.Default);
        foreach (var activity in vocabulary.Activities)
        {
            builder.Services.AddSingleton(typeof(IWorkflowActivity), activity.ActivityType);
        }

        builder.Services.AddSingleton(provider => new WorkflowEngine(
            provider.GetRequiredService<NpgsqlDataSource>(),
            vocabulary,
            provider.GetServices<IWorkflowActivity>(),
            provider.GetRequiredService<TimerCalendar>(),
            provider.GetRequiredService<ActivityRetryPolicy>(),
            new WorkflowMetrics(provider.GetRequiredService<ServiceMeter>().Meter),
            provider.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(provider => provider.GetRequiredService<WorkflowEngine>().Definitions);
        builder.Services.AddSingleton(provider => provider.GetRequiredService<WorkflowEngine>().Activities);
        builder.Services.AddSingleton(provider => provider.GetRequiredService<WorkflowEngine>().Transitions);
        builder.Services.AddSingleton(provider => provider.GetRequiredService<WorkflowEngine>().Timers);
        builder.Services.AddSingleton(provider => provider.GetRequiredService<WorkflowEngine>().Tasks);
        builder.Services.AddSingleton(provider => provider.GetRequiredService<WorkflowEngine>().Migration);
        builder.Services.AddSingleton<IDueWork, DueTimersWork>();
        builder.Services.AddSingleton<IDueWork, ActivityRetriesWork>();
        builder.Services.AddTransient<TaskEscalationJob>();
        builder.Services.AddHostedService<WorkflowPublication>();
        return builder;
    }

    /// <summary>
    /// Runs after <see cref="DatabasePreparation"/>, which is registered first. A host in Development publishes its
    /// definitions (a changed file becomes a new version), so that ./run and the tests need no extra step. Every other
    /// host publishes nothing: it uses the versions deployment published with the <c>publish-workflows</c> command, and
    /// refuses to start while one of its definitions has none, naming the command. Then the task escalation is kept scheduled.
    /// </summary>
    private sealed class WorkflowPublication(
        PublishedDefinitions published, WorkflowCatalog catalog, IRecurringJobManager recurringJobs, IHostEnvironment environment) : IHostedService
    {
        public async Task StartAsync(CancellationToken cancellationToken)
        {
            if (environment.IsDevelopment())
            {
                await published.PublishAsync(catalog.All, cancellationToken);
            }
            else if (await published.UsePublishedAsync(catalog.All, cancellationToken) is { Count: > 0 } unpublished)
            {
                throw new InvalidOperationException(
                    $"The workflow definition(s) {string.Join(", ", unpublished.Select(definition => definition.Name))} in {FolderSetting} have no published " +
                    "version. Run the command \"publish-workflows\" (BekymringssamtaleService.Web publish-workflows) before starting the hosts.");
            }

            TaskEscalationJob.Schedule(recurringJobs);
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary>The pump's timer lane: due timers in batches of 500, 8 at a time.</summary>
    private sealed class DueTimersWork(DueTimers timers) : IDueWork
    {
        private const int BatchSize = 500;
        private const int Parallelism = 8;

        public string Kind => "timers";

        public DueWorkSignal? Signal => null;

        public async Task<bool> RunAsync(CancellationToken cancellationToken) =>
            await timers.FireDueAsync(BatchSize, Parallelism, cancellationToken) == BatchSize;
    }

    /// <summary>The pump's retry lane: activities that failed and whose next attempt has come.</summary>
    private sealed class ActivityRetriesWork(ActivityExecutions executions) : IDueWork
    {
        private const int BatchSize = 100;

        public string Kind => "activity-retries";

        public DueWorkSignal? Signal => null;

        public async Task<bool> RunAsync(CancellationToken cancellationToken) =>
            await executions.RunDueRetriesAsync(BatchSize, cancellationToken) == BatchSize;
    }
}

/// <summary>The definitions this host loaded at start, by workflow name.</summary>
public sealed class WorkflowCatalog(IReadOnlyList<WorkflowDefinition> definitions)
{
    public IReadOnlyList<WorkflowDefinition> All => definitions;

    public WorkflowDefinition Get(string name) => definitions.Single(definition => definition.Name == name);
}
