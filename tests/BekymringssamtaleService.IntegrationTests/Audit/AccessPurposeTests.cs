using System.Net;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Audit;

/// <summary>Each access is logged with why it happened: casework, or a Lead's approval decision.</summary>
public sealed class AccessPurposeTests(SharedHost shared)
{
    private const string Reason = "Familien har ikke svart på to innkallinger, og bekymringen er alvorlig.";

    [Fact]
    public async Task A_Leads_approval_of_an_attendance_order_and_their_work_on_its_task_are_logged_as_approval_and_the_officers_request_as_casework()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        using var lead = new CaseApi(shared.Host, "leder-oslo");
        var id = await officer.RegisterAsync();
        await officer.StepAsync(id, "choose-track", new { track = "attendanceOrder", offenceReference = "24123456", reason = Reason });
        var task = await ApprovalTaskAsync(lead, id);

        using (var claimed = await lead.PostAsync($"/api/v1/tasks/{task}/claim", new { }))
        {
            Assert.Equal(HttpStatusCode.OK, claimed.StatusCode);
        }

        await lead.StepAsync(id, "approve-track", new { approve = true });

        Assert.Equal(
            ["register casework", "RequestAttendanceOrder casework", "claim-task approval", "ApproveAttendanceOrder approval"],
            await AccessLogRows.ActionsAsync(shared.Host, "case_id = @case AND action NOT LIKE 'read%' AND action NOT LIKE 'list%'", ("case", id)));
    }

    [Fact]
    public async Task A_Leads_decline_of_an_attendance_order_is_logged_as_approval()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        using var lead = new CaseApi(shared.Host, "leder-oslo");
        var id = await officer.RegisterAsync();
        await officer.StepAsync(id, "choose-track", new { track = "attendanceOrder", offenceReference = "24123456", reason = Reason });

        await lead.StepAsync(id, "approve-track", new { approve = false, reason = "Frivillig innkalling bør prøves først." });

        Assert.Equal(
            ["register casework", "RequestAttendanceOrder casework", "RejectAttendanceOrder approval"],
            await AccessLogRows.ActionsAsync(shared.Host, "case_id = @case AND action NOT LIKE 'read%'", ("case", id)));
    }

    private static async Task<Guid> ApprovalTaskAsync(CaseApi lead, Guid caseId)
    {
        string? cursor = null;
        do
        {
            using var response = await lead.GetResponseAsync(cursor is null ? "/api/v1/tasks?limit=200" : $"/api/v1/tasks?limit=200&after={cursor}");
            var page = await CaseApi.ReadAsync<TaskPage>(response, HttpStatusCode.OK);
            if (page.Items.FirstOrDefault(task => task.CaseId == caseId) is { } found)
            {
                return found.Id;
            }

            cursor = page.NextCursor;
        }
        while (cursor is not null);

        throw new InvalidOperationException($"The case {caseId} has no open task for the Lead.");
    }

    private sealed record TaskItem(Guid Id, Guid CaseId);

    private sealed record TaskPage(List<TaskItem> Items, string? NextCursor);
}
