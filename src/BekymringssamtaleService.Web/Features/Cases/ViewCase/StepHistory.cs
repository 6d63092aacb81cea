using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>
/// How a step taken reads in the case's history: once, by what it did in the past tense ("Innkalling sendt"), with who
/// took it and what they recorded with it (reasons, notes, decisions), each under the label its form gave the field.
/// </summary>
public sealed class StepHistory(WorkflowDefinition definition, IEnumerable<ICaseStep> steps, IReadOnlyList<CaseEntry> entries, IReadOnlyDictionary<string, string> staffNames)
{
    private readonly HashSet<long> _told = [];

    /// <summary>A transition of the journal, with what its step recorded at the same moment.</summary>
    public TimelineItem Transition(WorkflowJournalRow row)
    {
        var step = steps.FirstOrDefault(candidate => candidate.Triggers.Contains(row.Code));
        var entry = step is null ? null : entries.FirstOrDefault(e => e.Step == step.Slug && e.RecordedAt == row.At && !_told.Contains(e.Id));
        List<TimelineDetail> details = [];
        if (entry is not null)
        {
            _told.Add(entry.Id);
            details.AddRange(Details(step!, entry));
        }

        if (row.ToState is { } toState && row.ToState != row.FromState)
        {
            details.Add(new TimelineDetail("toState", "Nytt steg", StateTitle(toState)));
        }

        var title = definition.HasTrigger(row.Code) ? definition.Trigger(row.Code).DoneTitle : row.Code;
        return new TimelineItem(row.At, row.Kind, title, By(row.ActorId), details);
    }

    /// <summary>What was recorded with no transition to tell it (none today; kept visible rather than dropped).</summary>
    public IEnumerable<TimelineItem> Untold() => entries.Where(e => !_told.Contains(e.Id)).Select(e =>
    {
        var step = steps.FirstOrDefault(s => s.Slug == e.Step);
        return new TimelineItem(e.RecordedAt, "entry", step?.Title ?? e.Step, By(e.RecordedBy), step is null ? [] : [.. Details(step, e)]);
    });

    public string StateTitle(string state) => definition.States.Any(s => s.Name == state) ? definition.State(state).Title : state;

    public string? By(string? staffId) => staffId is null ? null : staffNames.GetValueOrDefault(staffId, staffId);

    private static IEnumerable<TimelineDetail> Details(ICaseStep step, CaseEntry entry) =>
        entry.Details.Select(detail =>
        {
            var field = step.Form.FirstOrDefault(f => f.Name == detail.Key);
            return new TimelineDetail(detail.Key, Label(field, detail.Key), Text(field, detail.Value));
        });

    // A form label's hint in brackets ("Hvorfor ikke ny tid (påkrevd ved avhenting)") is about filling it in, not about the answer.
    private static string Label(FormField? field, string name) =>
        field is null ? CaseWords.RecordedField(name) : field.Label.Split(" (", 2)[0];

    private static string Text(FormField? field, string value) => field switch
    {
        { Kind: FieldKind.YesNo } => value == "yes" ? "Ja" : value == "no" ? "Nei" : value,
        { Choices: { } choices } => choices.FirstOrDefault(choice => choice.Value == value)?.Label ?? value,
        _ => CaseWords.RecordedValue(value),
    };
}
