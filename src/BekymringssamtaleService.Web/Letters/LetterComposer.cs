using System.Globalization;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Email;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// Writes the letters of one kind for a case into the outbox: one per recipient (the youth and each guardian, each in
/// their own language; an officer reminder to the officers), rendered now and stored exactly as they will be sent —
/// by e-mail, or for a recipient without an e-mail address, to be printed and posted by an officer.
/// </summary>
public sealed class LetterComposer(LetterTemplates templates, SmtpMailSender sender)
{
    private static readonly Dictionary<CloseOutcome, (string Nb, string Nn, string En)> Outcomes = new()
    {
        [CloseOutcome.NoFurtherConcern] = ("det ikke lenger er grunn til bekymring", "det ikkje lenger er grunn til uro", "there is no longer cause for concern"),
        [CloseOutcome.MeasuresCompleted] = ("de avtalte tiltakene er gjennomført", "dei avtalte tiltaka er gjennomførte", "the agreed measures have been completed"),
        [CloseOutcome.HandedOverToChildWelfare] = ("barnevernet følger opp videre", "barnevernet følgjer opp vidare", "the child welfare service will follow up from here"),
        [CloseOutcome.HandedOverToHealthService] = ("helsetjenesten følger opp videre", "helsetenesta følgjer opp vidare", "the health service will follow up from here"),
        [CloseOutcome.HandedOverToCoreGroup] = ("kjernegruppen i kommunen følger opp videre", "kjernegruppa i kommunen følgjer opp vidare", "the municipality's core group will follow up from here"),
        [CloseOutcome.DeclinedByFamily] = ("dere ikke ønsker videre samtaler, og det respekterer vi", "de ikkje ønskjer fleire samtalar, og det respekterer vi", "you do not wish to continue, and we respect that"),
        [CloseOutcome.Moved] = ("dere har flyttet, og saken avsluttes her", "de har flytta, og saka blir avslutta her", "you have moved, and the case ends here"),
    };

    public async Task<IReadOnlyList<Letter>> ComposeAsync(
        ServiceDbContext db, Guid executionId, Guid caseId, LetterKind kind, JsonObject data, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var concernCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken);
        var meeting = await MeetingForAsync(db, kind, caseId, cancellationToken);
        if (meeting is null && kind is LetterKind.Invitation or LetterKind.ChangedTime)
        {
            throw new LetterCannotBeComposedException($"«{LetterTitles.Norwegian(kind)}» kan ikke skrives: saken har ingen booket samtale. Book en tid først.");
        }

        // A follow-up invitation without a booked conversation is the plan sent when follow-up starts: the dates
        // around which the officer will call to agree a time. With one, it invites to that conversation.
        if (meeting is null && kind is LetterKind.Reminder or LetterKind.Cancellation or LetterKind.OfficerMeetingTomorrow)
        {
            return []; // Nothing booked any more (or nothing newly cancelled): there is nothing to remind of or call off.
        }

