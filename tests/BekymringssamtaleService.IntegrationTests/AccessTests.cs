using System.Net;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests;

public sealed class AccessTests(SharedHost shared)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/drift")]
    [InlineData("/hangfire")]
    [InlineData("/arbeidsflyt")]
    [InlineData("/hendelser")]
    public async Task An_anonymous_visitor_is_sent_to_the_login_page(string path)
    {
        using var client = shared.Host.CreateHttpClient();

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/logg-inn", response.Headers.Location!.AbsolutePath);
    }

    [Theory]
    [InlineData("/drift")]
    [InlineData("/hangfire")]
    [InlineData("/arbeidsflyt")]
    [InlineData("/hendelser")]
    public async Task An_officer_is_refused_the_administrators_pages_with_a_Norwegian_explanation(string path)
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);

        using var response = await client.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Ingen tilgang", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_sees_the_job_dashboard()
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.Administrator);

        using var response = await client.GetAsync("/hangfire", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Jobber", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_sees_each_published_workflow_version_and_its_diagram()
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.Administrator);

        var page = await client.GetStringAsync("/arbeidsflyt", TestContext.Current.CancellationToken);

        Assert.Contains("<td>bekymringssamtale</td>", page, StringComparison.Ordinal);
        Assert.Contains("stateDiagram-v2", page, StringComparison.Ordinal);
        Assert.Contains("Registered --&gt; ReadyToInvite : Velg frivillig innkalling", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_page_answers_404_with_a_Norwegian_page()
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);

        using var response = await client.GetAsync("/finnes-ikke", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Fant ikke siden", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
