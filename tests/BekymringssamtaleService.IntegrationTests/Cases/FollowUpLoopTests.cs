using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using MimeKit;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>
/// The follow-up loop by API, on a clock the tests move: follow-up conversations booked like the first (letters with a
/// calendar entry, reminders, clash check), their outcome recorded from their start with each measure's status, then
/// another follow-up or closing; several measures, added later, with consent where the catalog requires it.
/// </summary>
public sealed class FollowUpLoopTests(ClockedHost fixture) : IClassFixture<ClockedHost>
{
    private const string FollowUpSubject = "Oppfølging etter samtale med politiet";
    private const string ReminderSubject = "Påminnelse om samtale med politiet";

    [Fact]
    public async Task A_booked_follow_up_conversation_sends_an_invitation_with_a_calendar_entry_to_the_youth_and_every_guardian_in_their_language()
    {
        using var api = Api();
        var request = CaseRequests.Registration();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var father = CaseRequests.Guardian($"David Smith{tag}", $"david-{tag}@example.co.uk", "en");
        request["guardians"]!.AsArray().Add(father);
        var id = await OpenFollowUpAsync(api, request);
        var addresses = CaseRequests.Addresses(request);
        var start = fixture.NextSlot();

        Assert.Equal("FollowUpBooked", await api.StepAsync(id, "book-follow-up", Booking(start)));

        var mails = await MailsAsync(m => m.IsTo(addresses) && HasCalendar(m) && m.Subject is FollowUpSubject or "Follow-up after your conversation with the police");
        Assert.Equal(addresses.Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var meeting = (await api.GetAsync(id)).Meeting!;
        Assert.Equal(start, meeting.StartsAt);
        Assert.Equal("booked", meeting.Status);
        foreach (var mail in mails)
        {
            Assert.Equal("REQUEST", mail.Calendar().Method);
            var entry = Assert.Single(mail.Calendar().Events);
            Assert.Equal($"{meeting.CalendarUid:N}@bekymringssamtale.politiet.no", entry.Uid);
            Assert.Equal(start.UtcDateTime, entry.DtStart!.AsUtc);
            Assert.Contains(OsloTime.ToOslo(start).ToString("HH:mm", CultureInfo.InvariantCulture), mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("Oslo politihus", mail.TextBody, StringComparison.Ordinal);
        }

        var english = Assert.Single(mails, m => m.IsTo([father["email"].AsText()]));
        Assert.Equal("Follow-up after your conversation with the police", english.Subject);
        Assert.Contains("We therefore invite you to a follow-up conversation", english.TextBody, StringComparison.Ordinal);
        Assert.All(mails.Where(m => m != english), m => Assert.Contains("Vi inviterer derfor til en oppfølgingssamtale", m.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_family_is_reminded_three_days_and_one_day_before_a_follow_up_conversation_and_the_officer_the_day_before()
    {
        using var api = Api();
        var request = CaseRequests.Registration();
        var id = await OpenFollowUpAsync(api, request);
        var addresses = CaseRequests.Addresses(request);
        var start = fixture.NextSlot();
        await api.StepAsync(id, "book-follow-up", Booking(start));
        var reminders = await LettersAsync(api, id, "reminder");
        var officerReminders = await LettersAsync(api, id, "officerMeetingTomorrow");

        await fixture.MoveClockToAsync(start.AddDays(-3).AddMinutes(-1));
        Assert.Equal(reminders, await LettersAsync(api, id, "reminder"));

        await fixture.MoveClockToAsync(start.AddDays(-3));
        Assert.Equal(reminders + 2, await LettersAsync(api, id, "reminder"));

        await fixture.MoveClockToAsync(start.AddDays(-1));
        Assert.Equal(reminders + 4, await LettersAsync(api, id, "reminder"));
        Assert.Equal(officerReminders + 1, await LettersAsync(api, id, "officerMeetingTomorrow"));
        Assert.Equal(reminders + 4, (await MailsAsync(m => m.IsTo(addresses) && m.Subject == ReminderSubject)).Count);
    }

    [Fact]
    public async Task A_follow_up_is_recorded_from_its_start_with_each_measures_status_and_another_follow_up_or_closing_follows()
    {
        using var api = Api();
        var id = await OpenFollowUpAsync(api, CaseRequests.Registration());
        var first = fixture.NextSlot();
        await api.StepAsync(id, "book-follow-up", Booking(first));
        var measures = (await api.GetAsync(id)).Measures;
        var outcome = new
        {
            held = true,
            measuresOnTrack = true,
            measureStatuses = new Dictionary<Guid, string> { [measures[0].Id] = "started", [measures[1].Id] = "completed" },
            notes = "Går bedre på skolen.",
        };

        using (var early = await api.TryStepAsync(id, "record-follow-up", outcome))
        {
            var problem = await CaseApi.ProblemAsync(early, HttpStatusCode.Conflict);
            Assert.Equal($"Samtalen har ikke begynt. Hva som skjedde, kan registreres fra den starter, {OsloTime.Format(first)}.", problem.Detail);
        }

        Assert.Equal("FollowUpBooked", (await api.GetAsync(id)).State);
        await fixture.MoveClockToAsync(first);
        Assert.Equal("FollowUp", await api.StepAsync(id, "record-follow-up", outcome));

        var reviewed = await api.GetAsync(id);
        Assert.Equal(["started", "completed"], reviewed.Measures.Select(m => m.Status));
        Assert.Equal("held", reviewed.Meeting?.Status);
        Assert.Contains("book-follow-up", reviewed.Actions);
        Assert.Contains("close", reviewed.Actions);

        var second = fixture.NextSlot();
        Assert.Equal("FollowUpBooked", await api.StepAsync(id, "book-follow-up", Booking(second)));
        await fixture.MoveClockToAsync(second.AddMinutes(5));
        Assert.Equal("FollowUp", await api.StepAsync(id, "record-follow-up", new { held = false, notes = "Familien kom ikke." }));
        Assert.Equal("missed", (await api.GetAsync(id)).Meeting?.Status);
        Assert.Equal("Closed", await api.StepAsync(id, "close", new { outcome = "measuresCompleted" }));

        var steps = (await api.TimelineAsync(id)).Where(item => item.Kind == "transition").Select(item => item.Title).ToList();
        Assert.Equal(
            ["Oppfølging planlagt", "Oppfølgingssamtale booket", "Oppfølgingssamtale registrert", "Oppfølgingssamtale booket",
             "Oppfølgingssamtalen ble ikke holdt", "Saken avsluttet"],
            steps.SkipWhile(title => title != "Oppfølging planlagt"));
    }

    [Fact]
    public async Task A_follow_up_conversation_is_moved_and_called_off_with_the_letters_of_the_first_conversation()
    {
        using var api = Api();
        var request = CaseRequests.Registration();
        var id = await OpenFollowUpAsync(api, request);
        var addresses = CaseRequests.Addresses(request);
        await api.StepAsync(id, "book-follow-up", Booking(fixture.NextSlot()));
        var uid = (await api.GetAsync(id)).Meeting!.CalendarUid;
        var newStart = fixture.NextSlot();

        Assert.Equal("FollowUpBooked", await api.StepAsync(id, "reschedule", Booking(newStart)));

        var changed = await MailsAsync(m => m.IsTo(addresses) && m.Subject == "Nytt tidspunkt for samtale med politiet");
        Assert.Equal(2, changed.Count);
        Assert.All(changed, mail =>
        {
            var entry = Assert.Single(mail.Calendar().Events);
            Assert.Equal($"{uid:N}@bekymringssamtale.politiet.no", entry.Uid);
            Assert.Equal(1, entry.Sequence);
            Assert.Equal(newStart.UtcDateTime, entry.DtStart!.AsUtc);
        });

        Assert.Equal("FollowUp", await api.StepAsync(id, "cancel", new { reason = "Ungdommen er syk." }));

        var cancellations = await MailsAsync(m => m.IsTo(addresses) && m.Subject == "Samtale med politiet er avlyst");
        Assert.Equal(2, cancellations.Count);
        Assert.All(cancellations, mail => Assert.Equal("CANCEL", mail.Calendar().Method));
        var cancelled = await api.GetAsync(id);
        Assert.Equal("cancelled", cancelled.Meeting?.Status);
        Assert.Contains("book-follow-up", cancelled.Actions);
    }

    [Fact]
    public async Task A_case_agrees_several_measures_adds_one_later_and_keeps_each_ones_status()
    {
        using var api = Api();
        var id = await OpenFollowUpAsync(api, CaseRequests.Registration());
        Assert.Equal(["LEARNING_ENVIRONMENT", "MENTOR"], (await api.GetAsync(id)).Measures.Select(m => m.Code));

        Assert.Equal("FollowUp", await api.StepAsync(id, "add-measure", new { measure = Measure("SCHOOL_HEALTH_SERVICE", "Helsesykepleier") }));

        var added = await api.GetAsync(id);
        Assert.Equal(["LEARNING_ENVIRONMENT", "MENTOR", "SCHOOL_HEALTH_SERVICE"], added.Measures.Select(m => m.Code));
        Assert.All(added.Measures, measure => Assert.Equal("planned", measure.Status));
        Assert.Equal("mentor", added.Measures[1].ConsentSharing);

        Assert.Equal("FollowUp", await api.StepAsync(id, "update-measure-status", new
        {
            measureStatuses = new Dictionary<Guid, string> { [added.Measures[2].Id] = "stopped" },
            note = "Ungdommen ønsket ikke å fortsette.",
        }));

        Assert.Equal(["planned", "planned", "stopped"], (await api.GetAsync(id)).Measures.Select(m => m.Status));
    }

    [Fact]
    public async Task A_measure_the_catalog_says_needs_consent_is_refused_without_it_and_nothing_is_saved()
    {
        using var api = Api();
        var id = await OpenFollowUpAsync(api, CaseRequests.Registration());

        using var response = await api.TryStepAsync(id, "add-measure", new { measure = Measure("CORE_GROUP", "Kjernegruppen i bydelen") });

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        var unchanged = await api.GetAsync(id);
        Assert.Equal(
            [$"Kjernegruppe krever samtykke. Mangler samtykke til deling med kjernegruppen fra {unchanged.Youth.FullName} (ungdommen) og {unchanged.Guardians.Single().Name} (foresatt)."],
            problem.For("measure.code"));
        Assert.Equal(2, unchanged.Measures.Count);
        Assert.DoesNotContain(await api.TimelineAsync(id), item => item.Title == "Legg til tiltak");
    }

    [Fact]
    public async Task A_follow_up_conversation_at_a_time_the_officer_is_booked_elsewhere_is_refused()
    {
        using var api = Api();
        var id = await OpenFollowUpAsync(api, CaseRequests.Registration());
        var start = fixture.NextSlot();
        var other = await api.RegisterAsync();
        await api.StepAsync(other, "choose-track", new { track = "voluntary" });
        await api.StepAsync(other, "invite", CaseRequests.Invitation(start));

        using var response = await api.TryStepAsync(id, "book-follow-up", Booking(start.AddMinutes(30)));

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("allerede booket", Assert.Single(problem.For("officerIds")), StringComparison.Ordinal);
        var refused = await api.GetAsync(id);
        Assert.Equal("FollowUp", refused.State);
        Assert.Equal("held", refused.Meeting?.Status);
        Assert.DoesNotContain(await api.LettersAsync(id), letter => letter.HasCalendar && letter.Kind == "followUpInvitation");
    }

    private CaseApi Api() => new(fixture.Host, DemoUsers.OsloOfficer);

    /// <summary>A case through its first conversation (held), a mapping and two measures (one resting on consent), into follow-up.</summary>
    private async Task<Guid> OpenFollowUpAsync(CaseApi api, JsonObject registration)
    {
        var id = await fixture.MappedCaseAsync(api, registration);
        await api.ConsentAsync(id, "mentor", Day(0));
        await api.StepAsync(id, "agree-measures", new
        {
            measures = new object[] { Measure("LEARNING_ENVIRONMENT", "Kontaktlærer"), new { code = "MENTOR", responsible = "Mentor i bydelen", startsOn = Day(7), dueOn = Day(180) } },
            dutyToInform = false,
        });
        Assert.Equal("FollowUp", await api.StepAsync(id, "schedule-follow-up"));
        return id;
    }

    private object Measure(string code, string responsible) => new { code, responsible, startsOn = Day(7), dueOn = Day(90) };

    private string Day(int daysAhead) =>
        OsloTime.Today(fixture.Clock.GetUtcNow()).AddDays(daysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Booking(DateTimeOffset start) => new
    {
        meetingStart = start,
        durationMinutes = MeetingSlots.Minutes,
        place = "Oslo politihus, Grønlandsleiret 44",
        officerIds = new[] { DemoUsers.OsloOfficer },
    };

    /// <summary>The mails that match once every letter written so far has been sent.</summary>
    private async Task<IReadOnlyList<MimeMessage>> MailsAsync(Func<MimeMessage, bool> matches)
    {
        await fixture.MoveClockToAsync(fixture.Clock.GetUtcNow());
        return [.. fixture.Host.Mailbox.Messages.Where(matches)];
    }

    private static async Task<int> LettersAsync(CaseApi api, Guid caseId, string kind) =>
        (await api.LettersAsync(caseId)).Count(letter => letter.Kind == kind);

    private static bool HasCalendar(MimeMessage mail) => mail.Attachments.OfType<MimePart>().Any(part => part.FileName == "samtale.ics");
}
