using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace BekymringssamtaleService.BrowserTests;

public sealed class EscalatedTaskTests(BrowserSession browser)
{
    [Fact]
    public async Task A_Lead_follows_an_overdue_task_from_the_start_page_to_its_case_and_neither_page_has_accessibility_violations()
    {
        var officer = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        await officer.GotoAsync("/saker?steg=Registered&enhet=OSLO-SENTRUM");
        await officer.GetByTestId("cases").GetByRole(AriaRole.Link).First.ClickAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "Velg spor" }).ClickAsync();
        await officer.GetByLabel("Spor").SelectOptionAsync("voluntary");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Velg spor" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("notice")).ToHaveTextAsync("Velg spor: registrert.");
        var caseId = Guid.Parse(officer.Url.TrimEnd('/').Split('/')[^1]);
        await MakeBookingTaskTwoDaysOverdueAsync(caseId);

        var lead = await browser.OpenPageAsync("leder-oslo");
        await lead.GotoAsync("/");
        var overdue = lead.GetByTestId("escalated-tasks").GetByRole(AriaRole.Row).Filter(new() { Has = lead.Locator($"a[href='/saker/{caseId}']") });
        await Assertions.Expect(overdue).ToContainTextAsync("Book tid og send innkalling");
        await Assertions.Expect(overdue).ToContainTextAsync("2 dager");
        Assert.Empty(await Accessibility.ViolationsAsync(lead));

        await overdue.GetByRole(AriaRole.Link).ClickAsync();

        await Assertions.Expect(lead.GetByTestId("task-escalated")).ToContainTextAsync("Eskalert til leder");
        Assert.Empty(await Accessibility.ViolationsAsync(lead));
    }

    /// <summary>
    /// The browser's host runs on the real clock, so instead of waiting nine days the task's due and escalation times
    /// are moved back; then the escalation runs as its minutely job does.
    /// </summary>
    private async Task MakeBookingTaskTwoDaysOverdueAsync(Guid caseId)
    {
        await using (var connection = new NpgsqlConnection(browser.Host.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand(
                """
                UPDATE workflow.tasks SET due_at = now() - interval '2 days', escalate_at = now() - interval '1 day'
                WHERE instance_id = @case AND name = 'BookConversation' AND status = 'open'
                """,
                connection);
            command.Parameters.AddWithValue("case", caseId);
            Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }

        await browser.Host.Services.GetRequiredService<UserTasks>().EscalateOverdueAsync(100, TestContext.Current.CancellationToken);
    }
}
