using System.Net;
using System.Globalization;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using MimeKit;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>
/// The voluntary invitation from registration to closing, by API, and the letters it sends. Tests that need the meeting to
/// have begun run on a host of their own whose clock they move.
/// </summary>
public sealed class VoluntaryPathTests(SharedHost shared, ClockedHost clocked) : IClassFixture<ClockedHost>
{
    private const string MessageIdDomain = "@bekymringssamtale.politiet.no";

    [Fact]
    public async Task The_voluntary_path_runs_from_registration_to_closing_and_the_timeline_lists_every_step()
    {
        using var api = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();
        var id = await api.RegisterAsync(request);
        var addresses = CaseRequests.Addresses(request);
        var today = OsloTime.Today(TimeProvider.System.GetUtcNow());

        Assert.Equal("ReadyToInvite", await api.StepAsync(id, "choose-track", new { track = "voluntary" }));
        var start = clocked.NextSlot();
        Assert.Equal("Invited", await api.StepAsync(id, "invite", CaseRequests.Invitation(start)));
        await Mail.WaitForAsync(clocked.Host, m => m.IsTo(addresses), 2);
        Assert.Equal("Invited", await api.StepAsync(id, "record-reply", new { reply = "accepted", note = "Mor ringte og bekreftet." }));
        await clocked.MoveClockToAsync(start);
        Assert.Equal("Held", await api.StepAsync(id, "record-attendance", new { youthAttended = true }));
        Assert.Equal("Mapped", await api.StepAsync(id, "record-mapping", CaseRequests.Mapping("moderate")));
        Assert.Equal(1, (await api.GetAsync(id)).LatestMapping?.Version);
        Assert.Equal("Mapped", await api.StepAsync(id, "record-mapping", CaseRequests.Mapping("low")));
        var mapped = await api.GetAsync(id);
        Assert.Equal(2, mapped.LatestMapping?.Version);
        Assert.Equal("low", mapped.LatestMapping?.OverallConcern);
        Assert.Equal(DemoUsers.OsloOfficer, mapped.LatestMapping?.SignedBy);
        await api.ConsentAsync(id, "mentor", Day(today));
        Assert.Equal("MeasuresAgreed", await api.StepAsync(id, "agree-measures", new
        {
            measures = new object[]
            {
                new { code = "LEARNING_ENVIRONMENT", responsible = "Kontaktlærer", startsOn = Day(today.AddDays(14)), dueOn = Day(today.AddDays(90)) },
                new { code = "MENTOR", responsible = "Mentor i bydelen", startsOn = Day(today.AddDays(14)), dueOn = Day(today.AddDays(180)) },
            },
            dutyToInform = false,
        }));
        Assert.Equal(["LEARNING_ENVIRONMENT", "MENTOR"], (await api.GetAsync(id)).Measures.Select(m => m.Code).Order(StringComparer.Ordinal));
        Assert.Equal("FollowUp", await api.StepAsync(id, "schedule-follow-up"));
        Assert.Equal("Closed", await api.StepAsync(id, "close", new { outcome = "measuresCompleted" }));

        var closed = await api.GetAsync(id);
        Assert.Equal("Avsluttet", closed.StateTitle);
        Assert.Empty(closed.PermittedActions);
        var steps = (await api.TimelineAsync(id)).Where(item => item.Kind is "started" or "transition").Select(item => item.Title);
        Assert.Equal(
            [
                "Sak registrert", "Frivillig innkalling valgt", "Innkalling sendt", "Svar registrert", "Samtale gjennomført",
                "Kartlegging registrert", "Ny versjon av kartleggingen lagret", "Samtykke registrert", "Tiltak avtalt", "Oppfølging planlagt", "Saken avsluttet",
            ],
            steps);
        var reply = Assert.Single(await api.TimelineAsync(id), item => item.Title == "Svar registrert");
        Assert.Equal("Kari Nordmann", reply.By);
        Assert.Contains(new TimelineDetailEntry("note", "Notat", "Mor ringte og bekreftet."), reply.Details);
        // To the youth and the guardian each: the invitation, two reminders before the meeting, the summary, the follow-up and the closing.
        await Mail.WaitForAsync(clocked.Host, m => m.IsTo(addresses), 12);
        var letters = await api.LettersAsync(id);
        Assert.Equal(
            ["closing", "followUpInvitation", "invitation", "measuresSummary", "officerCalendar", "officerMeetingTomorrow", "reminder"],
            letters.Select(l => l.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.All(letters, letter => Assert.Equal("sent", letter.Status));
    }

    [Fact]
    public async Task The_invitation_goes_to_the_youth_and_each_guardian_at_their_own_address_in_their_language_with_a_calendar_request()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var father = CaseRequests.Guardian($"David Smith{tag}", $"david-{tag}@example.co.uk", "en");
        father["address"] = "Flat 3, 22 Queen Street, Edinburgh";
        father["livesWithYouth"] = false;
        request["guardians"]!.AsArray().Add(father);
        var id = await api.RegisterAsync(request);
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        var start = MeetingSlots.Next();

        await api.StepAsync(id, "invite", CaseRequests.Invitation(start, DemoUsers.OsloOfficer, "betjent-oslo-2"));

        var youth = request["youth"]!;
        var mother = request["guardians"]![0]!;
        var addresses = new[] { youth["email"].AsText(), mother["email"].AsText(), father["email"].AsText() };
        var mails = await Mail.WaitForAsync(shared.Host, m => m.IsTo(addresses), 3);
        Assert.Equal(addresses.Order(), mails.Select(m => m.To.Mailboxes.Single().Address).Order());
        var meeting = (await api.GetAsync(id)).Meeting!;
        string[] personal = [youth["givenName"].AsText(), youth["familyName"].AsText(), mother["name"].AsText(), father["name"].AsText(), .. addresses];
        var letters = await api.LettersAsync(id);
        foreach (var mail in mails)
        {
            var subject = mail.Subject ?? "";
            Assert.DoesNotContain(personal, subject.Contains);
            Assert.EndsWith(MessageIdDomain, mail.MessageId, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(mail.TextBody));
            Assert.False(string.IsNullOrWhiteSpace(mail.HtmlBody));
            var calendar = mail.Calendar();
            Assert.Equal("REQUEST", calendar.Method);
            var entry = Assert.Single(calendar.Events);
            Assert.Equal($"{meeting.CalendarUid:N}{MessageIdDomain}", entry.Uid);
            Assert.Equal(0, entry.Sequence);
            Assert.Equal(start.UtcDateTime, entry.DtStart!.AsUtc);
            var stored = Assert.Single(letters, letter => letter.MessageId == mail.MessageId);
            Assert.Equal("invitation", stored.Kind);
            Assert.Equal(mail.Subject, stored.Subject);
            Assert.Equal(Mail.Normalized(stored.TextBody), Mail.Normalized(mail.TextBody));
            Assert.Equal(Mail.Normalized(stored.HtmlBody), Mail.Normalized(mail.HtmlBody));
            Assert.True(stored.HasCalendar);
        }

        var english = Assert.Single(mails, m => m.IsTo([father["email"].AsText()]));
        Assert.Equal("Invitation to a conversation with the police", english.Subject);
        Assert.StartsWith($"Dear {father["name"].AsText()},", english.TextBody, StringComparison.Ordinal);
        Assert.Contains("The conversation is voluntary.", english.TextBody, StringComparison.Ordinal);
        Assert.Equal("en", Assert.Single(letters, l => l.RecipientEmail == father["email"].AsText()).Language);
        foreach (var norwegian in mails.Where(m => m != english))
        {
            Assert.Equal("Invitasjon til samtale med politiet", norwegian.Subject);
            Assert.Contains("Samtalen er frivillig.", norwegian.TextBody, StringComparison.Ordinal);
            Assert.Contains("politiloven § 13", norwegian.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_new_time_sends_changed_time_letters_with_the_same_calendar_UID_and_a_higher_sequence_and_cancelling_sends_a_calendar_cancel()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();
        var id = await api.OpenInvitedCaseAsync(MeetingSlots.Next(), request);
        var addresses = CaseRequests.Addresses(request);
        var invitations = await Mail.WaitForAsync(shared.Host, m => m.IsTo(addresses), 2);
        var uid = invitations[0].Calendar().Events.Single().Uid;
        var newStart = MeetingSlots.Next();

        Assert.Equal("Invited", await api.StepAsync(id, "reschedule", new { meetingStart = newStart, durationMinutes = 45, place = "Politihuset, møterom 2" }));

        var changed = await Mail.WaitForAsync(shared.Host, m => m.IsTo(addresses) && m.Subject == "Nytt tidspunkt for samtale med politiet", 2);
        foreach (var mail in changed)
        {
            var calendar = mail.Calendar();
            Assert.Equal("REQUEST", calendar.Method);
            var entry = Assert.Single(calendar.Events);
            Assert.Equal(uid, entry.Uid);
            Assert.Equal(1, entry.Sequence);
            Assert.Equal(newStart.UtcDateTime, entry.DtStart!.AsUtc);
            Assert.Contains(OsloTime.ToOslo(newStart).ToString("HH:mm", CultureInfo.InvariantCulture), mail.TextBody, StringComparison.Ordinal);
        }

        var rescheduled = (await api.GetAsync(id)).Meeting!;
        Assert.Equal(newStart, rescheduled.StartsAt);
        Assert.Equal(45, rescheduled.DurationMinutes);

        Assert.Equal("ReadyToInvite", await api.StepAsync(id, "cancel", new { reason = "Familien er bortreist." }));

        var cancellations = await Mail.WaitForAsync(shared.Host, m => m.IsTo(addresses) && m.Subject == "Samtale med politiet er avlyst", 2);
        foreach (var mail in cancellations)
        {
            var calendar = mail.Calendar();
            Assert.Equal("CANCEL", calendar.Method);
            var entry = Assert.Single(calendar.Events);
            Assert.Equal(uid, entry.Uid);
            Assert.True(entry.Sequence > 1, $"The cancel's SEQUENCE {entry.Sequence} must exceed the change's.");
        }

        var cancelled = await api.GetAsync(id);
        Assert.Equal("cancelled", cancelled.Meeting?.Status);
        Assert.Contains("invite", cancelled.Actions);
    }

    [Fact]
    public async Task A_declined_invitation_cancels_the_meeting_and_the_case_can_be_closed_as_declined_by_the_family()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();
        var id = await api.OpenInvitedCaseAsync(MeetingSlots.Next(), request);
        var addresses = CaseRequests.Addresses(request);

        Assert.Equal("Declined", await api.StepAsync(id, "record-reply", new { reply = "declined", note = "Far ønsker ikke samtale." }));

        var declined = await api.GetAsync(id);
        Assert.Equal("Takket nei", declined.StateTitle);
        Assert.Equal("cancelled", declined.Meeting?.Status);
        Assert.Contains("close", declined.Actions);
        var cancellations = await Mail.WaitForAsync(shared.Host, m => m.IsTo(addresses) && m.Subject == "Samtale med politiet er avlyst", 2);
        Assert.All(cancellations, mail => Assert.Equal("CANCEL", mail.Calendar().Method));

        Assert.Equal("Closed", await api.StepAsync(id, "close", new { outcome = "declinedByFamily" }));
        var closing = await Mail.WaitForAsync(shared.Host, m => m.IsTo(addresses) && m.Subject == "Oppfølgingen fra politiet er avsluttet", 2);
        Assert.All(closing, mail => Assert.Contains("dere ikke ønsker videre samtaler", mail.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_declined_voluntary_case_can_be_invited_again_and_gets_a_new_invitation_after_booking()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();
        var id = await api.OpenInvitedCaseAsync(MeetingSlots.Next(), request);
        var addresses = CaseRequests.Addresses(request);
        var first = await Mail.WaitForAsync(shared.Host, m => m.IsTo(addresses) && m.Subject == "Invitasjon til samtale med politiet", 2);
        await api.StepAsync(id, "record-reply", new { reply = "declined", note = "Mor vil tenke seg om." });
        Assert.Contains(("invite-again", "Kall inn på nytt"), (await api.GetAsync(id)).PermittedActions.Select(a => (a.Action, a.Title)));

        Assert.Equal("ReadyToInvite", await api.StepAsync(id, "invite-again"));
        Assert.Contains("invite", (await api.GetAsync(id)).Actions);
        var newTime = MeetingSlots.Next();
        Assert.Equal("Invited", await api.StepAsync(id, "invite", CaseRequests.Invitation(newTime)));

        var invitations = await Mail.WaitForAsync(shared.Host, m => m.IsTo(addresses) && m.Subject == "Invitasjon til samtale med politiet", 4);
        var second = invitations.Where(mail => first.All(earlier => earlier.MessageId != mail.MessageId)).ToList();
        Assert.Equal(2, second.Count);
        Assert.All(second, mail => Assert.Equal(newTime.UtcDateTime, mail.Calendar().Events.Single().DtStart!.AsUtc));
        var invited = await api.GetAsync(id);
        Assert.Equal("booked", invited.Meeting?.Status);
        Assert.Equal(newTime, invited.Meeting?.StartsAt);
        Assert.Contains(await api.TimelineAsync(id), item => item.Kind == "transition" && item.Title == "Besluttet å kalle inn på nytt");
    }

    [Fact]
    public async Task A_youth_who_did_not_come_to_a_voluntary_conversation_can_be_invited_again_from_the_meeting_start()
    {
        using var api = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        var start = clocked.NextSlot();
        var id = await api.OpenInvitedCaseAsync(start);
        using (var early = await api.TryStepAsync(id, "record-attendance", new { youthAttended = false }))
        {
            var problem = await CaseApi.ProblemAsync(early, HttpStatusCode.Conflict);
            Assert.Equal($"Samtalen har ikke begynt. Hva som skjedde, kan registreres fra den starter, {OsloTime.Format(start)}.", problem.Detail);
        }

        Assert.Equal("Invited", (await api.GetAsync(id)).State);
        await clocked.MoveClockToAsync(start);
        Assert.Equal("MissedVoluntary", await api.StepAsync(id, "record-attendance", new { youthAttended = false }));
        Assert.Contains("invite-again", (await api.GetAsync(id)).Actions);

        Assert.Equal("ReadyToInvite", await api.StepAsync(id, "invite-again"));
        Assert.Equal("Invited", await api.StepAsync(id, "invite", CaseRequests.Invitation(clocked.NextSlot())));
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
