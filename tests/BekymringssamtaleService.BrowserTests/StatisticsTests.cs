using System.Text;
using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

public sealed class StatisticsTests(BrowserSession browser)
{
    [Fact]
    public async Task A_Lead_reads_a_units_statistics_as_charts_and_tables_with_small_counts_hidden_and_downloads_the_same_numbers()
    {
        var lead = await browser.OpenPageAsync("leder-oslo");
        await lead.GotoAsync("/");
        await lead.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Statistikk" }).ClickAsync();
        await lead.GetByLabel("Enhet", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Forebyggende seksjon øst" });
        await lead.GetByRole(AriaRole.Button, new() { Name = "Vis statistikk" }).ClickAsync();

        // The demo data has one case in the unit this month: every count of it is under 5.
        var months = lead.GetByRole(AriaRole.Table, new() { Name = "Saker registrert i enheten per måned" });
        await Assertions.Expect(months.Locator("tfoot td")).ToHaveTextAsync("<5");
        await Assertions.Expect(lead.GetByText("Tall under 5 vises som «<5»", new() { Exact = false })).ToBeVisibleAsync();
        var charts = lead.Locator("canvas[data-chart-for]");
        Assert.Equal(5, await charts.CountAsync());
        Assert.True(await lead.EvaluateAsync<bool>("() => [...document.querySelectorAll('canvas[data-chart-for]')].every(canvas => Chart.getChart(canvas) !== undefined)"));
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(lead, "statistikk"));

        var download = await lead.RunAndWaitForDownloadAsync(() => lead.GetByTestId("export").ClickAsync());
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8, TestContext.Current.CancellationToken);
        var monthRows = await months.Locator("tbody tr").AllAsync();
        foreach (var row in monthRows)
        {
            var label = (await row.Locator("th").TextContentAsync())!.Trim();
            var value = (await row.Locator("td").TextContentAsync())!.Trim();
            Assert.Contains($"Saker opprettet per måned;{label};{value}", csv, StringComparison.Ordinal);
        }

        Assert.Contains("Saker opprettet per måned;I alt;<5", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Saker opprettet per måned;I alt;1", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_month_shows_a_Norwegian_error_and_the_form_has_no_accessibility_violations()
    {
        var lead = await browser.OpenPageAsync("leder-oslo");
        await lead.GotoAsync("/statistikk?fra=2026-05&til=2026-01");

        await Assertions.Expect(lead.GetByTestId("error-summary")).ToContainTextAsync("Til og med måned kan ikke være før fra måned.");
        Assert.Empty(await Accessibility.ViolationsAtEveryWidthAsync(lead, "statistikk-feil"));
    }

    [Fact]
    public async Task An_officer_has_no_statistics_link_and_is_refused_the_page()
    {
        var officer = await browser.OpenPageAsync(DemoUsers.OsloOfficer);
        await officer.GotoAsync("/");
        await Assertions.Expect(officer.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Statistikk" })).ToHaveCountAsync(0);

        var response = await officer.GotoAsync("/statistikk");

        Assert.Equal(404, response!.Status);
    }
}
