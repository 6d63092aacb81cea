using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Cases;

public sealed class CaseRegistrationTests(SharedHost shared)
{
    private static DateOnly Today => OsloTime.Today(TimeProvider.System.GetUtcNow());

    [Fact]
    public async Task A_valid_registration_answers_201_and_the_case_shows_its_number_state_and_permitted_actions()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();

        using var response = await api.TryRegisterAsync(request);
        var created = await CaseApi.ReadAsync<StepAnswer>(response, HttpStatusCode.Created);

        Assert.Equal("Registered", created.State);
        Assert.Equal($"/api/v1/cases/{created.Id}", response.Headers.Location?.OriginalString);
        var shown = await api.GetAsync(created.Id);
        Assert.Matches("^BS-[0-9]+$", shown.CaseNumber);
        Assert.Equal(CaseRequests.Unit, shown.UnitCode);
        Assert.Equal("Registered", shown.State);
        Assert.Equal("Registrert", shown.StateTitle);
        Assert.Null(shown.Track);
        Assert.Contains("choose-track", shown.Actions);
        Assert.Contains("pause", shown.Actions);
        Assert.Contains("cancel-case", shown.Actions);
        Assert.DoesNotContain("invite", shown.Actions);
        Assert.Contains(await api.ListAllAsync(), listed => listed.Id == created.Id && listed.CaseNumber == shown.CaseNumber);
    }

    [Fact]
    public async Task A_national_ID_number_with_a_wrong_check_digit_is_refused()
    {
        var request = CaseRequests.Registration();
        request["youth"]!["nationalIdNumber"] = NationalIds.WithWrongCheckDigit(BirthDate(request));

        await AssertRefusedAsync(request, "youth.nationalIdNumber", "Fødselsnummeret er ikke gyldig (kontrollsifrene stemmer ikke).");
    }

    [Fact]
    public async Task A_national_ID_number_for_another_birth_date_is_refused()
    {
        var request = CaseRequests.Registration();
        request["youth"]!["nationalIdNumber"] = NationalIds.For(BirthDate(request).AddDays(-1));

        await AssertRefusedAsync(request, "youth.nationalIdNumber", "Fødselsnummeret passer ikke med fødselsdatoen.");
    }

    [Fact]
    public async Task A_youth_who_turns_18_today_is_refused_with_the_reason()
    {
        var request = CaseRequests.Registration();
        var eighteenToday = Today.AddYears(-18);
        request["youth"]!["birthDate"] = eighteenToday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        request["youth"]!["nationalIdNumber"] = NationalIds.For(eighteenToday);

        await AssertRefusedAsync(
            request, "youth.birthDate", "Ungdommen er 18 år eller eldre. Bekymringssamtale etter politiloven § 13 gjelder bare barn under 18 år.");
    }

    [Fact]
    public async Task A_youth_one_day_short_of_18_is_registered()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();
        var seventeen = Today.AddYears(-18).AddDays(1);
        request["youth"]!["birthDate"] = seventeen.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        request["youth"]!["nationalIdNumber"] = NationalIds.For(seventeen);

        var id = await api.RegisterAsync(request);

        Assert.Equal("Registered", (await api.GetAsync(id)).State);
    }

    [Fact]
    public async Task Without_a_guardian_the_registration_needs_a_reason()
    {
        var request = CaseRequests.Registration();
        request["guardians"] = new JsonArray();

        await AssertRefusedAsync(request, "guardians", "Registrer minst én foresatt med foreldreansvar, eller skriv hvorfor ingen skal få brev.");
    }

    [Fact]
    public async Task Without_a_guardian_but_with_a_reason_the_case_is_registered()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();
        request["guardians"] = new JsonArray();
        request["noGuardianReason"] = "Oppnevnt representant får brevene.";

        var id = await api.RegisterAsync(request);

        Assert.Equal("Registered", (await api.GetAsync(id)).State);
    }

    [Fact]
    public async Task A_guardian_e_mail_address_that_is_not_valid_is_refused_on_that_guardian()
    {
        var request = CaseRequests.Registration();
        request["guardians"]!.AsArray().Add(CaseRequests.Guardian("Ola Testesen", "ola.testesen(at)example", "nb"));

        await AssertRefusedAsync(request, "guardians[1].email", "E-postadressen er ikke gyldig.");
    }

    [Fact]
    public async Task A_letter_language_other_than_bokmal_nynorsk_or_English_is_refused()
    {
        var request = CaseRequests.Registration();
        request["guardians"]![0]!["language"] = "de";

        await AssertRefusedAsync(request, "guardians[0].language", "Verdien har feil format eller type.");
    }

    [Fact]
    public async Task A_concern_text_longer_than_4000_characters_is_refused()
    {
        var request = CaseRequests.Registration();
        request["concernText"] = new string('x', 4001);

        await AssertRefusedAsync(request, "concernText", "Teksten kan være høyst 4000 tegn.");
    }

    [Fact]
    public async Task An_unknown_JSON_field_is_refused_by_its_path()
    {
        var request = CaseRequests.Registration();
        request["youth"]!["shoeSize"] = 42;

        await AssertRefusedAsync(request, "youth.shoeSize", "Feltet er ukjent.");
    }

    [Theory]
    [InlineData("youth")]
    [InlineData("guardians")]
    public async Task Null_in_place_of_a_required_part_of_the_registration_is_a_field_error(string field)
    {
        var request = CaseRequests.Registration();
        var familyName = FamilyName(request);
        request[field] = null;

        await AssertRefusedAsync(request, field, "Verdien har feil format eller type.", familyName);
    }

    [Fact]
    public async Task Null_in_place_of_a_guardian_in_the_list_is_a_field_error_on_that_item()
    {
        var request = CaseRequests.Registration();
        var familyName = FamilyName(request);
        request["guardians"]!.AsArray().Add(null);

        await AssertRefusedAsync(request, "guardians[1]", "En liste kan ikke ha tomme (null) elementer.", familyName);
    }

    [Theory]
    [InlineData("leder-oslo")]
    [InlineData("forebyggingskontakt-oslo")]
    [InlineData(DemoUsers.Administrator)]
    [InlineData("betjent-vest")]
    public async Task Only_an_officer_of_the_unit_may_register_a_case_there(string staffId)
    {
        using var api = new CaseApi(shared.Host, staffId);
        var request = CaseRequests.Registration();

        using var response = await api.TryRegisterAsync(request);

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Equal("Du kan bare registrere saker i egne enheter, og bare som forebygger.", problem.Detail);
        await AssertNotSavedAsync(FamilyName(request));
    }

    [Theory]
    [InlineData("leder-oslo", HttpStatusCode.OK)]
    [InlineData("forebyggingskontakt-oslo", HttpStatusCode.OK)]
    [InlineData(DemoUsers.Administrator, HttpStatusCode.NotFound)]
    [InlineData("revisor", HttpStatusCode.NotFound)]
    [InlineData("betjent-vest", HttpStatusCode.NotFound)]
    public async Task A_case_is_shown_to_the_casework_roles_of_its_unit_and_does_not_exist_for_anyone_else(string staffId, HttpStatusCode expected)
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        using var api = new CaseApi(shared.Host, staffId);

        using var response = await api.GetResponseAsync($"/api/v1/cases/{id}");

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK)
        {
            Assert.Equal(id, (await CaseApi.ReadAsync<CaseView>(response, HttpStatusCode.OK)).Id);
        }
        else
        {
            var problem = await CaseApi.ProblemAsync(response, expected);
            Assert.DoesNotContain(id.ToString(), problem.Detail ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData(DemoUsers.Administrator)]
    [InlineData("revisor")]
    public async Task Roles_that_read_no_case_content_are_refused_the_case_list(string staffId)
    {
        using var api = new CaseApi(shared.Host, staffId);

        using var response = await api.GetResponseAsync("/api/v1/cases");

        Assert.Equal("Rollen din gir ikke tilgang til saker.", (await CaseApi.ProblemAsync(response, HttpStatusCode.Forbidden)).Detail);
    }

    [Fact]
    public async Task An_officer_of_another_unit_does_not_see_the_case_in_the_list()
    {
        using var officer = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await officer.RegisterAsync();
        using var outsider = new CaseApi(shared.Host, "betjent-vest");

        var listed = await outsider.ListAllAsync();

        Assert.DoesNotContain(listed, summary => summary.Id == id);
        Assert.NotEmpty(listed); // the demo case of VEST-BERGEN
    }

    private static DateOnly BirthDate(JsonObject request) =>
        DateOnly.ParseExact(request["youth"]!["birthDate"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string FamilyName(JsonObject request) => request["youth"]!["familyName"].AsText();

    private async Task AssertRefusedAsync(JsonObject request, string field, string message, string? familyName = null)
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        using var response = await api.TryRegisterAsync(request);

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains(message, problem.For(field));
        Assert.Single(problem.Errors!);
        await AssertNotSavedAsync(familyName ?? FamilyName(request));
    }

    private async Task AssertNotSavedAsync(string familyName)
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        var listed = await api.ListAllAsync();

        Assert.DoesNotContain(listed, summary => summary.YouthName.Contains(familyName, StringComparison.Ordinal));
    }
}
