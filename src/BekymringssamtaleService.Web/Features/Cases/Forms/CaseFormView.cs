using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.Forms;

/// <summary>What the shared form partial needs: the fields, what was posted, the errors, and the choices of the case.</summary>
public sealed record CaseFormView(
    IReadOnlyList<FormField> Fields,
    IFormCollection? Posted,
    IReadOnlyDictionary<string, string[]> Errors,
    CaseFormChoices Choices,
    string SubmitLabel)
{
    /// <summary>The free times of a booking form's day, shown beside its time field; null on other forms.</summary>
    public FreeTimesView? FreeTimes { get; init; }

    public IReadOnlyList<string> Values(string name) =>
        Posted is null ? [] : [.. Posted[name].OfType<string>()];

    public string Value(string name) => Values(name) is [var first, ..] ? first : "";

    public string[] ErrorsOf(string name) => Errors.TryGetValue(name, out var messages) ? messages : [];

    public IReadOnlyList<Choice> ChoicesOf(FormField field) => field.Kind switch
    {
        FieldKind.UnitOfficers => Choices.Officers,
        FieldKind.Guardians => Choices.Guardians,
        FieldKind.UnitRoom => Choices.Rooms,
        FieldKind.UnitInterpreter => Choices.Interpreters,
        FieldKind.Measure => Choices.Measures,
        FieldKind.ConsentPerson => Choices.ConsentPeople,
        FieldKind.ConsentInForce => Choices.ConsentsInForce,
        FieldKind.YesNo => [new(CaseForm.Yes, "Ja"), new(CaseForm.No, "Nei")],
        _ => field.Choices ?? [],
    };

    /// <summary>Errors on the request itself or on a field the form does not show, listed in the summary only.</summary>
    public IEnumerable<string> OtherErrors =>
        Errors.Where(pair => Fields.All(candidate => candidate.Name != pair.Key)).SelectMany(pair => pair.Value);
}

/// <summary>
/// The choices a case's forms offer: officers of its unit, its guardians, the measures catalog, the measures agreed on
/// it, the people who may consent (the youth and the guardians), the consents in force, and the unit's rooms and
/// interpreters in use.
/// </summary>
public sealed record CaseFormChoices(
    IReadOnlyList<Choice> Officers,
    IReadOnlyList<Choice> Guardians,
    IReadOnlyList<Choice> Measures,
    IReadOnlyList<AgreedMeasureChoice> AgreedMeasures,
    IReadOnlyList<Choice> ConsentPeople,
    IReadOnlyList<Choice> ConsentsInForce,
    IReadOnlyList<Choice> Rooms,
    IReadOnlyList<Choice> Interpreters)
{
    public static readonly CaseFormChoices None = new([], [], [], [], [], [], [], []);
}

/// <summary>A measure agreed on the case, with its status now (as the API names it).</summary>
public sealed record AgreedMeasureChoice(Guid Id, string Label, string Status);
