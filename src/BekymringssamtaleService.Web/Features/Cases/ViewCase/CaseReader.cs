using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Cases;
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
        var caseId = atHand.Id;
        await LogAsync(user, atHand, "read", purpose, cancellationToken);

        var concernCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken);
        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == caseId, cancellationToken);
        var meeting = await db.Meetings.AsNoTracking()
            .Where(m => m.CaseId == caseId)
            .OrderByDescending(m => m.Status == Domain.Cases.MeetingStatus.Booked)
            .ThenByDescending(m => m.Id)
            .FirstOrDefaultAsync(cancellationToken);
        var mapping = await db.Mappings.AsNoTracking().Where(m => m.CaseId == caseId).OrderByDescending(m => m.Version).FirstOrDefaultAsync(cancellationToken);
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
        var officerNames = await StaffNamesAsync(meeting?.OfficerIds ?? [], cancellationToken);
        var consents = await ConsentList.ViewAsync(db, caseId, OsloTime.Today(time.GetUtcNow()), cancellationToken);

        var actor = new Actor(user.StaffId(), [.. user.Roles().Select(role => role.ToString())]);
        var permitted = (await transitions.PermittedAsync(caseId, actor, cancellationToken)).Select(t => t.Name).ToHashSet();
        var actions = steps
            .Where(step => step.Triggers.Any(permitted.Contains))
            .Select(step => new PermittedAction(step.Slug, step.Title, $"/saker/{caseId}/{step.Slug}"))
            .ToList();

        var definition = catalog.Get(CaseWorkflow.Name);
        var arrival = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.InstanceId == caseId && j.Kind == "transition" && j.ToState == instance.State && j.FromState != instance.State)
            .OrderByDescending(j => j.Id)
            .ToListAsync(cancellationToken);
        // Resuming a paused case returns it to its step; the step that brought it there the first time tells why it stands there.
        var cameBy = arrival.FirstOrDefault(j => !definition.HasTrigger(j.Code) || !definition.Trigger(j.Code).ReturnsToPrevious);
        var howItGotHere = cameBy is null ? null : (await HistoryAsync(caseId, [cameBy], cancellationToken)).Transition(cameBy);

        return new CaseDetails(
            concernCase.Id,
            CaseNumbers.Format(concernCase.Number),
            concernCase.UnitCode,
            instance.State,
            definition.State(instance.State).Title,
            TrackNames.FromWireName(JsonNode.Parse(instance.Data)?["track"]?.GetValue<string>()),
            instance.Version,
            concernCase.Youth,
            concernCase.Guardians,
            concernCase.NoGuardianReason,
            concernCase.Source,
            concernCase.ConcernText,
            concernCase.OffenceReference,
            concernCase.ResponsibleOfficerId,
            concernCase.RegisteredAt,
            meeting is null ? null : new MeetingView(
                meeting.Id, meeting.Sequence, meeting.StartsAt, meeting.DurationMinutes, meeting.Place,
                [.. meeting.OfficerIds.Select(id => officerNames.GetValueOrDefault(id, id))], meeting.ExtraParticipants, meeting.Status),
            mapping is null ? null : new MappingView(mapping.Version, mapping.OverallConcern, mapping.Factors, mapping.SignedBy, mapping.SignedAt),
            [.. measures.Select(m => new AgreedMeasureView(
                m.agreed.Id, m.agreed.MeasureCode, m.Nb, m.agreed.Responsible, m.ConsentSharing, m.agreed.StartsOn, m.agreed.DueOn, m.agreed.Status))],
            consents,
            tasks,
            actions,
            howItGotHere,
            await restrictedNotice.ForCaseAsync(caseId, cancellationToken));
    }

    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(ClaimsPrincipal user, CaseAtHand atHand, CancellationToken cancellationToken, CaseReadPurpose? purpose = null)
    {
        var caseId = atHand.Id;
        await LogAsync(user, atHand, "read-timeline", purpose, cancellationToken);

        var journal = await db.WorkflowJournal.AsNoTracking().Where(j => j.InstanceId == caseId && j.Kind != "activity").OrderBy(j => j.Id).ToListAsync(cancellationToken);
        var letters = await db.Letters.AsNoTracking().Where(l => l.CaseId == caseId).ToListAsync(cancellationToken);
        var history = await HistoryAsync(caseId, journal, cancellationToken);

        // An activity that ran is shown by what it made (a letter, a task), not by its code name; a step by what it did.
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
        await LogAsync(user, atHand, "read-letters", purpose, cancellationToken);

        var letters = await db.Letters.AsNoTracking().Where(l => l.CaseId == caseId).OrderBy(l => l.CreatedAt).ThenBy(l => l.Recipient).ToListAsync(cancellationToken);
        var posters = await StaffNamesAsync([.. letters.Select(l => l.PostedBy).OfType<string>()], cancellationToken);
        return [.. letters.Select(l => new LetterView(
            l.Id, l.Kind, l.Recipient, l.RecipientName, l.Channel, l.RecipientEmail, l.RecipientAddress, l.Language, l.Subject, l.TextBody, l.HtmlBody,
            l.Calendar is not null, l.Status, l.CreatedAt, l.SentAt, l.PostedBy is null ? null : posters.GetValueOrDefault(l.PostedBy, l.PostedBy), l.MessageId))];
    }

    private async Task LogAsync(ClaimsPrincipal user, CaseAtHand atHand, string action, CaseReadPurpose? purpose, CancellationToken cancellationToken)
    {
        AccessLog.Add(db, user, atHand.UnitCode, atHand.Id, action, time.GetUtcNow(), purpose?.Purpose ?? AccessPurpose.Casework, purpose?.Stated);
        await db.SaveChangesAsync(cancellationToken);
    }

    private Task<Dictionary<string, string>> StaffNamesAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        db.StaffMembers.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.DisplayName, cancellationToken);
}

/// <summary>Why a case is read, when it is not everyday casework: the purpose and the words the reader stated it in.</summary>
public sealed record CaseReadPurpose(AccessPurpose Purpose, string Stated);
