using System.Text.RegularExpressions;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Coordination;

/// <summary>The Liaison's start page: new cases awaiting a coordination decision, flagged cases, open coordination tasks.</summary>
public sealed partial class LiaisonStartPageTests(SharedHost shared)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_case_registered_at_PSTs_request_awaits_a_decision_until_flagged_and_then_is_listed_as_flagged_with_its_task()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var registration = CaseRequests.Registration();
        registration["source"] = "pst";
        var id = await officer.RegisterAsync(registration);
        var caseNumber = (await officer.GetAsync(id)).CaseNumber;
        using var liaison = new CaseApi(shared.Host, CoordinationApi.Liaison);

        var before = await StartPageAsync(CoordinationApi.Liaison);
        await liaison.FlagAsync(id);
        using (await liaison.PostAsync($"/api/v1/cases/{id}/coordination/tasks", new { title = "Avtale møte med PST", dueOn = "2099-03-01" }))
        {
        }

        var after = await StartPageAsync(CoordinationApi.Liaison);

        Assert.Contains(caseNumber, Section(before, "awaiting-coordination"), StringComparison.Ordinal);
        Assert.Contains("Meldt av PST", Section(before, "awaiting-coordination"), StringComparison.Ordinal);
        Assert.DoesNotContain(caseNumber, Section(before, "flagged-cases"), StringComparison.Ordinal);
        Assert.DoesNotContain(caseNumber, Section(after, "awaiting-coordination"), StringComparison.Ordinal);
        Assert.Contains(caseNumber, Section(after, "flagged-cases"), StringComparison.Ordinal);
        Assert.Contains(caseNumber, Section(after, "coordination-tasks"), StringComparison.Ordinal);
        Assert.Contains("01.03.2099", Section(after, "coordination-tasks"), StringComparison.Ordinal);
        Assert.DoesNotContain("Avtale møte med PST", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Officers_and_Leads_get_no_coordination_sections_on_their_start_page()
    {
        foreach (var staffId in new[] { DemoUsers.OsloOfficer, "leder-oslo" })
        {
            var page = await StartPageAsync(staffId);

            Assert.DoesNotContain("data-testid=\"flagged-cases\"", page, StringComparison.Ordinal);
            Assert.DoesNotContain("data-testid=\"awaiting-coordination\"", page, StringComparison.Ordinal);
        }
    }

    private async Task<string> StartPageAsync(string staffId)
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(staffId);
        return await client.GetStringAsync("/", Token);
    }

    /// <summary>The HTML of the page's section with the test id.</summary>
    private static string Section(string page, string testId) =>
        SectionPattern().Matches(page).Single(match => match.Groups["id"].Value == testId).Value;

    [GeneratedRegex("<section[^>]*data-testid=\"(?<id>[^\"]+)\"[^>]*>.*?</section>", RegexOptions.Singleline)]
    private static partial Regex SectionPattern();
}
