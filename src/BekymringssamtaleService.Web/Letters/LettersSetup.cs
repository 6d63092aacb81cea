using Hangfire;

namespace BekymringssamtaleService.Web.Letters;

public static class LettersSetup
{
    public const string FolderSetting = "Letters:Folder";

    /// <summary>
    /// Loads and checks every letter template before anything else starts (a missing or broken template stops the
    /// start), and wires the outbox: the sendLetter and remindOfficer activities, sending and the reconciler.
    /// </summary>
    public static WebApplicationBuilder AddLetters(this WebApplicationBuilder builder)
    {
        var folder = Path.GetFullPath(builder.Configuration[FolderSetting] ?? Path.Combine(builder.Configuration[ConcernConversation.WorkflowSetup.FolderSetting] ?? "workflows", "letters"));
        builder.Services.AddSingleton(LetterTemplates.Load(folder));
        builder.Services.AddSingleton<LetterComposer>();
        builder.Services.AddSingleton<LetterDispatch>();
        builder.Services.AddSingleton<Workflows.Runtime.IWorkflowActivityHandler, SendLetterActivity>();
        builder.Services.AddSingleton<Workflows.Runtime.IWorkflowActivityHandler, RemindOfficerActivity>();
        builder.Services.AddOptions<LetterDeliverySettings>()
            .BindConfiguration(LetterDeliverySettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<LetterDelivery>();
        builder.Services.AddHostedService<LetterReconcilerSchedule>();
        return builder;
    }

    private sealed class LetterReconcilerSchedule(IRecurringJobManager recurringJobs) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            // Every minute, and once now: a host starting after a crash repairs at once what the crash left.
            recurringJobs.AddOrUpdate<LetterDispatch>(LetterDispatch.ReconcilerJobId, dispatch => dispatch.ReconcileAsync(CancellationToken.None), Cron.Minutely());
            recurringJobs.Trigger(LetterDispatch.ReconcilerJobId);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
