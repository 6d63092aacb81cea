using System.CommandLine;
using System.Globalization;
using Spectre.Console;

namespace BekymringssamtaleService.Web.Commands;

/// <summary>
/// <c>settings-reference</c>: prints the settings reference (<see cref="SettingsReference"/>) as Markdown, or with
/// <c>--update FILE</c> writes it into that file between its markers (docs/operations.md). It needs none of the host's
/// settings: <c>dotnet run --project src/BekymringssamtaleService.Web -- settings-reference --update docs/operations.md</c>.
/// </summary>
public static class SettingsReferenceCommand
{
    public const string Name = "settings-reference";

    public static Command Create()
    {
        var update = new Option<FileInfo>("--update") { Description = "The Markdown file whose settings reference is replaced (docs/operations.md)." };
        var command = new Command(Name, "Prints every setting of the host, its type, default and meaning, as Markdown.") { update };
        command.SetOperation(async (parseResult, cancellationToken) =>
        {
            if (parseResult.GetValue(update) is { } file)
            {
                var document = await File.ReadAllTextAsync(file.FullName, cancellationToken);
                var updated = SettingsReference.UpdatedDocument(document);
                await File.WriteAllTextAsync(file.FullName, updated, cancellationToken);
                AnsiConsole.MarkupLineInterpolated(
                    CultureInfo.InvariantCulture,
                    $"The settings reference in [bold]{file.FullName}[/] {(updated == document ? "was already up to date" : "is written anew")}.");
            }
            else
            {
                Console.Out.Write(SettingsReference.Markdown());
            }

            return 0;
        });
        return command;
    }
}