        var unitName = await db.Units.Where(u => u.Code == concernCase.UnitCode).Select(u => u.Name).SingleAsync(cancellationToken);
        var staffIds = new List<string> { concernCase.ResponsibleOfficerId };
        staffIds.AddRange(meeting?.OfficerIds ?? []);
        var staff = await db.StaffMembers.AsNoTracking().Where(s => staffIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var contact = staff[concernCase.ResponsibleOfficerId];
        var measures = kind == LetterKind.MeasuresSummary
            ? await db.AgreedMeasures.AsNoTracking().Where(m => m.CaseId == caseId)
                .Join(db.Measures, agreed => agreed.MeasureCode, measure => measure.Code, (agreed, measure) => new { agreed, measure.Name })
                .ToListAsync(cancellationToken)
            : [];
        var followUpDates = kind == LetterKind.FollowUpInvitation
            ? await db.Database.SqlQuery<DateTimeOffset>(
                $"SELECT due_at AS \"Value\" FROM workflow.timers WHERE instance_id = {caseId} AND status = 'pending' AND name LIKE 'FollowUpTask%' ORDER BY due_at")
                .ToListAsync(cancellationToken)
            : [];

        var letters = new List<Letter>();
        foreach (var recipient in Recipients(kind, concernCase, meeting, staff))
        {
            var culture = Culture(recipient.Language);
            var model = new Dictionary<string, object?>
            {
                ["recipient"] = new Dictionary<string, object?> { ["name"] = recipient.Name, ["isYouth"] = recipient.Key == "youth" },
                ["youth"] = new Dictionary<string, object?> { ["givenName"] = concernCase.Youth.GivenName, ["fullName"] = concernCase.Youth.FullName },
                ["unit"] = new Dictionary<string, object?> { ["name"] = unitName },
                ["contact"] = new Dictionary<string, object?> { ["name"] = contact.DisplayName, ["email"] = contact.Email, ["phone"] = "" },
                ["caseNumber"] = CaseNumbers.Format(concernCase.Number),
                ["offenceReference"] = concernCase.OffenceReference ?? "",
                ["outcome"] = Outcome(data, recipient.Language),
                ["measures"] = measures.Select(m => new Dictionary<string, object?>
                {
                    ["name"] = Localized(m.Name, recipient.Language),
                    ["responsible"] = m.agreed.Responsible,
                    ["startDate"] = m.agreed.StartsOn.ToString(DateFormat(recipient.Language), culture),
                    ["dueDate"] = m.agreed.DueOn.ToString(DateFormat(recipient.Language), culture),
                }).ToList(),
                ["followUp"] = new Dictionary<string, object?> { ["dates"] = followUpDates.Select(d => OsloTime.ToOslo(d).ToString(DateFormat(recipient.Language), culture)).ToList() },
            };
            if (meeting is not null)
            {
                model["meeting"] = MeetingModel(meeting, meeting.StartsAt, staff, culture, recipient.Language, data);
                model["previousMeeting"] = MeetingModel(meeting, meeting.PreviousStartsAt ?? meeting.StartsAt, staff, culture, recipient.Language, data);
            }

            var rendered = LetterRendering.Render(templates.Get(TemplateName(kind, data), recipient.Language), model, recipient.Language.ToString().ToLowerInvariant());
            letters.Add(Compose(kind, recipient, rendered));
        }

        // The officers of the meeting get the calendar entry too (the same UID and sequence as the family's), by the
        // same outbox, in the same transaction.
        if (meeting is not null && kind is LetterKind.Invitation or LetterKind.FollowUpInvitation or LetterKind.ChangedTime or LetterKind.Cancellation)
        {
            var change = kind switch { LetterKind.Cancellation => "cancelled", LetterKind.ChangedTime => "changed", _ => "booked" };
            foreach (var officer in meeting.OfficerIds.Where(staff.ContainsKey).Select(id => staff[id]).Where(officer => !string.IsNullOrWhiteSpace(officer.Email)))
            {
                var culture = Culture(LetterLanguage.Nb);
                var model = new Dictionary<string, object?>
                {
                    ["recipient"] = new Dictionary<string, object?> { ["name"] = officer.DisplayName },
                    ["unit"] = new Dictionary<string, object?> { ["name"] = unitName },
                    ["caseNumber"] = CaseNumbers.Format(concernCase.Number),
                    ["change"] = change,
                    ["meeting"] = MeetingModel(meeting, meeting.StartsAt, staff, culture, LetterLanguage.Nb, data),
                    ["previousMeeting"] = MeetingModel(meeting, meeting.PreviousStartsAt ?? meeting.StartsAt, staff, culture, LetterLanguage.Nb, data),
                };
                var rendered = LetterRendering.Render(templates.Get("officer-calendar", LetterLanguage.Nb), model, "nb");
                letters.Add(Compose(
                    LetterKind.OfficerCalendar, new LetterRecipient($"staff:{officer.Id}", officer.DisplayName, officer.Email, null, LetterLanguage.Nb), rendered));
            }
        }

        return letters;

        Letter Compose(LetterKind letterKind, LetterRecipient recipient, RenderedLetter rendered)
        {
            var byEmail = recipient.Channel == LetterChannel.Email;
            return new Letter
            {
                Id = Guid.CreateVersion7(now),
                CaseId = caseId,
                ExecutionId = executionId,
                Kind = letterKind,
                MeetingId = meeting?.Id,
                Recipient = recipient.Key,
                RecipientName = recipient.Name,
                Channel = recipient.Channel,
                RecipientEmail = byEmail ? recipient.Email : null,
                RecipientAddress = byEmail ? null : recipient.PostalAddress,
                Language = recipient.Language,
                Subject = rendered.Subject,
                TextBody = rendered.Text,
                HtmlBody = rendered.Html,
                // A calendar entry is for a mail client; the printed letter carries the time and place in its text.
                Calendar = byEmail && meeting is not null && kind is LetterKind.Invitation or LetterKind.FollowUpInvitation or LetterKind.ChangedTime or LetterKind.Cancellation
                    ? CalendarInvitation.Create(meeting, sender.From.Address, recipient.Email!, now)
                    : null,
                Status = byEmail ? LetterStatus.Pending : LetterStatus.AwaitingPrint,
                CreatedAt = now,
            };
        }
    }

    private static async Task<Meeting?> MeetingForAsync(ServiceDbContext db, LetterKind kind, Guid caseId, CancellationToken cancellationToken)
    {
        if (kind != LetterKind.Cancellation)
        {
            return await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.CaseId == caseId && m.Status == MeetingStatus.Booked, cancellationToken);
        }

