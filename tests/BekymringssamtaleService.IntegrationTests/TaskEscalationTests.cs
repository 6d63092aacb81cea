using System.Net;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Features;
using BekymringssamtaleService.Web.WorkflowHosting;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>
/// Overdue user tasks on the real workflow, with a clock the test moves: a task still open a day after its due time is
/// escalated to the Lead of the case's unit (the escalation runs as its minutely job would), once, and never when the
/// task was done in time. The Lead sees it on the start page; other units' Leads and officers do not.
/// </summary>
public sealed class TaskEscalationTests : IAsyncLifetime
{
    private const string Lead = "leder-oslo";
    private const string LeadOfAnotherUnit = "leder-vest";
    private const string BookConversation = "Book tid og send innkalling";
    private const string Section = "Forfalte oppgaver i enheten";
    private const string OrderReason = "Grunn til å tro at ungdommen har begått skadeverk.";

    private readonly ClockedHost _clocked = new();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ServiceHost Host => _clocked.Host;

    private FakeTimeProvider Clock => _clocked.Clock;

    public ValueTask InitializeAsync() => _clocked.InitializeAsync();

    public ValueTask DisposeAsync() => _clocked.DisposeAsync();

    [Fact]
    public async Task An_open_task_is_escalated_to_the_Lead_a_day_after_its_due_time_not_before_and_only_once_however_often_the_escalation_runs()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        var caseId = await officer.RegisterAsync();
        await officer.StepAsync(caseId, "choose-track", new { track = "voluntary" });
        var task = await OpenTaskAsync(caseId, "BookConversation");

        await MoveClockAndEscalateAsync(task.DueAt.AddDays(1).AddMinutes(-1));

        Assert.Null((await TaskAsync(task.Id)).EscalatedAt);
        Assert.DoesNotContain("Eskalert til", await CasePageAsync(DemoUsers.OsloOfficer, caseId), StringComparison.Ordinal);

