using System.Net;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>
/// Tasks are work, on the real workflow with a clock the test moves (timers fire as the due-work pump fires them):
/// people claim, assign, complete and cancel them over /api/v1/tasks; the steps that answer a task complete it; a
/// task made by an activity outlives the state it was made in.
/// </summary>
public sealed class TaskWorkTests : IAsyncLifetime
{
    private const string CallTheFamily = "Ring familien – ingen svar på innkallingen";
    private const string RecordAttendance = "Registrer oppmøte";
    private const string ReportToChildWelfare = "Send melding til barnevernet (opplysningsplikt)";
    private const string Colleague = "betjent-oslo-2";
    private const string Lead = "leder-oslo";
    private const string OfficerOfAnotherUnit = "betjent-vest";

    private readonly ClockedHost _clocked = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ServiceHost Host => _clocked.Host;

    private FakeTimeProvider Clock => _clocked.Clock;

    public ValueTask InitializeAsync() => _clocked.InitializeAsync();

    public ValueTask DisposeAsync() => _clocked.DisposeAsync();

    [Fact]
    public async Task An_officer_claims_the_call_the_family_task_gives_it_to_a_colleague_who_completes_it_with_a_note()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        using var colleague = new CaseApi(Host, Colleague);
        var (caseId, task) = await CaseWithCallTheFamilyTaskAsync(officer);

        var claimed = await TaskAsync(officer, $"{task}/claim", new { }, HttpStatusCode.OK);
        var given = await TaskAsync(officer, $"{task}/assign", new { staffId = Colleague }, HttpStatusCode.OK);
        var completed = await TaskAsync(colleague, $"{task}/complete", new { note = "Mor tar kontakt i morgen." }, HttpStatusCode.OK);