        // The meeting called off most recently, unless its cancellation has already gone out.
        return await db.Meetings.AsNoTracking()
            .Where(m => m.CaseId == caseId && m.Status == MeetingStatus.Cancelled)
            .Where(m => !db.Letters.Any(l => l.MeetingId == m.Id && l.Kind == LetterKind.Cancellation))
            .OrderByDescending(m => m.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Who gets a letter of this kind, and how: by e-mail where there is an address, else by post. A reminder goes by
    /// e-mail only: printed and posted by hand, it could arrive after the meeting, so the printed invitation is what
    /// names the time. A youth with neither gets no letters of their own; their guardians do.
    /// </summary>
    private static IEnumerable<LetterRecipient> Recipients(
        LetterKind kind, ConcernCase concernCase, Meeting? meeting, Dictionary<string, Domain.Staff.StaffMember> staff)
    {
        if (kind is LetterKind.OfficerMeetingTomorrow or LetterKind.OfficerFollowUpDue)
        {
            var officers = kind == LetterKind.OfficerMeetingTomorrow ? meeting!.OfficerIds : [concernCase.ResponsibleOfficerId];
            return officers.Where(staff.ContainsKey).Select(id => staff[id])
                .Select(officer => new LetterRecipient($"staff:{officer.Id}", officer.DisplayName, officer.Email, null, LetterLanguage.Nb));
        }

        var youth = concernCase.Youth;
        var family = new List<LetterRecipient>();
        if (!string.IsNullOrWhiteSpace(youth.Email) || PostalAddress.Parse(youth.Address) is not null)
        {
            family.Add(new LetterRecipient("youth", youth.FullName, youth.Email, youth.Address, youth.Language));
        }

        family.AddRange(concernCase.Guardians.Select(guardian =>
            new LetterRecipient($"guardian:{guardian.Id}", guardian.Name, guardian.Email, guardian.Address, guardian.Language)));
        return kind == LetterKind.Reminder ? family.Where(recipient => recipient.Channel == LetterChannel.Email) : family;
    }

    /// <summary>One recipient of a letter: an e-mail address, or else the postal address the printed letter goes to.</summary>
    private sealed record LetterRecipient(string Key, string Name, string? Email, string? PostalAddress, LetterLanguage Language)
    {
        public LetterChannel Channel => string.IsNullOrWhiteSpace(Email) ? LetterChannel.Post : LetterChannel.Email;
    }

    private static Dictionary<string, object?> MeetingModel(
        Meeting meeting, DateTimeOffset startsAt, Dictionary<string, Domain.Staff.StaffMember> staff, CultureInfo culture, LetterLanguage language, JsonObject data)
    {
        var start = OsloTime.ToOslo(startsAt);
        return new Dictionary<string, object?>
        {
            ["date"] = start.ToString(DateFormat(language), culture),
            ["startTime"] = start.ToString("HH:mm", culture),
            ["endTime"] = start.AddMinutes(meeting.DurationMinutes).ToString("HH:mm", culture),
            ["place"] = meeting.Place,
            ["officers"] = meeting.OfficerIds.Where(staff.ContainsKey).Select(id => staff[id].DisplayName).ToList(),
            ["extraParticipants"] = meeting.ExtraParticipants.Select(p => $"{p.Name} ({p.Organisation})").ToList(),
            ["isHomeVisit"] = Text(data, "meetingKind") == "homeVisit",
            ["isFetch"] = Text(data, "meetingKind") == "fetch",
        };
    }

    private static string TemplateName(LetterKind kind, JsonObject data) => kind switch
    {
        LetterKind.Invitation => Text(data, "track") == Track.AttendanceOrder.WireName() ? "invitation-attendance-order" : "invitation-voluntary",
        LetterKind.Reminder => "reminder",
        LetterKind.ChangedTime => "changed-time",
        LetterKind.Cancellation => "cancellation",
        LetterKind.MeasuresSummary => "measures-summary",
        LetterKind.FollowUpInvitation => "follow-up-invitation",
        LetterKind.Closing => "closing",
        LetterKind.OfficerMeetingTomorrow => "officer-meeting-tomorrow",
        LetterKind.OfficerFollowUpDue => "officer-follow-up-due",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string Outcome(JsonObject data, LetterLanguage language) =>
        CloseOutcomeNames.FromWireName(Text(data, "outcome")) is { } outcome && Outcomes.TryGetValue(outcome, out var texts)
            ? language switch { LetterLanguage.Nn => texts.Nn, LetterLanguage.En => texts.En, _ => texts.Nb }
            : "";

    private static string Localized(Domain.Measures.LocalizedText text, LetterLanguage language) =>
        language switch { LetterLanguage.Nn => text.Nn, LetterLanguage.En => text.En, _ => text.Nb };

    private static CultureInfo Culture(LetterLanguage language) => CultureInfo.GetCultureInfo(language switch
    {
        LetterLanguage.Nn => "nn-NO",
        LetterLanguage.En => "en-GB",
        _ => "nb-NO",
    });

    private static string DateFormat(LetterLanguage language) => language == LetterLanguage.En ? "dddd d MMMM yyyy" : "dddd d. MMMM yyyy";

    private static string? Text(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}

/// <summary>A letter the step must send lacks what it is about: the step is refused with this reason, and nothing is saved.</summary>
public sealed class LetterCannotBeComposedException(string reason) : ActivityRefusedException(reason);
