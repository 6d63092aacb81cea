using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Consents;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Coordination;
using BekymringssamtaleService.Web.Letters;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>
/// Reads one case the gate let the user through to (<see cref="CaseAtHand"/>); every read is written to the access log
/// first, with its purpose: casework, or an Admin's review of a blocked case with the purpose they stated.
/// </summary>
public sealed class CaseReader(ServiceDbContext db, RestrictedNotice restrictedNotice, WorkflowTransitions transitions, WorkflowCatalog catalog, IEnumerable<ICaseStep> steps, TimeProvider time)
{
    public async Task<CaseDetails> DetailsAsync(ClaimsPrincipal user, CaseAtHand atHand, CancellationToken cancellationToken, CaseReadPurpose? purpose = null)
    {
        Log(user, atHand, "read", purpose);
        await db.SaveChangesAsync(cancellationToken);
        return (await ReadAsync(user, atHand.Id, journal: null, letters: [], cancellationToken)).Details;
    }

    /// <summary>
    /// All the case page shows (the case, its timeline, its letters as sent), read with the fewest round trips: the
    /// three reads are logged in one save, the journal and the letters are read once for the timeline and the header,
    /// and the names of everyone in them are looked up together.
    /// </summary>
    public async Task<CasePageRead> PageAsync(ClaimsPrincipal user, CaseAtHand atHand, CancellationToken cancellationToken, CaseReadPurpose? purpose = null)
    {
        var caseId = atHand.Id;
        Log(user, atHand, "read", purpose);
        Log(user, atHand, "read-timeline", purpose);
        Log(user, atHand, "read-letters", purpose);
        await db.SaveChangesAsync(cancellationToken);

        var journal = await db.WorkflowJournal.AsNoTracking().Where(j => j.InstanceId == caseId && j.Kind != "activity").OrderBy(j => j.Id).ToListAsync(cancellationToken);
        var letters = await db.Letters.AsNoTracking().Where(l => l.CaseId == caseId).OrderBy(l => l.CreatedAt).ThenBy(l => l.Recipient).ToListAsync(cancellationToken);
        var (details, history, names) = await ReadAsync(user, caseId, journal, letters, cancellationToken);
        return new CasePageRead(details, Timeline(journal, letters, history), [.. letters.Select(l => LetterOf(l, names))]);
    }

