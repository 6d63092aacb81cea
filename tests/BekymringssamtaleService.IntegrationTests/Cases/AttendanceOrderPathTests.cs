using System.Net;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>
/// The attendance order (pålegg om oppmøte): offence reference, a Lead's approval by another than who asked, and escalation
/// once the youth has not come. Tests that need the meeting to have begun run on a host of their own whose clock they move.
/// </summary>
public sealed class AttendanceOrderPathTests(SharedHost shared, ClockedHost clocked) : IClassFixture<ClockedHost>
{
    private const string Lead = "leder-oslo";

    /// <summary>A Lead who also works cases as an officer: asks, and may not approve what they asked for.</summary>
    private const string LeadWhoAlsoWorksCases = "leder-betjent-oslo";
    private const string Reason = "Grunn til å tro at ungdommen har begått skadeverk.";

    [Fact]
    public async Task An_attendance_order_needs_an_offence_reference_and_a_Leads_approval_and_its_letter_cites_the_legal_basis()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        using var lead = new CaseApi(shared.Host, Lead);
        var request = CaseRequests.Registration();
        var id = await officer.RegisterAsync(request);

        using (var withoutReference = await officer.TryStepAsync(id, "choose-track", new { track = "attendanceOrder", reason = Reason }))
        {
            var problem = await CaseApi.ProblemAsync(withoutReference, HttpStatusCode.BadRequest);
            Assert.Contains("Pålegg om oppmøte krever et straffesaksnummer", Assert.Single(problem.For("offenceReference")), StringComparison.Ordinal);
        }

        Assert.Equal("Registered", (await officer.GetAsync(id)).State);
        Assert.Equal("AwaitingOrderApproval", await officer.StepAsync(id, "choose-track", new { track = "attendanceOrder", offenceReference = "24123456", reason = Reason }));
        Assert.Equal("24123456", (await officer.GetAsync(id)).OffenceReference);
        Assert.DoesNotContain("approve-track", (await officer.GetAsync(id)).Actions);
        using (var officerApproves = await officer.TryStepAsync(id, "approve-track", new { approve = true }))
        {
            Assert.Equal("Rollen din kan ikke ta dette steget.", (await CaseApi.ProblemAsync(officerApproves, HttpStatusCode.Forbidden)).Detail);
        }

        Assert.Contains("approve-track", (await lead.GetAsync(id)).Actions);
        Assert.Equal("ReadyToInvite", await lead.StepAsync(id, "approve-track", new { approve = true }));
        Assert.Equal("Invited", await officer.StepAsync(id, "invite", CaseRequests.Invitation(MeetingSlots.Next())));