        Assert.Equal(("open", DemoUsers.OsloOfficer, "Kari Nordmann"), (claimed.Status, claimed.AssigneeId, claimed.AssigneeName));
        Assert.Equal((caseId, CallTheFamily, "Jonas Berg"), (given.CaseId, given.Title, given.AssigneeName));
        Assert.Equal(("done", "Jonas Berg"), (completed.Status, completed.CompletedByName));
        Assert.Equal("Mor tar kontakt i morgen.", await ScalarAsync<string>("SELECT note FROM workflow.tasks WHERE id = @id", ("id", task)));
        Assert.Equal(
            ["task-claimed betjent-oslo", "task-assigned betjent-oslo", "task-completed betjent-oslo-2"],
            await ListAsync<string>("SELECT kind || ' ' || actor_id FROM workflow.journal WHERE instance_id = @case AND kind LIKE 'task-%' AND code = 'createTask' ORDER BY id", ("case", caseId)));
        // The access log has who did what to which case (its columns hold no text of the task).
        Assert.Equal(
            ["claim-task betjent-oslo", "assign-task betjent-oslo", "complete-task betjent-oslo-2"],
            await ListAsync<string>("SELECT action || ' ' || staff_id FROM access_log WHERE case_id = @case AND action LIKE '%-task' ORDER BY id", ("case", caseId)));
        Assert.Contains("Mor tar kontakt i morgen.", await PageAsync(DemoUsers.OsloOfficer, $"/saker/{caseId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Of_two_identical_claims_at_the_same_moment_one_takes_the_task_and_the_other_is_told_who_has_it()
    {
        using var first = new CaseApi(Host, DemoUsers.OsloOfficer);
        using var second = new CaseApi(Host, DemoUsers.OsloOfficer);
        var (_, task) = await CaseWithCallTheFamilyTaskAsync(first);

        var responses = await Task.WhenAll(first.PostAsync($"/api/v1/tasks/{task}/claim", new { }), second.PostAsync($"/api/v1/tasks/{task}/claim", new { }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], responses.Select(response => response.StatusCode).Order());
        var refused = await CaseApi.ProblemAsync(responses.Single(response => response.StatusCode == HttpStatusCode.Conflict), HttpStatusCode.Conflict);
        Assert.Equal("Oppgaven er allerede tatt av Kari Nordmann.", refused.Detail);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM workflow.journal WHERE kind = 'task-claimed' AND code = 'createTask' AND instance_id = (SELECT instance_id FROM workflow.tasks WHERE id = @id)", ("id", task)));
        Array.ForEach(responses, response => response.Dispose());
    }

    [Fact]
    public async Task Only_the_one_who_has_the_task_or_a_Lead_gives_it_away_and_only_to_someone_with_its_role_in_its_unit()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        using var colleague = new CaseApi(Host, Colleague);
        using var lead = new CaseApi(Host, Lead);
        var (_, task) = await CaseWithCallTheFamilyTaskAsync(officer);
        await TaskAsync(officer, $"{task}/claim", new { }, HttpStatusCode.OK);

        var toAnotherUnit = await ProblemAsync(officer, $"{task}/assign", new { staffId = OfficerOfAnotherUnit }, HttpStatusCode.BadRequest);
        var toTheLead = await ProblemAsync(officer, $"{task}/assign", new { staffId = Lead }, HttpStatusCode.BadRequest);
        var byColleague = await ProblemAsync(colleague, $"{task}/assign", new { staffId = Colleague }, HttpStatusCode.Conflict);
        var byLead = await TaskAsync(lead, $"{task}/assign", new { staffId = Colleague }, HttpStatusCode.OK);

        Assert.Equal("Oppgaven kan bare gis til noen med rollen forebygger i enheten OSLO-SENTRUM.", Assert.Single(toAnotherUnit.For("staffId")));
        Assert.Single(toTheLead.For("staffId"));
        Assert.Equal("Bare den som har tatt oppgaven, eller en leder i enheten, kan gi den til noen andre.", byColleague.Detail);
        Assert.Equal(Colleague, byLead.AssigneeId);
    }

    [Fact]
    public async Task A_task_of_another_unit_is_not_found_exactly_as_a_task_that_does_not_exist_whatever_the_body()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        using var stranger = new CaseApi(Host, OfficerOfAnotherUnit);
        var (_, task) = await CaseWithCallTheFamilyTaskAsync(officer);
        var missing = Guid.NewGuid();

        foreach (var (action, body) in new (string, object)[] { ("claim", new { }), ("assign", new { staffId = 7 }), ("complete", new { note = "x" }), ("cancel", new { }) })
        {
            using var ofAnotherUnit = await stranger.PostAsync($"/api/v1/tasks/{task}/{action}", body);
            using var ofNobody = await stranger.PostAsync($"/api/v1/tasks/{missing}/{action}", body);

            Assert.Equal(HttpStatusCode.NotFound, ofAnotherUnit.StatusCode);
            Assert.Equal(await ofNobody.Content.ReadAsStringAsync(Token), await ofAnotherUnit.Content.ReadAsStringAsync(Token));
        }

        Assert.Equal("Oppgaven finnes ikke, eller du har ikke tilgang til den.", (await ProblemAsync(stranger, $"{task}/claim", new { }, HttpStatusCode.NotFound)).Detail);
        Assert.Equal("open", await StatusAsync(task));
        using var listed = await stranger.GetResponseAsync("/api/v1/tasks");
        Assert.DoesNotContain(task.ToString(), await listed.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_is_cancelled_with_a_reason_and_is_then_no_longer_open_to_claim()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        var (_, task) = await CaseWithCallTheFamilyTaskAsync(officer);

        var withoutReason = await ProblemAsync(officer, $"{task}/cancel", new { reason = " " }, HttpStatusCode.BadRequest);
        var cancelled = await TaskAsync(officer, $"{task}/cancel", new { reason = "Familien ringte selv." }, HttpStatusCode.OK);
        var claim = await ProblemAsync(officer, $"{task}/claim", new { }, HttpStatusCode.Conflict);

        Assert.Equal("Feltet må fylles ut.", Assert.Single(withoutReason.For("reason")));
        Assert.Equal(("cancelled", "Kari Nordmann"), (cancelled.Status, cancelled.CancelledByName));
        Assert.Equal("Oppgaven er ikke lenger åpen: den er fullført eller avbrutt.", claim.Detail);
        Assert.Equal("Familien ringte selv.", await ScalarAsync<string>("SELECT note FROM workflow.tasks WHERE id = @id", ("id", task)));
    }

    [Fact]
    public async Task A_task_a_step_completes_is_not_completed_on_its_own_but_points_at_its_step()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        var caseId = await officer.RegisterAsync();
        await officer.StepAsync(caseId, "choose-track", new { track = "voluntary" });
        var task = await OpenTaskAsync(caseId, "Book tid og send innkalling");

        using var response = await officer.PostAsync($"/api/v1/tasks/{task}/complete", new { note = "Gjort." });

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(Token))!;
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Oppgaven fullføres ved å ta steget «Send innkalling» på saken.", body["detail"]!.GetValue<string>());
        Assert.Equal($"/api/v1/cases/{caseId}/invite", body["caseStep"]!.GetValue<string>());

