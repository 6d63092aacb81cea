using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>
/// The case list (GET /api/v1/cases, and /saker in <see cref="CaseListPageTests"/>): search, filters, sorts and counts
/// per step. Every test reads the same four cases of its own (<see cref="FourCases"/>), found by their family name.
/// </summary>
public sealed class CaseListTests(SharedHost shared)
{
    private const string OtherOfficer = "betjent-oslo-2";

    [Fact]
    public async Task A_name_search_finds_the_youth_by_the_beginning_of_any_word_of_the_given_or_family_name_in_any_case()
    {
        var cases = await CasesAsync();
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        var byFamilyName = await ListAsync(api, $"q={cases.Tag.ToUpperInvariant()[..6]}");
        var byBothNames = await ListAsync(api, $"q=iNGEb+{cases.Tag[..6]}");
        var byTheMiddleOfAWord = await ListAsync(api, $"q={cases.Tag[2..]}");

        Assert.Equal(cases.All, byFamilyName.Items.Select(item => item.Id).Order());
        Assert.Equal([cases.Overdue], byBothNames.Items.Select(item => item.Id));
        Assert.Equal($"Ingeborg {cases.FamilyName}", byBothNames.Items.Single().YouthName);
        Assert.Empty(byTheMiddleOfAWord.Items);
    }

    [Fact]
    public async Task A_name_search_finds_hyphenated_names_and_Norwegian_letters_in_any_case()
    {
        var tag = Guid.NewGuid().ToString("N")[..10];
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var registration = CaseRequests.Registration();
        registration["youth"]!["givenName"] = "Åse-Marie";
        registration["youth"]!["familyName"] = $"Ødegård-{tag}";
        var id = await api.RegisterAsync(registration);

        var byTheSecondGivenName = await ListAsync(api, $"q=marie+{tag}");
        var inCapitals = await ListAsync(api, "q=" + Uri.EscapeDataString($"ÅSE ØDEG {tag.ToUpperInvariant()}"));

        Assert.Equal([id], byTheSecondGivenName.Items.Select(item => item.Id));
        Assert.Equal([id], inCapitals.Items.Select(item => item.Id));
        Assert.Equal(["Registered"], inCapitals.StepCounts.Select(count => count.State));
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("{1}")]
    [InlineData("bs{1}")]
    [InlineData("BS-{1}")]
    public async Task A_case_number_search_finds_that_case_with_or_without_its_prefix(string format)
    {
        var cases = await CasesAsync();
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var number = (await api.GetAsync(cases.Registered)).CaseNumber;

        var found = await ListAsync(api, "q=" + Uri.EscapeDataString(string.Format(CultureInfo.InvariantCulture, format, number, number["BS-".Length..])));

        Assert.Equal([cases.Registered], found.Items.Select(item => item.Id));
    }

    [Fact]
    public async Task A_birth_date_search_finds_the_youths_born_that_day()
    {
        var cases = await CasesAsync();
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        var found = await ListAsync(api, $"q={cases.Tag}&birthDate={cases.OverdueBirthDate:yyyy-MM-dd}");

        Assert.Equal([cases.Overdue], found.Items.Select(item => item.Id));
    }

    [Theory]
    [InlineData("state=Registered", "Registered")]
    [InlineData("state=ReadyToInvite", "Overdue,Later")]
    [InlineData("track=voluntary", "Overdue,Invited,Later")]
    [InlineData("track=attendanceOrder", "")]
    [InlineData("source=patrol", "Registered")]
    [InlineData("source=school", "Overdue,Later")]
    [InlineData("officer=" + OtherOfficer, "Registered,Invited")]
    [InlineData("due=overdue", "Overdue")]
    [InlineData("due=week", "Overdue")]
    [InlineData("unit=OSLO-SENTRUM", "Overdue,Registered,Invited,Later")]
    [InlineData("unit=OSLO-OST", "")]
    public async Task Each_filter_keeps_only_the_cases_that_match_it(string filter, string expected)
    {
        var cases = await CasesAsync();
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        var found = await ListAsync(api, $"q={cases.Tag}&{filter}");

        Assert.Equal(cases.Named(expected).Order(), found.Items.Select(item => item.Id).Order());
    }

    [Theory]
    [InlineData("", "Later,Invited,Registered,Overdue")]
    [InlineData("sort=newest", "Later,Invited,Registered,Overdue")]
    [InlineData("sort=oldest", "Overdue,Registered,Invited,Later")]
    [InlineData("sort=nextDue", "Overdue,Later,Invited,Registered")]
    [InlineData("sort=step", "Registered,Later,Overdue,Invited")]
    public async Task The_cases_are_sorted_as_asked(string sort, string expected)
    {
        var cases = await CasesAsync();
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        var found = await ListAsync(api, $"q={cases.Tag}&{sort}");

        Assert.Equal(cases.Named(expected), found.Items.Select(item => item.Id));
    }

