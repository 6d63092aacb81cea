using BekymringssamtaleService.Web.Jobs;

namespace BekymringssamtaleService.Web.Letters;

public static class LettersSetup
{
    public const string FolderSetting = "Letters:Folder";

    /// <summary>By default the letters live beside the workflow definitions that send them.</summary>
    private const string WorkflowsFolderSetting = "Workflows:Folder";

    /// <summary>
    /// Loads and checks every letter template before anything else starts (a missing or broken template stops the
    /// start), and wires the outbox: the letters' lane of the due-work pump (which runs on job hosts) and their delivery,
    /// and the printing of letters that go by post (its fonts checked at start too).
    /// </summary>
    public static WebApplicationBuilder AddLetters(this WebApplicationBuilder builder)
    {
        var folder = Path.GetFullPath(builder.Configuration[FolderSetting] ?? Path.Combine(builder.Configuration[WorkflowsFolderSetting] ?? "workflows", "letters"));
        builder.Services.AddSingleton(LetterTemplates.Load(folder));
        builder.Services.AddSingleton<LetterComposer>();
        builder.Services.AddSingleton<OutboxSignal>();
        builder.Services.AddSingleton<IDueWork, OutboxSending>();
        builder.Services.AddOptions<LetterDeliverySettings>()
            .BindConfiguration(LetterDeliverySettings.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<LetterMetrics>();
        builder.Services.AddSingleton<LetterDelivery>();
        builder.Services.AddOptions<LetterPrintSettings>()
            .BindConfiguration(LetterPrintSettings.SectionName)
            .Validate(settings => settings.HasFonts, $"{LetterPrintSettings.SectionName}:FontFolder must hold DejaVuSans.ttf and DejaVuSans-Bold.ttf (Debian: fonts-dejavu-core).")
            .ValidateOnStart();
        builder.Services.AddSingleton<LetterPrinter>();
        return builder;
    }
}