        await officer.StepAsync(caseId, "invite", CaseRequests.Invitation(MeetingSlots.Next()));

        Assert.Equal("done", await StatusAsync(task));
    }

    [Fact]
    public async Task A_recorded_reply_completes_the_call_the_family_task()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        var (caseId, task) = await CaseWithCallTheFamilyTaskAsync(officer);

        await officer.StepAsync(caseId, "record-reply", new { reply = "accepted", note = "Far ringte tilbake." });

        Assert.Equal("done", await StatusAsync(task));
        Assert.Equal(DemoUsers.OsloOfficer, await ScalarAsync<string>("SELECT completed_by FROM workflow.tasks WHERE id = @id", ("id", task)));
    }

    [Fact]
    public async Task Recorded_attendance_completes_the_record_attendance_task()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        var meeting = MeetingSlots.Next();
        var caseId = await officer.OpenInvitedCaseAsync(meeting);
        await MoveClockToAsync(meeting);
        var task = await OpenTaskAsync(caseId, RecordAttendance);

        await officer.StepAsync(caseId, "record-attendance", new { youthAttended = true });

        Assert.Equal("done", await StatusAsync(task));
    }

    [Fact]
    public async Task The_child_welfare_task_outlives_planning_the_follow_up_and_is_completed_only_with_the_date_it_was_reported()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        var meeting = MeetingSlots.Next();
        var caseId = await officer.OpenInvitedCaseAsync(meeting);
        await MoveClockToAsync(meeting);
        await officer.StepAsync(caseId, "record-attendance", new { youthAttended = true });
        await officer.StepAsync(caseId, "record-mapping", CaseRequests.Mapping("high"));
        var today = OsloTime.Today(Clock.GetUtcNow());
        await officer.StepAsync(caseId, "agree-measures", new
        {
            measures = new[] { new { code = "LEARNING_ENVIRONMENT", responsible = "Kontaktlærer", startsOn = Day(today.AddDays(7)), dueOn = Day(today.AddDays(90)) } },
            dutyToInform = true,
        });
        var task = await OpenTaskAsync(caseId, ReportToChildWelfare);

        Assert.Equal("FollowUp", await officer.StepAsync(caseId, "schedule-follow-up"));
        var afterPlanning = await StatusAsync(task);
        var withoutDate = await ProblemAsync(officer, $"{task}/complete", new { note = "Sendt via Fiks." }, HttpStatusCode.BadRequest);
        var tomorrow = await ProblemAsync(officer, $"{task}/complete", new { date = Day(today.AddDays(1)) }, HttpStatusCode.BadRequest);
        var completed = await TaskAsync(officer, $"{task}/complete", new { note = "Sendt via Fiks.", date = Day(today) }, HttpStatusCode.OK);

        Assert.Equal("open", afterPlanning);
        Assert.Equal("Oppgi datoen: Meldt til barnevernet.", Assert.Single(withoutDate.For("date")));
        Assert.Equal("Datoen kan ikke være etter i dag.", Assert.Single(tomorrow.For("date")));
        Assert.Equal(("done", "Meldt til barnevernet", today), (completed.Status, completed.DateLabel, completed.DoneOn));
        Assert.Contains($"Meldt til barnevernet: {today:dd.MM.yyyy}", await PageAsync(DemoUsers.OsloOfficer, $"/saker/{caseId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closing_a_case_cancels_its_open_tasks_in_the_journal()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        var (caseId, task) = await CaseWithCallTheFamilyTaskAsync(officer);

        await officer.StepAsync(caseId, "cancel-case", new { reason = "Familien har flyttet." });

        Assert.Equal("cancelled", await StatusAsync(task));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM workflow.journal WHERE instance_id = @case AND kind = 'task-cancelled' AND code = 'createTask'", ("case", caseId)));
    }

    [Fact]
    public async Task The_task_list_gives_my_open_tasks_and_the_overdue_page_by_page_earliest_due_first()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        using var lead = new CaseApi(Host, Lead);
        var (first, firstTask) = await CaseWithCallTheFamilyTaskAsync(officer);
        var (_, secondTask) = await CaseWithCallTheFamilyTaskAsync(officer);
        var booking = await OpenTaskAsync(first, "Book tid og send innkalling", status: "done");
        await TaskAsync(officer, $"{secondTask}/claim", new { }, HttpStatusCode.OK);
        await MoveClockToAsync(Clock.GetUtcNow().AddDays(2).AddMinutes(30));

        var mine = await AllPagesAsync(officer, "mine=true&limit=1");
        var leadsOwn = await AllPagesAsync(lead, "mine=true");
        var overdue = await AllPagesAsync(officer, "overdue=true&limit=1");

        Assert.Equal([firstTask, secondTask], mine.Where(task => task.Title == CallTheFamily).Select(task => task.Id));
        Assert.DoesNotContain(mine, task => task.Id == booking);
        Assert.DoesNotContain(leadsOwn, task => task.Id == firstTask || task.Id == secondTask);
        Assert.Equal([firstTask, secondTask], overdue.Where(task => task.Title == CallTheFamily).Select(task => task.Id));
        Assert.All(overdue, task => Assert.True(task.Overdue));
        using var badCursor = await officer.GetResponseAsync("/api/v1/tasks?after=nonsense");
        Assert.Single((await CaseApi.ProblemAsync(badCursor, HttpStatusCode.BadRequest)).For("after"));
    }

    /// <summary>A case invited with a reply awaited, five days on: the officer has the task to call the family.</summary>
    private async Task<(Guid CaseId, Guid TaskId)> CaseWithCallTheFamilyTaskAsync(CaseApi officer)
    {
        var caseId = await officer.OpenInvitedCaseAsync(MeetingSlots.Next());
        await MoveClockToAsync(Clock.GetUtcNow().AddDays(5));
        return (caseId, await OpenTaskAsync(caseId, CallTheFamily));
    }

    private static async Task<List<TaskView>> AllPagesAsync(CaseApi api, string query)
    {
        var all = new List<TaskView>();
        string? cursor = null;
        do
        {
            using var response = await api.GetResponseAsync(cursor is null ? $"/api/v1/tasks?{query}" : $"/api/v1/tasks?{query}&after={cursor}");
            var page = await CaseApi.ReadAsync<TaskPageView>(response, HttpStatusCode.OK);
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        return all;
    }

    /// <summary>Moves the clock and fires the timers due, as the due-work pump's round does.</summary>
    private async Task MoveClockToAsync(DateTimeOffset instant)
    {
        Clock.SetUtcNow(instant.ToUniversalTime());
        await Host.Services.GetRequiredService<DueTimers>().FireDueAsync(batchSize: 100, parallelism: 4, Token);
    }

    private static async Task<TaskView> TaskAsync(CaseApi api, string path, object body, HttpStatusCode expected)
    {
        using var response = await api.PostAsync($"/api/v1/tasks/{path}", body);
        return await CaseApi.ReadAsync<TaskView>(response, expected);
    }

    private static async Task<Problem> ProblemAsync(CaseApi api, string path, object body, HttpStatusCode expected)
    {
        using var response = await api.PostAsync($"/api/v1/tasks/{path}", body);
        return await CaseApi.ProblemAsync(response, expected);
    }

    private async Task<string> PageAsync(string staffId, string path)
    {
        using var client = Host.CreateHttpClient();
        await client.SignInAsync(staffId);
        return await client.GetStringAsync(path, Token);
    }

    private Task<Guid> OpenTaskAsync(Guid caseId, string title, string status = "open") =>
        ScalarAsync<Guid>("SELECT id FROM workflow.tasks WHERE instance_id = @case AND title = @title AND status = @status", ("case", caseId), ("title", title), ("status", status));

    private Task<string> StatusAsync(Guid taskId) => ScalarAsync<string>("SELECT status FROM workflow.tasks WHERE id = @id", ("id", taskId));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters) => Assert.Single(await ListAsync<T>(sql, parameters));

    private async Task<List<T>> ListAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(Token);
        var rows = new List<T>();
        while (await reader.ReadAsync(Token))
        {
            rows.Add(reader.GetFieldValue<T>(0));
        }

        return rows;
    }

    private sealed record TaskView(
        Guid Id, Guid CaseId, string Title, string Status, bool Overdue, string? AssigneeId, string? AssigneeName, string? DateLabel,
        DateOnly? DoneOn, string? CompletedByName, string? CancelledByName);

    private sealed record TaskPageView(List<TaskView> Items, string? NextCursor);
}