    [Fact]
    public async Task The_pages_of_a_sort_follow_on_without_gaps_or_repeats()
    {
        var cases = await CasesAsync();
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        var first = await ListAsync(api, $"q={cases.Tag}&limit=3");
        var second = await ListAsync(api, $"q={cases.Tag}&limit=3&after={first.NextCursor}");
        var firstByStep = await ListAsync(api, $"q={cases.Tag}&limit=3&sort=step");
        var secondByStep = await ListAsync(api, $"q={cases.Tag}&limit=3&sort=step&offset={firstByStep.NextOffset}");

        Assert.Equal(cases.Named("Later,Invited,Registered,Overdue"), first.Items.Concat(second.Items).Select(item => item.Id));
        Assert.Null(second.NextCursor);
        Assert.Equal(cases.Named("Registered,Later,Overdue,Invited"), firstByStep.Items.Concat(secondByStep.Items).Select(item => item.Id));
        Assert.Null(secondByStep.NextOffset);
    }

    [Fact]
    public async Task The_counts_per_step_count_the_whole_filter_whatever_its_step()
    {
        var cases = await CasesAsync();
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        var counts = (await ListAsync(api, $"q={cases.Tag}&state=Invited")).StepCounts;

        Assert.Equal([("Registered", "Registrert", 1), ("ReadyToInvite", "Klar til innkalling", 2), ("Invited", "Innkalt", 1)], counts.Select(c => (c.State, c.StateTitle, c.Count)));
    }

    [Fact]
    public async Task The_list_names_the_unit_and_the_responsible_officer()
    {
        var cases = await CasesAsync();
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        var registered = (await ListAsync(api, $"q={cases.Tag}&state=Registered")).Items.Single();

        Assert.Equal("Forebyggende seksjon sentrum", registered.UnitName);
        Assert.Equal(DemoUsers.Get(OtherOfficer).DisplayName, registered.ResponsibleOfficerName);
    }

    [Fact]
    public async Task A_unit_the_user_is_not_in_as_a_filter_lists_nothing_from_that_unit()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        using var outsider = new CaseApi(shared.Host, "betjent-vest");

        var asOfficer = await ListAsync(officer, "unit=VEST-BERGEN");
        var asOfficerOfThatUnit = await ListAsync(outsider, "unit=VEST-BERGEN");

