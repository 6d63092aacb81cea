using System.Net;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>The attendance order (pålegg om oppmøte): offence reference, a Lead's approval, and escalation when the youth does not come.</summary>
public sealed class AttendanceOrderPathTests(SharedHost shared)
{
    private const string Lead = "leder-oslo";
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
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        using var lead = new CaseApi(shared.Host, Lead);
        var request = CaseRequests.Registration(offenceReference: "24123458");
        var id = await InvitedUnderAttendanceOrderAsync(officer, lead, request);

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
        Assert.Equal("Invited", await officer.StepAsync(id, "invite", CaseRequests.Invitation(MeetingSlots.Next())));
        string[] youth = [request["youth"]!["email"].AsText()];
        await Mail.WaitForAsync(shared.Host, m => m.IsTo(youth) && m.TextBody?.Contains("Politiet kommer og henter deg", StringComparison.Ordinal) == true, 1);
    }

    [Fact]
    public async Task After_a_missed_attendance_order_a_new_date_leads_back_to_inviting()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        using var lead = new CaseApi(shared.Host, Lead);
        var id = await InvitedUnderAttendanceOrderAsync(officer, lead, CaseRequests.Registration(offenceReference: "24123459"));
        await officer.StepAsync(id, "record-attendance", new { youthAttended = false });

        Assert.Equal("ReadyToInvite", await officer.StepAsync(id, "record-escalation", new { decision = "newDate", reasons = "Familien ba om en ny tid." }));

        Assert.Contains("invite", (await officer.GetAsync(id)).Actions);
        Assert.Equal("Invited", await officer.StepAsync(id, "invite", CaseRequests.Invitation(MeetingSlots.Next())));
    }

    private static async Task<Guid> InvitedUnderAttendanceOrderAsync(CaseApi officer, CaseApi lead, JsonObject request)
    {
        var id = await officer.RegisterAsync(request);
        await officer.StepAsync(id, "choose-track", new { track = "attendanceOrder", reason = Reason });
        await lead.StepAsync(id, "approve-track", new { approve = true });
        await officer.StepAsync(id, "invite", CaseRequests.Invitation(MeetingSlots.Next()));
        return id;
    }
}
