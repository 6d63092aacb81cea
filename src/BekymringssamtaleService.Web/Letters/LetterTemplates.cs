using BekymringssamtaleService.Domain.Cases;
using Fluid;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// The letter templates in workflows/letters: one Liquid file per template and language, named
/// "{template}.{language}.liquid". The first line is "subject: …" and holds no variables, so no personal data can reach
/// a subject; after a blank line comes the body. Every template must exist in every language and parse, or the host
/// does not start.
/// </summary>
public sealed class LetterTemplates
{
    /// <summary>Letters to the youth and guardians: in bokmål, nynorsk and English.</summary>
    public static readonly IReadOnlyList<string> FamilyLetters =
    [
        "invitation-voluntary", "invitation-attendance-order", "reminder", "changed-time", "cancellation",
        "measures-summary", "follow-up-invitation", "closing",
    ];

    /// <summary>Reminders and calendar entries to officers: in bokmål, the language of the service.</summary>
    public static readonly IReadOnlyList<string> OfficerLetters = ["officer-meeting-tomorrow", "officer-follow-up-due", "officer-calendar"];

    private const string SubjectPrefix = "subject: ";

    private readonly Dictionary<(string Name, LetterLanguage Language), ParsedLetter> _templates;

    private LetterTemplates(Dictionary<(string, LetterLanguage), ParsedLetter> templates) => _templates = templates;

    public static LetterTemplates Load(string folder)
    {
        var parser = new FluidParser();
        var problems = new List<string>();
        var templates = new Dictionary<(string, LetterLanguage), ParsedLetter>();
        var wanted = FamilyLetters.SelectMany(name => Enum.GetValues<LetterLanguage>().Select(language => (name, language)))
            .Concat(OfficerLetters.Select(name => (name, language: LetterLanguage.Nb)));
        foreach (var (name, language) in wanted)
        {
            {
                var path = Path.Combine(folder, $"{name}.{language.ToString().ToLowerInvariant()}.liquid");
                if (!File.Exists(path))
                {
                    problems.Add($"{path}: missing (letters to families exist in nb, nn and en; officer reminders in nb)");
                    continue;
                }

                var lines = File.ReadAllLines(path);
                if (lines.Length < 3 || !lines[0].StartsWith(SubjectPrefix, StringComparison.Ordinal) || lines[1].Length != 0)
                {
                    problems.Add($"{path}:1: the first line must be \"subject: …\" and the second empty");
                    continue;
                }

                var subject = lines[0][SubjectPrefix.Length..].Trim();
                if (subject.Contains("{{", StringComparison.Ordinal) || subject.Contains("{%", StringComparison.Ordinal))
                {
                    problems.Add($"{path}:1: the subject may not use variables: subjects carry no personal data");
                    continue;
                }

                if (!parser.TryParse(string.Join('\n', lines.Skip(2)), out var body, out var error))
                {
                    problems.Add($"{path}: {error}");
                    continue;
                }

                templates[(name, language)] = new ParsedLetter(subject, body);
            }
        }

        return problems.Count == 0
            ? new LetterTemplates(templates)
            : throw new InvalidOperationException($"The letter templates have problems:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    public ParsedLetter Get(string name, LetterLanguage language) => _templates[(name, language)];
}

public sealed record ParsedLetter(string Subject, IFluidTemplate Body);
