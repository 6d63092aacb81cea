using System.Security.Claims;
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
using BekymringssamtaleService.Web.Features.Tasks;
using BekymringssamtaleService.Web.Letters;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>
/// Reads one case the gate let the user through to (<see cref="CaseAtHand"/>); every read is written to the access log
/// first, with its purpose: casework, or an Admin's review of a blocked case with the purpose they stated. Whatever
/// part of the case is asked for, the case is read the one way, <see cref="StoredCase"/>: one statement.
/// </summary>
public sealed class CaseReader(ServiceDbContext db, WorkflowTransitions transitions, WorkflowCatalog catalog, IEnumerable<ICaseStep> steps, TaskReader tasks, TimeProvider time)
{
    public async Task<CaseDetails> DetailsAsync(ClaimsPrincipal user, CaseAtHand atHand, CancellationToken cancellationToken, CaseReadPurpose? purpose = null)
    {
        await LogAsync(user, atHand, ["read"], purpose, cancellationToken);
        return await DetailsAsync(user, await StoredCase.ReadAsync(db, atHand.Id, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// All the case page shows: the case, its timeline, its letters as sent and, read for casework by a user who works
    /// with the case's unit, its tasks (an Admin reviewing a blocked case is shown none). Every read is logged in one
    /// statement, and the case read in another.
    /// </summary>
    public async Task<CasePageRead> PageAsync(ClaimsPrincipal user, CaseAtHand atHand, CancellationToken cancellationToken, CaseReadPurpose? purpose = null)
    {
        var withTasks = purpose is null && CaseAccess.ToCase(user, atHand.UnitCode) == CaseAccessDecision.Allowed;
        await LogAsync(user, atHand, withTasks ? ["read", "read-timeline", "read-letters", "read-tasks"] : ["read", "read-timeline", "read-letters"], purpose, cancellationToken);
        var stored = await StoredCase.ReadAsync(db, atHand.Id, cancellationToken);
        var details = await DetailsAsync(user, stored, cancellationToken);
        return new CasePageRead(
            details,
            Timeline(stored),
            Letters(stored),
            withTasks ? tasks.OfCase(user, stored.Tasks, details.CaseNumber, details.UnitName, stored.StaffNames) : []);
    }

    public async Task<IReadOnlyList<TimelineItem>> TimelineAsync(ClaimsPrincipal user, CaseAtHand atHand, CancellationToken cancellationToken, CaseReadPurpose? purpose = null)
    {
        await LogAsync(user, atHand, ["read-timeline"], purpose, cancellationToken);
        return Timeline(await StoredCase.ReadAsync(db, atHand.Id, cancellationToken));
    }

    public async Task<IReadOnlyList<LetterView>> LettersAsync(ClaimsPrincipal user, CaseAtHand atHand, CancellationToken cancellationToken, CaseReadPurpose? purpose = null)
    {
        await LogAsync(user, atHand, ["read-letters"], purpose, cancellationToken);
        return Letters(await StoredCase.ReadAsync(db, atHand.Id, cancellationToken));
    }

    /// <summary>The case with what the reader may do now and the step that brought it where it stands.</summary>
    private async Task<CaseDetails> DetailsAsync(ClaimsPrincipal user, StoredCase stored, CancellationToken cancellationToken)
    {
        var (concernCase, instance, names) = (stored.Case, stored.Instance, stored.StaffNames);
        var actor = new Actor(user.StaffId(), [.. user.Roles().Select(role => role.ToString())]);
        var permitted = (await transitions.PermittedAsync(instance.DefinitionId, instance.State, instance.Data, actor, cancellationToken)).Select(t => t.Name).ToHashSet();
        var actions = steps
            .Where(step => step.Triggers.Any(permitted.Contains))
            .Select(step => new PermittedAction(step.Slug, step.Title, $"/saker/{concernCase.Id}/{step.Slug}", step.Weight))
            .ToList();

        var definition = catalog.Get(CaseWorkflow.Name);
        // Resuming a paused case returns it to its step; the step that brought it there the first time tells why it stands there.
        var cameBy = stored.Journal
            .Where(j => j.Kind == "transition" && j.ToState == instance.State && j.FromState != instance.State)
            .OrderByDescending(j => j.Id)
            .FirstOrDefault(j => !definition.HasTrigger(j.Code) || !definition.Trigger(j.Code).ReturnsToPrevious);

        var meeting = stored.Meeting;
        var meetingView = meeting is null ? null : new MeetingView(
            meeting.Id, meeting.Sequence, meeting.StartsAt, meeting.DurationMinutes, meeting.Place,
            [.. meeting.OfficerIds.Select(id => names.GetValueOrDefault(id, id))], meeting.ExtraParticipants, meeting.Status);
        var openTasks = stored.Tasks
            .Where(t => t.Status == UserTaskStatus.Open)
            .OrderBy(t => t.DueAt)
            .Select(t => new OpenTask(t.Id, t.Title, t.CandidateRole, t.DueAt, t.EscalatedAt == null ? null : t.EscalateTo, t.EscalatedAt))
            .ToList();
        var mappings = stored.Mappings;
        return new CaseDetails(
            concernCase.Id,
            CaseNumbers.Format(concernCase.Number),
            concernCase.UnitCode,
            stored.UnitName ?? concernCase.UnitCode,
            instance.State,
            definition.State(instance.State).Title,
            TrackNames.FromWireName(instance.Data["track"]?.GetValue<string>()),
            instance.Version,
            concernCase.Youth,
            concernCase.Guardians,
            concernCase.NoGuardianReason,
            concernCase.Source,
            concernCase.ConcernText,
            concernCase.OffenceReference,
            concernCase.ResponsibleOfficerId,
            names.GetValueOrDefault(concernCase.ResponsibleOfficerId, concernCase.ResponsibleOfficerId),
            concernCase.RegisteredAt,
            NextDate.Of(meetingView, openTasks),
            meetingView,
            mappings.Count == 0 ? null : new MappingView(mappings[0].Version, mappings[0].OverallConcern, mappings[0].Factors, mappings[0].SignedBy, mappings[0].SignedAt),
            MappingHistory.Of(mappings, names),
            [.. stored.Measures.Select(m => new AgreedMeasureView(
                m.Agreed.Id, m.Agreed.MeasureCode, m.Name, m.Agreed.Responsible, m.ConsentSharing, m.Agreed.StartsOn, m.Agreed.DueOn, m.Agreed.Status))],
            CaseConsents.Of(concernCase, stored.ConsentRecords).View(OsloTime.Today(time.GetUtcNow()), names),
            openTasks,
            actions,
            cameBy is null ? null : History(stored).Transition(cameBy),
            RestrictedNotice.Of(stored.Restricted, names));
    }

    // An activity that ran is shown by what it made (a letter, a task), not by its code name; a step by what it did.
    private IReadOnlyList<TimelineItem> Timeline(StoredCase stored)
    {
        var history = History(stored);
        var items = stored.Journal.Select(j => j.Kind switch
        {
            "transition" => history.Transition(j),
            _ => new TimelineItem(j.At, j.Kind, JournalTitle(j), history.By(j.ActorId), j.ToState is null ? [] : [new TimelineDetail("toState", "Nytt steg", history.StateTitle(j.ToState))]),
        }).ToList();
        items.AddRange(history.Untold());
        items.AddRange(stored.Letters.Select(l => new TimelineItem(
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

    /// <summary>The steps' records and the names of who took them, for telling the journal's transitions (each telling tells every transition afresh).</summary>
    private StepHistory History(StoredCase stored) => new(catalog.Get(CaseWorkflow.Name), steps, stored.Entries, stored.StaffNames);

    private static IReadOnlyList<LetterView> Letters(StoredCase stored) => [.. stored.Letters.Select(l => new LetterView(
        l.Id, l.Kind, l.Recipient, l.RecipientName, l.Channel, l.RecipientEmail, l.RecipientAddress, l.Language, l.Subject, l.TextBody, l.HtmlBody,
        l.Calendar is not null, l.Status, l.CreatedAt, l.SentAt, l.PostedBy is null ? null : stored.StaffNames.GetValueOrDefault(l.PostedBy, l.PostedBy), l.MessageId))];

    /// <summary>Writes the access-log rows of the reads, in the order given, in one statement before anything is read.</summary>
    private Task LogAsync(ClaimsPrincipal user, CaseAtHand atHand, string[] actions, CaseReadPurpose? purpose, CancellationToken cancellationToken)
    {
        var at = time.GetUtcNow();
        foreach (var action in actions)
        {
            AccessLog.Add(db, user, atHand.UnitCode, atHand.Id, action, at, purpose?.Purpose ?? AccessPurpose.Casework, purpose?.Stated);
        }

        return AccessLog.SaveAddedAsync(db, cancellationToken);
    }
}

/// <summary>What the case page shows: the case, its timeline, its letters as sent, and its tasks with what the reader may do with each.</summary>
public sealed record CasePageRead(CaseDetails Details, IReadOnlyList<TimelineItem> Timeline, IReadOnlyList<LetterView> Letters, IReadOnlyList<TaskDetails> Tasks);

/// <summary>Why a case is read, when it is not everyday casework: the purpose and the words the reader stated it in.</summary>
public sealed record CaseReadPurpose(AccessPurpose Purpose, string Stated);