        var addresses = CaseRequests.Addresses(request);
        var letters = await Mail.WaitForAsync(shared.Host, m => m.IsTo(addresses), 2);
        Assert.All(letters, letter =>
        {
            Assert.Equal("Pålegg om oppmøte til samtale med politiet", letter.Subject);
            Assert.Contains("politiloven § 13", letter.TextBody, StringComparison.Ordinal);
            Assert.Contains("24123456", letter.TextBody, StringComparison.Ordinal);
            Assert.Contains("Det er obligatorisk å møte.", letter.TextBody, StringComparison.Ordinal);
        });
        Assert.DoesNotContain("record-reply", (await officer.GetAsync(id)).Actions);
    }

    [Fact]
    public async Task A_Lead_who_rejects_the_attendance_order_must_say_why_and_the_case_goes_back_to_choosing_a_track()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        using var lead = new CaseApi(shared.Host, Lead);
        var id = await officer.RegisterAsync(CaseRequests.Registration(offenceReference: "24123457"));
        await officer.StepAsync(id, "choose-track", new { track = "attendanceOrder", reason = Reason });

        using (var withoutReason = await lead.TryStepAsync(id, "approve-track", new { approve = false }))
        {
            Assert.Equal(["Feltet må fylles ut."], (await CaseApi.ProblemAsync(withoutReason, HttpStatusCode.BadRequest)).For("reason"));
        }

        Assert.Equal("Registered", await lead.StepAsync(id, "approve-track", new { approve = false, reason = "Frivillig innkalling bør prøves først." }));
        Assert.Contains("choose-track", (await officer.GetAsync(id)).Actions);
    }

    [Fact]
    public async Task A_missed_attendance_order_may_end_in_fetching_only_with_the_reasons_against_a_new_date_and_a_home_visit_and_a_Leads_approval()
    {
        using var officer = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        using var lead = new CaseApi(clocked.Host, Lead);
        var request = CaseRequests.Registration(offenceReference: "24123458");
        var (id, start) = await InvitedUnderAttendanceOrderAsync(officer, lead, request);
        await clocked.MoveClockToAsync(start);

        Assert.Equal("Escalation", await officer.StepAsync(id, "record-attendance", new { youthAttended = false, note = "Ingen møtte." }));
        Assert.Equal("missed", (await officer.GetAsync(id)).Meeting?.Status);

        using (var withoutReasons = await officer.TryStepAsync(id, "record-escalation", new { decision = "fetch", reasons = "Har uteblitt uten å gi beskjed." }))
        {
            var problem = await CaseApi.ProblemAsync(withoutReasons, HttpStatusCode.BadRequest);
            Assert.Equal(["Feltet må fylles ut."], problem.For("whyNotNewDate"));
            Assert.Equal(["Feltet må fylles ut."], problem.For("whyNotHomeVisit"));
        }

        Assert.Equal("Escalation", (await officer.GetAsync(id)).State);
        Assert.Equal("AwaitingFetchApproval", await officer.StepAsync(id, "record-escalation", new
        {
            decision = "fetch",
            reasons = "Har uteblitt uten å gi beskjed.",
            whyNotNewDate = "Familien svarer ikke på henvendelser om ny tid.",
            whyNotHomeVisit = "Ingen åpnet ved hjemmebesøk forrige uke.",
        }));
        using (var officerApproves = await officer.TryStepAsync(id, "approve-fetch", new { approve = true }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, officerApproves.StatusCode);
        }

        Assert.Equal("ReadyToInvite", await lead.StepAsync(id, "approve-fetch", new { approve = true }));
        Assert.Equal("Invited", await officer.StepAsync(id, "invite", CaseRequests.Invitation(clocked.NextSlot())));
        string[] youth = [request["youth"]!["email"].AsText()];
        await Mail.WaitForAsync(clocked.Host, m => m.IsTo(youth) && m.TextBody?.Contains("Politiet kommer og henter deg", StringComparison.Ordinal) == true, 1);
    }

    [Fact]
    public async Task After_a_missed_attendance_order_a_new_date_leads_back_to_inviting()
    {
        using var officer = new CaseApi(clocked.Host, DemoUsers.OsloOfficer);
        using var lead = new CaseApi(clocked.Host, Lead);
        var (id, start) = await InvitedUnderAttendanceOrderAsync(officer, lead, CaseRequests.Registration(offenceReference: "24123459"));
        await clocked.MoveClockToAsync(start);
        await officer.StepAsync(id, "record-attendance", new { youthAttended = false });

        Assert.Equal("ReadyToInvite", await officer.StepAsync(id, "record-escalation", new { decision = "newDate", reasons = "Familien ba om en ny tid." }));

        Assert.Contains("invite", (await officer.GetAsync(id)).Actions);
        Assert.Equal("Invited", await officer.StepAsync(id, "invite", CaseRequests.Invitation(clocked.NextSlot())));
    }

    [Fact]
    public async Task A_Lead_who_asked_for_the_attendance_order_cannot_approve_it_and_another_Lead_sees_the_reason_and_approves()
    {
        using var leadOfficer = new CaseApi(shared.Host, LeadWhoAlsoWorksCases);
        using var lead = new CaseApi(shared.Host, Lead);
        var id = await leadOfficer.RegisterAsync(CaseRequests.Registration(offenceReference: "24123460"));
        await leadOfficer.StepAsync(id, "choose-track", new { track = "attendanceOrder", reason = Reason });

        using (var ownApproval = await leadOfficer.TryStepAsync(id, "approve-track", new { approve = true }))
        {
            var problem = await CaseApi.ProblemAsync(ownApproval, HttpStatusCode.Conflict);
            Assert.Equal("Du ba selv om dette, og fire øyne gjelder: en annen leder i enheten må godkjenne eller avslå det.", problem.Detail);
        }

        var waiting = await lead.GetAsync(id);
        Assert.Equal("AwaitingOrderApproval", waiting.State);
        Assert.Equal("Bedt om pålegg om oppmøte", waiting.HowItGotHere?.Title);
        Assert.Equal("Hege Dahl", waiting.HowItGotHere?.By);
        Assert.Contains(new TimelineDetailEntry("reason", "Begrunnelse for pålegg", Reason), waiting.HowItGotHere!.Details);
        Assert.Equal("ReadyToInvite", await lead.StepAsync(id, "approve-track", new { approve = true }));
    }

    [Fact]
    public async Task A_fetch_is_approved_by_a_Lead_other_than_the_one_who_asked_and_the_approver_reads_the_reasons_against_a_new_date_and_a_home_visit()
    {
        using var leadOfficer = new CaseApi(clocked.Host, LeadWhoAlsoWorksCases);
        using var lead = new CaseApi(clocked.Host, Lead);
        var (id, start) = await InvitedUnderAttendanceOrderAsync(leadOfficer, lead, CaseRequests.Registration(offenceReference: "24123461"));
        using (var early = await leadOfficer.TryStepAsync(id, "record-escalation", new { decision = "newDate", reasons = "For tidlig." }))
        {
            Assert.Equal(
                "Saken står på «Innkalt». Dette kan gjøres når saken står på «Møtte ikke (pålegg)».",
                (await CaseApi.ProblemAsync(early, HttpStatusCode.Conflict)).Detail);
        }

        await clocked.MoveClockToAsync(start);
        await leadOfficer.StepAsync(id, "record-attendance", new { youthAttended = false });
        await leadOfficer.StepAsync(id, "record-escalation", new
        {
            decision = "fetch",
            reasons = "Har uteblitt to ganger.",
            whyNotNewDate = "Ny tid er prøvd uten svar.",
            whyNotHomeVisit = "Ingen åpnet ved hjemmebesøk.",
        });

        using (var ownApproval = await leadOfficer.TryStepAsync(id, "approve-fetch", new { approve = true }))
        {
            Assert.Equal(HttpStatusCode.Conflict, ownApproval.StatusCode);
        }

        var details = (await lead.GetAsync(id)).HowItGotHere!.Details;
        Assert.Contains(new TimelineDetailEntry("whyNotNewDate", "Hvorfor ikke ny tid", "Ny tid er prøvd uten svar."), details);
        Assert.Contains(new TimelineDetailEntry("whyNotHomeVisit", "Hvorfor ikke hjemmebesøk", "Ingen åpnet ved hjemmebesøk."), details);
        Assert.Contains(new TimelineDetailEntry("reasons", "Begrunnelse", "Har uteblitt to ganger."), details);
        Assert.Equal("ReadyToInvite", await lead.StepAsync(id, "approve-fetch", new { approve = true }));
    }

    private async Task<(Guid Id, DateTimeOffset Start)> InvitedUnderAttendanceOrderAsync(CaseApi officer, CaseApi lead, JsonObject request)
    {
        var id = await officer.RegisterAsync(request);
        await officer.StepAsync(id, "choose-track", new { track = "attendanceOrder", reason = Reason });
        await lead.StepAsync(id, "approve-track", new { approve = true });
        var start = clocked.NextSlot();
        await officer.StepAsync(id, "invite", CaseRequests.Invitation(start));
        return (id, start);
    }
}
