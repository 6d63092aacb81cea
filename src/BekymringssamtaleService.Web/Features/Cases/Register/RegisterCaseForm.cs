using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.Register;

/// <summary>The registration page's fields: the JSON paths of <see cref="RegisterCaseRequest"/>, with room for two guardians.</summary>
public static class RegisterCaseForm
{
    public const int GuardianRows = 2;

    private const string AddressHint = "Gate og nummer, postnummer og poststed, med komma mellom: for eksempel «Storgata 12, 0184 Oslo».";

    private static readonly Choice[] Languages = [new("nb", "Bokmål"), new("nn", "Nynorsk"), new("en", "Engelsk")];

    public static IReadOnlyList<FormField> Fields(IReadOnlyList<Choice> units) =>
    [
        new("unitCode", "Enhet", FieldKind.Select, Choices: units),
        new("youth.givenName", "Ungdommens fornavn", FieldKind.Text),
        new("youth.familyName", "Ungdommens etternavn", FieldKind.Text),
        new("youth.birthDate", "Fødselsdato", FieldKind.Date),
        new("youth.nationalIdNumber", "Fødselsnummer (11 siffer)", FieldKind.Text, Required: false),
        new("youth.email", "Ungdommens e-post", FieldKind.Text, Required: false, Hint: "Uten e-post får ungdommen brevene i posten hvis adressen er fylt ut, ellers får bare de foresatte brevene."),
        new("youth.address", "Ungdommens postadresse", FieldKind.Text, Required: false, Hint: AddressHint),
        new("youth.phone", "Ungdommens telefon", FieldKind.Text, Required: false),
        new("youth.language", "Brevspråk for ungdommen", FieldKind.Select, Choices: Languages),
        .. Enumerable.Range(0, GuardianRows).SelectMany(Guardian),
        new("noGuardianReason", "Hvorfor ingen foresatte får brev", FieldKind.LongText, Required: false,
            Hint: "Fylles ut bare når ingen foresatt med foreldreansvar er registrert, for eksempel når en oppnevnt representant får brevene."),
        new("source", "Hvem meldte bekymringen", FieldKind.Select, Choices:
        [
            new("school", "Skole"), new("childWelfare", "Barnevern"), new("patrol", "Patrulje"), new("parents", "Foresatte"), new("pst", "PST"), new("other", "Annet"),
        ]),
        new("concernText", "Bekymringen", FieldKind.LongText),
        new("offenceReference", "Straffesaksnummer", FieldKind.Text, Required: false, Hint: "Bare når et lovbrudd allerede er begått."),
    ];

    private static IEnumerable<FormField> Guardian(int index)
    {
        var number = index + 1;
        var required = index == 0;
        return
        [
            new($"guardians[{index}].name", $"Foresatt {number}: navn", FieldKind.Text, Required: required),
            new($"guardians[{index}].email", $"Foresatt {number}: e-post", FieldKind.Text, Required: false,
                Hint: "Uten e-post skrives brevene ut og sendes i posten til adressen under."),
            new($"guardians[{index}].address", $"Foresatt {number}: postadresse", FieldKind.Text, Required: required, Hint: AddressHint),
            new($"guardians[{index}].language", $"Foresatt {number}: brevspråk", FieldKind.Select, Required: required, Choices: Languages),
            new($"guardians[{index}].livesWithYouth", $"Foresatt {number}: bor ungdommen hos denne foresatte?", FieldKind.YesNo, Required: required),
        ];
    }
}
