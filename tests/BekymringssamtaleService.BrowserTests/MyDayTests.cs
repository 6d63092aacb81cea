using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>Min dag, the start page, clicked through as each role, each page free of accessibility violations at every width.</summary>
public sealed class MyDayTests(BrowserSession browser)
{
    private const string Reason = "Grunn til å tro at ungdommen har begått hærverk.";

    [Fact]
    public async Task An_officer_finds_a_new_case_without_next_step_on_Min_dag_and_after_choosing_its_track_finds_its_task_there()
    {
        var officer = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        var caseUrl = await RegistrationForm.RegisterAsync(officer, "Mindag");
        var caseId = caseUrl.TrimEnd('/').Split('/')[^1];

        await officer.GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();
        foreach (var heading in new[] { "Mine samtaler denne uken", "Mine åpne oppgaver", "Brev som trenger deg", "Mine saker uten neste steg" })
        {
            await Assertions.Expect(officer.GetByRole(AriaRole.Region, new() { Name = heading })).ToBeVisibleAsync();
        }

        await Assertions.Expect(officer.GetByTestId("units")).ToHaveTextAsync("Forebyggende seksjon sentrum, Oslo politidistrikt");
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(officer, "min-dag-officer"));
        await officer.GetByTestId("cases-without-next-step").Locator($"a[href='/saker/{caseId}']").ClickAsync();
        await Assertions.Expect(officer.GetByTestId("case-state")).ToHaveTextAsync("Registrert");

        await officer.GetByRole(AriaRole.Link, new() { Name = "Velg spor" }).ClickAsync();
        await officer.GetByLabel("Spor").SelectOptionAsync("voluntary");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Velg spor" }).ClickAsync();
        await officer.GetByRole(AriaRole.Link, new() { Name = "Start" }).ClickAsync();

        var task = officer.GetByTestId("my-tasks").GetByRole(AriaRole.Row).Filter(new() { Has = officer.Locator($"a[href='/saker/{caseId}']") });
        await Assertions.Expect(task).ToContainTextAsync("Book tid og send innkalling");
        await Assertions.Expect(officer.GetByTestId("cases-without-next-step").Locator($"a[href='/saker/{caseId}']")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_Lead_sees_an_attendance_order_waiting_for_approval_as_soon_as_it_is_asked_and_follows_it_to_the_case()
    {
        var officer = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        var caseUrl = await RegistrationForm.RegisterAsync(officer, "Mindagleder");
        var caseId = caseUrl.TrimEnd('/').Split('/')[^1];
        await officer.GetByRole(AriaRole.Link, new() { Name = "Velg spor" }).ClickAsync();
        await officer.GetByLabel("Spor").SelectOptionAsync("attendanceOrder");
        await officer.GetByLabel("Straffesaksnummer").FillAsync("24123888");
        await officer.GetByLabel("Begrunnelse for pålegg").FillAsync(Reason);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Velg spor" }).ClickAsync();
        await Assertions.Expect(officer.GetByTestId("case-state")).ToHaveTextAsync("Pålegg venter på godkjenning");

        var lead = await browser.OpenPageAsync("leder-oslo");
        await lead.GotoAsync("/");

        var approval = lead.GetByTestId("approvals").GetByRole(AriaRole.Row).Filter(new() { Has = lead.Locator($"a[href='/saker/{caseId}']") });
        await Assertions.Expect(approval).ToContainTextAsync("Godkjenn eller avslå pålegg om oppmøte");
        await Assertions.Expect(approval).ToContainTextAsync("Forebyggende seksjon sentrum");
        var load = lead.GetByTestId("officer-load").GetByRole(AriaRole.Row).Filter(new() { HasText = DemoUsers.Get(DemoUsers.OsloOfficer).DisplayName });
        await Assertions.Expect(load).ToHaveCountAsync(1);
        await Assertions.Expect(lead.GetByRole(AriaRole.Region, new() { Name = "Forfalte oppgaver i enheten" })).ToBeVisibleAsync();
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(lead, "min-dag-lead"));

        await approval.GetByRole(AriaRole.Link).ClickAsync();

        await Assertions.Expect(lead.GetByTestId("case-state")).ToHaveTextAsync("Pålegg venter på godkjenning");
    }

    [Fact]
    public async Task A_Liaison_sees_the_compartments_lists_on_Min_dag()
    {
        var liaison = await browser.OpenPageAsync("forebyggingskontakt-oslo");
        await liaison.GotoAsync("/");

        foreach (var heading in new[] { "Nye saker som venter på koordineringsbeslutning", "Flaggede saker", "Åpne koordineringsoppgaver" })
        {
            await Assertions.Expect(liaison.GetByRole(AriaRole.Region, new() { Name = heading })).ToBeVisibleAsync();
        }

        await Assertions.Expect(liaison.GetByTestId("my-tasks")).ToHaveCountAsync(0);
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(liaison, "min-dag-liaison"));
    }

    [Fact]
    public async Task An_Admin_sees_incidents_failing_letters_and_the_recurring_jobs_on_Min_dag_and_goes_on_to_the_incidents()
    {
        var admin = await browser.OpenPageAsync(DemoUsers.Administrator);
        await admin.GotoAsync("/");

        await Assertions.Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Åpne hendelser" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Region, new() { Name = "Brev som feiler" })).ToBeVisibleAsync();
        var escalation = admin.GetByTestId("job-health").GetByRole(AriaRole.Row).Filter(new() { HasText = "workflow-task-escalation" });
        await Assertions.Expect(escalation).ToHaveCountAsync(1);
        await Assertions.Expect(escalation.Locator("td").Nth(2)).Not.ToHaveTextAsync("Ikke planlagt");
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(admin, "min-dag-admin"));

        await admin.GetByRole(AriaRole.Link, new() { Name = "Gå til hendelsene" }).ClickAsync();

        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/hendelser", admin.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Auditor_goes_from_Min_dag_to_the_access_log_search()
    {
        var auditor = await browser.OpenPageAsync("revisor");
        await auditor.GotoAsync("/");
        await Assertions.Expect(auditor.GetByTestId("roles")).ToHaveTextAsync("Kontroll og revisjon");
        await Assertions.Expect(auditor.GetByTestId("my-tasks")).ToHaveCountAsync(0);
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(auditor, "min-dag-auditor"));

        await auditor.GetByTestId("audit").GetByRole(AriaRole.Link, new() { Name = "Gå til tilgangsloggen" }).ClickAsync();

        await Assertions.Expect(auditor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Tilgangslogg");
    }
}