        var escalationTime = task.DueAt.AddDays(1);
        await MoveClockAndEscalateAsync(escalationTime);
        // Hosts running the escalation at the same moment, and the next minute's run: the task is escalated once.
        var jobs = Host.Services.GetRequiredService<TaskEscalationJob>();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => jobs.RunAsync(Token), Token)));
        await MoveClockAndEscalateAsync(escalationTime.AddMinutes(1));

        var escalated = await TaskAsync(task.Id);
        Assert.Equal("open", escalated.Status);
        Assert.Equal("Lead", escalated.EscalateTo);
        Assert.Equal(escalationTime, escalated.EscalatedAt);
        Assert.Equal(1L, await EscalationJournalRowsAsync(caseId));
        Assert.Contains($"Eskalert til leder {OsloTime.Format(escalationTime)}", await CasePageAsync(DemoUsers.OsloOfficer, caseId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_completed_before_its_escalation_time_is_never_escalated()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        var caseId = await officer.RegisterAsync(CaseRequests.Registration(offenceReference: "24123458"));
        await officer.StepAsync(caseId, "choose-track", new { track = "attendanceOrder", reason = OrderReason });
        var approval = await OpenTaskAsync(caseId, "ApproveAttendanceOrder");

        var completion = await Host.Services.GetRequiredService<UserTasks>().CompleteAsync(approval.Id, new TaskOutcome(), new Actor(Lead, ["Lead"]), UserTasks.NothingAlongside, Token);
        await MoveClockAndEscalateAsync(approval.DueAt.AddDays(1).AddHours(1));

        var completed = await TaskAsync(approval.Id);
        Assert.Equal(TaskChange.Changed, completion.Status);
        Assert.Equal("done", completed.Status);
        Assert.Null(completed.EscalatedAt);
        Assert.Equal(0L, await EscalationJournalRowsAsync(caseId));
        Assert.DoesNotContain("Eskalert til", await CasePageAsync(DemoUsers.OsloOfficer, caseId), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_Lead_of_the_unit_sees_an_escalated_task_on_the_start_page_and_a_Lead_of_another_unit_does_not()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        var caseId = await officer.RegisterAsync();
        await officer.StepAsync(caseId, "choose-track", new { track = "voluntary" });
        var task = await OpenTaskAsync(caseId, "BookConversation");
        var caseNumber = (await officer.GetAsync(caseId)).CaseNumber;
        await MoveClockAndEscalateAsync(task.DueAt.AddDays(1));

        var leadsPage = await StartPageAsync(Lead);
        var otherLeadsPage = await StartPageAsync(LeadOfAnotherUnit);

        Assert.Contains(Section, leadsPage, StringComparison.Ordinal);
        Assert.Contains($"<a class=\"ds-link\" href=\"/saker/{caseId}\">{caseNumber}</a>", leadsPage, StringComparison.Ordinal);
        Assert.Contains($"<td>{BookConversation}</td>", leadsPage, StringComparison.Ordinal);
        Assert.Contains(OsloTime.Format(task.DueAt), leadsPage, StringComparison.Ordinal);
        Assert.Contains("<td>1 dag</td>", leadsPage, StringComparison.Ordinal);
        Assert.Contains(Section, otherLeadsPage, StringComparison.Ordinal);
        Assert.DoesNotContain(caseId.ToString(), otherLeadsPage, StringComparison.Ordinal);
        Assert.Contains("Ingen oppgaver i enhetene dine er over fristen.", otherLeadsPage, StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync<long>(
            "SELECT count(*) FROM access_log WHERE staff_id = @lead AND unit_code = 'OSLO-SENTRUM' AND action = 'list-escalated-tasks'", ("lead", Lead)));

        using var lead = new CaseApi(Host, Lead);
        using var listed = await lead.GetResponseAsync("/api/v1/tasks/escalated");
        var viaApi = Assert.Single(await CaseApi.ReadAsync<List<EscalatedTaskView>>(listed, HttpStatusCode.OK));
        Assert.Equal(new EscalatedTaskView(task.Id, caseId, caseNumber, CaseRequests.Unit, BookConversation, task.DueAt, task.DueAt.AddDays(1)), viaApi);
    }

    [Fact]
    public async Task An_officer_sees_no_overdue_tasks_of_the_unit_on_the_start_page_and_may_not_list_them()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        var caseId = await officer.RegisterAsync();
        await officer.StepAsync(caseId, "choose-track", new { track = "voluntary" });
        await MoveClockAndEscalateAsync((await OpenTaskAsync(caseId, "BookConversation")).DueAt.AddDays(2));

        var page = await StartPageAsync(DemoUsers.OsloOfficer);
        using var listed = await officer.GetResponseAsync("/api/v1/tasks/escalated");

        Assert.DoesNotContain(Section, page, StringComparison.Ordinal);
        Assert.Equal("Bare ledere ser forfalte oppgaver i enheten.", (await CaseApi.ProblemAsync(listed, HttpStatusCode.Forbidden)).Detail);
    }

    [Fact]
    public async Task An_escalated_task_is_still_done_by_taking_its_step_and_then_leaves_the_Leads_list()
    {
        using var officer = new CaseApi(Host, DemoUsers.OsloOfficer);
        using var lead = new CaseApi(Host, Lead);
        var caseId = await officer.RegisterAsync(CaseRequests.Registration(offenceReference: "24123459"));
        await officer.StepAsync(caseId, "choose-track", new { track = "attendanceOrder", reason = OrderReason });
        var approval = await OpenTaskAsync(caseId, "ApproveAttendanceOrder");
        await MoveClockAndEscalateAsync(approval.DueAt.AddDays(1));
        Assert.Contains($"href=\"/saker/{caseId}\"", await StartPageAsync(Lead), StringComparison.Ordinal);

        Assert.Equal("ReadyToInvite", await lead.StepAsync(caseId, "approve-track", new { approve = true }));

        Assert.NotEqual("open", (await TaskAsync(approval.Id)).Status);
        Assert.DoesNotContain($"href=\"/saker/{caseId}\"", await StartPageAsync(Lead), StringComparison.Ordinal);
    }

    /// <summary>Moves the clock and runs the escalation job, as its minutely schedule would on a clock that really moved.</summary>
    private async Task MoveClockAndEscalateAsync(DateTimeOffset instant)
    {
        Clock.SetUtcNow(instant.ToUniversalTime());
        await Host.Services.GetRequiredService<TaskEscalationJob>().RunAsync(Token);
    }

    private async Task<string> StartPageAsync(string staffId) => await PageAsync(staffId, "/");

    private async Task<string> CasePageAsync(string staffId, Guid caseId) => await PageAsync(staffId, $"/saker/{caseId}");

    private async Task<string> PageAsync(string staffId, string path)
    {
        using var client = Host.CreateHttpClient();
        await client.SignInAsync(staffId);
        return await client.GetStringAsync(path, Token);
    }

    private async Task<TaskRow> OpenTaskAsync(Guid caseId, string name)
    {
        var id = await ScalarAsync<Guid>("SELECT id FROM workflow.tasks WHERE instance_id = @case AND name = @name AND status = 'open'", ("case", caseId), ("name", name));
        return await TaskAsync(id);
    }

    private async Task<TaskRow> TaskAsync(Guid taskId)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("SELECT status, due_at, escalate_to, escalated_at FROM workflow.tasks WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", taskId);
        await using var reader = await command.ExecuteReaderAsync(Token);
        Assert.True(await reader.ReadAsync(Token), $"No task {taskId}.");
        return new TaskRow(
            taskId,
            reader.GetString(0),
            reader.GetFieldValue<DateTimeOffset>(1),
            await reader.IsDBNullAsync(2, Token) ? null : reader.GetString(2),
            await reader.IsDBNullAsync(3, Token) ? null : reader.GetFieldValue<DateTimeOffset>(3));
    }

    private Task<long> EscalationJournalRowsAsync(Guid caseId) =>
        ScalarAsync<long>("SELECT count(*) FROM workflow.journal WHERE instance_id = @case AND kind = 'task-escalated'", ("case", caseId));

    private async Task<T> ScalarAsync<T>(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return (T)(await command.ExecuteScalarAsync(Token))!;
    }

    private sealed record TaskRow(Guid Id, string Status, DateTimeOffset DueAt, string? EscalateTo, DateTimeOffset? EscalatedAt);

    private sealed record EscalatedTaskView(Guid TaskId, Guid CaseId, string CaseNumber, string UnitCode, string Title, DateTimeOffset DueAt, DateTimeOffset EscalatedAt);
}
