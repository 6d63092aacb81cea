using System.Diagnostics;
using System.Net;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>/saker as an officer's browser reads it: the search in Norwegian format, its form errors, and its queries.</summary>
public sealed class CaseListPageTests(SharedHost shared)
{
    private const string DateError = "Skriv fødselsdatoen som dd.mm.åååå, for eksempel 14.03.2011.";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_birth_date_in_Norwegian_format_finds_the_youth_born_that_day()
    {
        var cases = await CaseListTests.FourCases.OfAsync(shared.Host);
        using var client = await SignedInAsync();

        var page = await PageAsync(client, $"/saker?sok={cases.Tag}&fodt={cases.OverdueBirthDate:dd.MM.yyyy}");

        Assert.Contains($"Ingeborg {cases.FamilyName}", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"Nora {cases.FamilyName}", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_shows_unit_and_officer_names_and_the_counts_per_step()
    {
        var cases = await CaseListTests.FourCases.OfAsync(shared.Host);
        using var client = await SignedInAsync();

        var page = await PageAsync(client, $"/saker?sok={cases.Tag}");

        Assert.Contains("Forebyggende seksjon sentrum", page, StringComparison.Ordinal);
        Assert.DoesNotContain(">OSLO-SENTRUM<", page, StringComparison.Ordinal);
        Assert.Contains("Jonas Berg", page, StringComparison.Ordinal);
        Assert.Contains("Alle steg (4)", page, StringComparison.Ordinal);
        Assert.Contains("Klar til innkalling (2)", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fodt=31.02.2011", DateError)]
    [InlineData("fodt=2011-03-14", DateError)]
    [InlineData("fodt=14.03.1850", DateError)]
    [InlineData("steg=Nowhere", "Velg et steg fra listen.")]
    [InlineData("spor=fast", "Velg et spor fra listen.")]
    [InlineData("kilde=rumour", "Velg en kilde fra listen.")]
    [InlineData("frist=yesterday", "Velg en frist fra listen.")]
    [InlineData("sorter=random", "Velg en sortering fra listen.")]
    [InlineData("sorter=step&fra=100000", "Listen kan blas 1000 saker dypt i denne sorteringen. Snevre inn med filtrene.")]
    [InlineData("sok=BS-99999999999999999999999", "Det finnes ingen sak med et så stort saksnummer.")]
    [InlineData("sok=x", "Søk med et saksnummer (som BS-123) eller med navnet til ungdommen: opptil 4 ord på minst 2 bokstaver.")]
    public async Task A_filter_that_cannot_be_read_is_a_Norwegian_form_error_and_lists_nothing(string query, string message)
    {
        using var client = await SignedInAsync();

        var page = await PageAsync(client, $"/saker?{query}");

        Assert.Contains("data-testid=\"error-summary\"", page, StringComparison.Ordinal);
        Assert.Contains(message, page, StringComparison.Ordinal);
        Assert.DoesNotContain("data-testid=\"cases\"", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cursor_that_is_no_number_shows_the_first_page()
    {
        var cases = await CaseListTests.FourCases.OfAsync(shared.Host);
        using var client = await SignedInAsync();

        var page = await PageAsync(client, $"/saker?sok={cases.Tag}&etter=abc&fra=xyz");

        Assert.Contains($"Ingeborg {cases.FamilyName}", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("sok={0}")]
    [InlineData("sok=Ingeborg+{0}&steg=ReadyToInvite&kilde=school&spor=voluntary&frist=week&betjent=betjent-oslo")]
    [InlineData("sorter=nextDue")]
    [InlineData("sorter=step&fra=50")]
    public async Task The_page_reads_the_database_in_at_most_five_queries(string query)
    {
        var cases = await CaseListTests.FourCases.OfAsync(shared.Host);
        using var client = await SignedInAsync();
        var trace = ActivityTraceId.CreateRandom();
        var commands = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == trace && activity.GetTagItem("db.query.text") is not null)
                {
                    lock (commands)
                    {
                        commands.Add(activity.DisplayName);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/saker?" + string.Format(System.Globalization.CultureInfo.InvariantCulture, query, cases.Tag));
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");

        using var response = await client.SendAsync(request, Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        lock (commands)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"{commands.Count} queries: {string.Join(", ", commands)}");
            Assert.True(commands.Count is > 0 and <= 5, $"{commands.Count} queries: {string.Join(", ", commands)}");
        }
    }

    private async Task<HttpClient> SignedInAsync()
    {
        var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);
        return client;
    }

    private static async Task<string> PageAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path, Token);
        var body = await response.Content.ReadAsStringAsync(Token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return body;
    }
}
