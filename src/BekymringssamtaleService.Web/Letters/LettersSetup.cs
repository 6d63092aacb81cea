namespace BekymringssamtaleService.Web.Letters;

public static class LettersSetup
{
    public const string FolderSetting = "Letters:Folder";

    /// <summary>
    /// Loads and checks every letter template before anything else starts (a missing or broken template stops the
    /// start), and wires the outbox: the sendLetter and remindOfficer activities and sending (the relay runs on job hosts).
    /// </summary>
    public static WebApplicationBuilder AddLetters(this WebApplicationBuilder builder)
    {
        var folder = Path.GetFullPath(builder.Configuration[FolderSetting] ?? Path.Combine(builder.Configuration[ConcernConversation.WorkflowSetup.FolderSetting] ?? "workflows", "letters"));
        builder.Services.AddSingleton(LetterTemplates.Load(folder));
        builder.Services.AddSingleton<LetterComposer>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<Workflows.Runtime.IWorkflowActivityHandler, SendLetterActivity>();
        builder.Services.AddSingleton<Workflows.Runtime.IWorkflowActivityHandler, RemindOfficerActivity>();
        builder.Services.AddOptions<LetterDeliverySettings>()
            .BindConfiguration(LetterDeliverySettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<LetterDelivery>();
        return builder;
    }
}