        Assert.Empty(asOfficer.Items);
        Assert.Empty(asOfficer.StepCounts);
        Assert.NotEmpty(asOfficerOfThatUnit.Items); // the demo case of VEST-BERGEN
    }

    [Theory]
    [InlineData("birthDate=2011-02-31", "birthDate", "Skriv fødselsdatoen som åååå-mm-dd, for eksempel 2011-03-14.")]
    [InlineData("birthDate=14.03.2011", "birthDate", "Skriv fødselsdatoen som åååå-mm-dd, for eksempel 2011-03-14.")]
    [InlineData("birthDate=0001-01-01", "birthDate", "Skriv fødselsdatoen som åååå-mm-dd, for eksempel 2011-03-14.")]
    [InlineData("state=Nowhere", "state", "Velg et steg fra listen.")]
    [InlineData("track=fast", "track", "Velg et spor fra listen.")]
    [InlineData("source=rumour", "source", "Velg en kilde fra listen.")]
    [InlineData("due=yesterday", "due", "Velg en frist fra listen.")]
    [InlineData("sort=random", "sort", "Velg en sortering fra listen.")]
    [InlineData("sort=step&offset=1000000", "offset", "Listen kan blas 1000 saker dypt i denne sorteringen. Snevre inn med filtrene.")]
    [InlineData("offset=-1", "offset", "Listen kan blas 1000 saker dypt i denne sorteringen. Snevre inn med filtrene.")]
    [InlineData("q=BS-99999999999999999999999", "q", "Det finnes ingen sak med et så stort saksnummer.")]
    [InlineData("q=a", "q", "Søk med et saksnummer (som BS-123) eller med navnet til ungdommen: opptil 4 ord på minst 2 bokstaver.")]
    [InlineData("q=en+to+tre+fire+fem", "q", "Søk med et saksnummer (som BS-123) eller med navnet til ungdommen: opptil 4 ord på minst 2 bokstaver.")]
    public async Task A_filter_that_cannot_be_read_is_a_400_naming_it_in_Norwegian(string query, string field, string message)
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        using var response = await api.GetResponseAsync($"/api/v1/cases?{query}");

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal([message], problem.Errors![field]);
    }

    [Fact]
    public async Task A_name_search_of_signs_that_mean_something_to_LIKE_finds_only_names_with_those_signs()
    {
        var cases = await CasesAsync();
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        var found = await ListAsync(api, $"q={cases.Tag}+{Uri.EscapeDataString("%_")}");

        Assert.Empty(found.Items);
    }

    private static async Task<CaseListPage> ListAsync(CaseApi api, string query)
    {
        using var response = await api.GetResponseAsync($"/api/v1/cases?{query}");
        return await CaseApi.ReadAsync<CaseListPage>(response, HttpStatusCode.OK);
    }

    private Task<FourCases> CasesAsync() => FourCases.OfAsync(shared.Host);

    /// <summary>
    /// In registration order: <see cref="Overdue"/> (Ingeborg, school, voluntary, its task a day overdue),
    /// <see cref="Registered"/> (patrol, registered by the other officer, no step taken), <see cref="Invited"/> (parents,
    /// voluntary, invited with the other officer) and <see cref="Later"/> (school, voluntary, its task due in a month).
    /// </summary>
    internal sealed record FourCases(string Tag, string FamilyName, DateOnly OverdueBirthDate, Guid Overdue, Guid Registered, Guid Invited, Guid Later)
    {
        private static readonly SemaphoreSlim Creating = new(1, 1);
        private static FourCases? _registered;

        public IEnumerable<Guid> All => new[] { Overdue, Registered, Invited, Later }.Order();

        public IReadOnlyList<Guid> Named(string names) => [.. names.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(name => name switch
        {
            nameof(Overdue) => Overdue,
            nameof(Registered) => Registered,
            nameof(Invited) => Invited,
            _ => Later,
        })];

        /// <summary>The four cases, registered once in the shared host (which keeps them) for every test that reads them.</summary>
        public static async Task<FourCases> OfAsync(ServiceHost host)
        {
            await Creating.WaitAsync(TestContext.Current.CancellationToken);
            try
            {
                return _registered ??= await RegisterAsync(host);
            }
            finally
            {
                Creating.Release();
            }
        }

        private static async Task<FourCases> RegisterAsync(ServiceHost host)
        {
            var tag = Guid.NewGuid().ToString("N")[..10];
            var familyName = $"Søkelund-{tag}";
            using var officer = new CaseApi(host, DemoUsers.OsloOfficer);
            using var other = new CaseApi(host, OtherOfficer);
            var overdueBirthDate = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddYears(-15).AddDays(-3);

            var overdue = await officer.RegisterAsync(Registration(familyName, "school", "Ingeborg", overdueBirthDate));
            await officer.StepAsync(overdue, "choose-track", new { track = "voluntary" });
            var registered = await other.RegisterAsync(Registration(familyName, "patrol"));
            var invited = await officer.OpenInvitedCaseAsync(MeetingSlots.Next(), Registration(familyName, "parents"), OtherOfficer);
            var later = await officer.RegisterAsync(Registration(familyName, "school"));
            await officer.StepAsync(later, "choose-track", new { track = "voluntary" });

            var now = TimeProvider.System.GetUtcNow();
            await SetOpenTaskDueAsync(host, overdue, now.AddDays(-1));
            await SetOpenTaskDueAsync(host, later, now.AddDays(30));
            return new FourCases(tag, familyName, overdueBirthDate, overdue, registered, invited, later);
        }

        private static JsonObject Registration(string familyName, string source, string givenName = "Nora", DateOnly? birthDate = null)
        {
            var request = CaseRequests.Registration();
            var youth = request["youth"]!.AsObject();
            youth["givenName"] = givenName;
            youth["familyName"] = familyName;
            if (birthDate is { } date)
            {
                youth["birthDate"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                youth["nationalIdNumber"] = NationalIds.For(date);
            }

            request["source"] = source;
            return request;
        }

        /// <summary>Moves the due time of the case's one open task, as if it had been made earlier or with a longer due.</summary>
        private static async Task SetOpenTaskDueAsync(ServiceHost host, Guid caseId, DateTimeOffset due)
        {
            await using var connection = new NpgsqlConnection(host.ConnectionString);
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = new NpgsqlCommand("UPDATE workflow.tasks SET due_at = $1 WHERE instance_id = $2 AND status = 'open'", connection)
            {
                Parameters = { new() { Value = due }, new() { Value = caseId } },
            };
            Assert.Equal(1, await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken));
        }
    }
}

internal sealed record ListedCase(Guid Id, string CaseNumber, string UnitCode, string UnitName, string State, string YouthName, string ResponsibleOfficerId, string? ResponsibleOfficerName, DateTimeOffset? NextDue);

internal sealed record ListedStepCount(string State, string StateTitle, int Count);

internal sealed record CaseListPage(IReadOnlyList<ListedCase> Items, long? NextCursor, int? NextOffset, IReadOnlyList<ListedStepCount> StepCounts);
