using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Commands;

namespace BekymringssamtaleService.DeploymentTests;

public sealed class SettingsReferenceTests
{
    private static readonly string Operations = RepositoryRoot.Combine("docs", "operations.md");

    [Fact]
    public void The_settings_reference_of_docs_operations_md_is_what_the_options_classes_say()
    {
        var committed = File.ReadAllText(Operations);

        var generated = SettingsReference.UpdatedDocument(committed);

        Assert.True(
            generated == committed,
            "The settings reference in docs/operations.md differs from the options classes. Write it anew with\n" +
            "  dotnet run --project src/BekymringssamtaleService.Web -- settings-reference --update docs/operations.md\n" +
            "and commit the result (a setting's meaning is its property's <summary>).");
    }

    [Fact]
    public void The_settings_reference_gives_each_setting_its_type_rules_default_and_meaning()
    {
        var reference = SettingsReference.Markdown();

        Assert.Contains("| `Jobs:PollingInterval` | time span, 00:00:00.100 … 00:01:00 | `00:00:01` | How often due work", reference, StringComparison.Ordinal);
        Assert.Contains("| `Smtp:Security` | one of `None`, `StartTls`, `SslOnConnect` | `StartTls` |", reference, StringComparison.Ordinal);
        // appsettings.json's value is the default a host gets, not the class's own.
        Assert.Contains("| `Smtp:FromName` | text, required | `Politiet – forebyggende enhet` |", reference, StringComparison.Ordinal);
        Assert.Contains("| `Cases:UnitWorkingHours:<key>:Start` | time of day | `08:00` |", reference, StringComparison.Ordinal);
        Assert.Contains("| `Retention:Periods:<key>` | time span |", reference, StringComparison.Ordinal);
    }
}