    /// <summary>
    /// The case with what the reader may do; <paramref name="journal"/> is the case's journal when the caller has read it
    /// (the page), null when only the step that brought the case where it stands is to be read.
    /// </summary>
    private async Task<(CaseDetails Details, StepHistory History, Dictionary<string, string> Names)> ReadAsync(
        ClaimsPrincipal user, Guid caseId, IReadOnlyList<WorkflowJournalRow>? journal, IReadOnlyList<Letter> letters, CancellationToken cancellationToken)
    {
        var head = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Join(db.WorkflowInstances, c => c.Id, i => i.Id, (c, i) => new { Case = c, i.State, i.Data, i.Version })
            .Select(x => new { x.Case, x.State, x.Data, x.Version, UnitName = db.Units.Where(u => u.Code == x.Case.UnitCode).Select(u => u.Name).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        var concernCase = head.Case;
        var meeting = await db.Meetings.AsNoTracking()
            .Where(m => m.CaseId == caseId)
            .OrderByDescending(m => m.Status == Domain.Cases.MeetingStatus.Booked)
            .ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var mappings = await db.Mappings.AsNoTracking().Where(m => m.CaseId == caseId).OrderByDescending(m => m.Version).ToListAsync(cancellationToken);
        var measures = await db.AgreedMeasures.AsNoTracking()
            .Where(m => m.CaseId == caseId)
            .Join(db.Measures, agreed => agreed.MeasureCode, measure => measure.Code, (agreed, measure) => new { agreed, measure.Name.Nb, measure.ConsentSharing })
            .OrderBy(m => m.agreed.AgreedAt)
            .ThenBy(m => m.Nb)
            .ToListAsync(cancellationToken);
        var tasks = await db.WorkflowTasks.AsNoTracking()
            .Where(t => t.InstanceId == caseId && t.Status == UserTaskStatus.Open)
            .OrderBy(t => t.DueAt)
            .Select(t => new OpenTask(t.Id, t.Title, t.CandidateRole, t.DueAt, t.EscalatedAt == null ? null : t.EscalateTo, t.EscalatedAt))
            .ToListAsync(cancellationToken);
        var consentRecords = await db.ConsentRecords.AsNoTracking().Where(r => r.CaseId == caseId).OrderBy(r => r.RecordedAt).ToListAsync(cancellationToken);
        var consents = CaseConsents.Of(concernCase, consentRecords);

        var actor = new Actor(user.StaffId(), [.. user.Roles().Select(role => role.ToString())]);
        var permitted = (await transitions.PermittedAsync(caseId, actor, cancellationToken)).Select(t => t.Name).ToHashSet();
        var actions = steps
            .Where(step => step.Triggers.Any(permitted.Contains))
            .Select(step => new PermittedAction(step.Slug, step.Title, $"/saker/{caseId}/{step.Slug}", step.Weight))
            .ToList();

        var definition = catalog.Get(CaseWorkflow.Name);
        var arrival = journal is null
            ? await db.WorkflowJournal.AsNoTracking()
                .Where(j => j.InstanceId == caseId && j.Kind == "transition" && j.ToState == head.State && j.FromState != head.State)
                .OrderByDescending(j => j.Id)
                .ToListAsync(cancellationToken)
            : [.. journal.Where(j => j.Kind == "transition" && j.ToState == head.State && j.FromState != head.State).OrderByDescending(j => j.Id)];
        // Resuming a paused case returns it to its step; the step that brought it there the first time tells why it stands there.
        var cameBy = arrival.FirstOrDefault(j => !definition.HasTrigger(j.Code) || !definition.Trigger(j.Code).ReturnsToPrevious);
        IReadOnlyList<WorkflowJournalRow> told = journal ?? (cameBy is null ? [] : [cameBy]);
        var moments = told.Select(j => j.At).ToList();
        var entries = moments.Count == 0
            ? []
            : await db.CaseEntries.AsNoTracking().Where(e => e.CaseId == caseId && moments.Contains(e.RecordedAt)).ToListAsync(cancellationToken);

        var names = await StaffNamesAsync(
            [
                concernCase.ResponsibleOfficerId,
                .. meeting?.OfficerIds ?? [],
                .. mappings.Select(m => m.SignedBy),
                .. consents.StaffIds,
                .. told.Select(j => j.ActorId).OfType<string>(),
                .. entries.Select(e => e.RecordedBy),
                .. letters.Select(l => l.PostedBy).OfType<string>(),
            ],
            cancellationToken);
        var history = new StepHistory(definition, steps, entries, names);
        var howItGotHere = cameBy is null ? null : history.Transition(cameBy);
        if (journal is not null)
        {
            // The timeline tells every transition afresh, the one shown as how the case got here too.
            history = new StepHistory(definition, steps, entries, names);
        }

        var meetingView = meeting is null ? null : new MeetingView(
            meeting.Id, meeting.Sequence, meeting.StartsAt, meeting.DurationMinutes, meeting.Place,
            [.. meeting.OfficerIds.Select(id => names.GetValueOrDefault(id, id))], meeting.ExtraParticipants, meeting.Status);
        var details = new CaseDetails(
            concernCase.Id,
            CaseNumbers.Format(concernCase.Number),
            concernCase.UnitCode,
            head.UnitName ?? concernCase.UnitCode,
            head.State,
            definition.State(head.State).Title,
            TrackNames.FromWireName(JsonNode.Parse(head.Data)?["track"]?.GetValue<string>()),
            head.Version,
            concernCase.Youth,
            concernCase.Guardians,
            concernCase.NoGuardianReason,
            concernCase.Source,
            concernCase.ConcernText,
            concernCase.OffenceReference,
            concernCase.ResponsibleOfficerId,
            names.GetValueOrDefault(concernCase.ResponsibleOfficerId, concernCase.ResponsibleOfficerId),
            concernCase.RegisteredAt,
            NextDate.Of(meetingView, tasks),
            meetingView,
            mappings.Count == 0 ? null : new MappingView(mappings[0].Version, mappings[0].OverallConcern, mappings[0].Factors, mappings[0].SignedBy, mappings[0].SignedAt),
            MappingHistory.Of(mappings, names),
            [.. measures.Select(m => new AgreedMeasureView(
                m.agreed.Id, m.agreed.MeasureCode, m.Nb, m.agreed.Responsible, m.ConsentSharing, m.agreed.StartsOn, m.agreed.DueOn, m.agreed.Status))],
            consents.View(OsloTime.Today(time.GetUtcNow()), names),
            tasks,
            actions,
            howItGotHere,
            await restrictedNotice.ForCaseAsync(caseId, cancellationToken));
        return (details, history, names);
    }

    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(ClaimsPrincipal user, CaseAtHand atHand, CancellationToken cancellationToken, CaseReadPurpose? purpose = null)
    {
        var caseId = atHand.Id;
        Log(user, atHand, "read-timeline", purpose);
        await db.SaveChangesAsync(cancellationToken);

        var journal = await db.WorkflowJournal.AsNoTracking().Where(j => j.InstanceId == caseId && j.Kind != "activity").OrderBy(j => j.Id).ToListAsync(cancellationToken);
        var letters = await db.Letters.AsNoTracking().Where(l => l.CaseId == caseId).ToListAsync(cancellationToken);
        var history = await HistoryAsync(caseId, journal, cancellationToken);
        return Timeline(journal, letters, history);
    }

    // An activity that ran is shown by what it made (a letter, a task), not by its code name; a step by what it did.
    private static IReadOnlyList<TimelineItem> Timeline(IReadOnlyList<WorkflowJournalRow> journal, IReadOnlyList<Letter> letters, StepHistory history)
    {
        var items = journal.Select(j => j.Kind switch
        {
            "transition" => history.Transition(j),
            _ => new TimelineItem(j.At, j.Kind, JournalTitle(j), history.By(j.ActorId), j.ToState is null ? [] : [new TimelineDetail("toState", "Nytt steg", history.StateTitle(j.ToState))]),
        }).ToList();
        items.AddRange(history.Untold());
        items.AddRange(letters.Select(l => new TimelineItem(
            l.CreatedAt, "letter", $"Brev: {LetterTitles.Norwegian(l.Kind)} til {l.RecipientName}", null,
            [new TimelineDetail("recipient", "Mottaker", l.RecipientName), new TimelineDetail("status", "Status", CaseWords.Of(l.Status, l.SentAt))])));
        return [.. items.OrderBy(i => i.At)];
    }

    private static string JournalTitle(WorkflowJournalRow row) => row.Kind switch
    {
        "started" => "Sak registrert",
        "task" or "task-completed" => "Oppgave fullført",
        "task-cancelled" => "Oppgave avbrutt",
        "task-claimed" => "Oppgave tatt",
        "task-assigned" => "Oppgave gitt videre",
        "task-escalated" => "Oppgave over fristen eskalert",
        "incident" => "Feil i et automatisk steg: meldt til forvalter",
        "incident-resolved" => "Feilen i det automatiske steget er løst",
        "migrated" => "Flyttet til ny versjon av arbeidsflyten",
        _ => row.Code,
    };

    /// <summary>The steps' records and the names of who took them, for telling the journal's transitions.</summary>
    private async Task<StepHistory> HistoryAsync(Guid caseId, IReadOnlyList<WorkflowJournalRow> journal, CancellationToken cancellationToken)
    {
        var moments = journal.Select(j => j.At).ToList();
        var entries = await db.CaseEntries.AsNoTracking().Where(e => e.CaseId == caseId && moments.Contains(e.RecordedAt)).ToListAsync(cancellationToken);
        var names = await StaffNamesAsync([.. journal.Select(j => j.ActorId).OfType<string>(), .. entries.Select(e => e.RecordedBy)], cancellationToken);
        return new StepHistory(catalog.Get(CaseWorkflow.Name), steps, entries, names);
    }

    public async Task<IReadOnlyList<LetterView>> LettersAsync(ClaimsPrincipal user, CaseAtHand atHand, CancellationToken cancellationToken, CaseReadPurpose? purpose = null)
    {
        var caseId = atHand.Id;
        Log(user, atHand, "read-letters", purpose);
        await db.SaveChangesAsync(cancellationToken);

        var letters = await db.Letters.AsNoTracking().Where(l => l.CaseId == caseId).OrderBy(l => l.CreatedAt).ThenBy(l => l.Recipient).ToListAsync(cancellationToken);
        var posters = await StaffNamesAsync([.. letters.Select(l => l.PostedBy).OfType<string>()], cancellationToken);
        return [.. letters.Select(l => LetterOf(l, posters))];
    }

    private static LetterView LetterOf(Letter l, IReadOnlyDictionary<string, string> names) => new(
        l.Id, l.Kind, l.Recipient, l.RecipientName, l.Channel, l.RecipientEmail, l.RecipientAddress, l.Language, l.Subject, l.TextBody, l.HtmlBody,
        l.Calendar is not null, l.Status, l.CreatedAt, l.SentAt, l.PostedBy is null ? null : names.GetValueOrDefault(l.PostedBy, l.PostedBy), l.MessageId);

    /// <summary>Adds the access-log row of a read; the caller saves it before the data is read.</summary>
    private void Log(ClaimsPrincipal user, CaseAtHand atHand, string action, CaseReadPurpose? purpose) =>
        AccessLog.Add(db, user, atHand.UnitCode, atHand.Id, action, time.GetUtcNow(), purpose?.Purpose ?? AccessPurpose.Casework, purpose?.Stated);

    private Task<Dictionary<string, string>> StaffNamesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var distinct = ids.Distinct().ToList();
        return db.StaffMembers.AsNoTracking().Where(s => distinct.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
    }
}

/// <summary>What the case page shows: the case, its timeline and its letters as sent.</summary>
public sealed record CasePageRead(CaseDetails Details, IReadOnlyList<TimelineItem> Timeline, IReadOnlyList<LetterView> Letters);

/// <summary>Why a case is read, when it is not everyday casework: the purpose and the words the reader stated it in.</summary>
public sealed record CaseReadPurpose(AccessPurpose Purpose, string Stated);
