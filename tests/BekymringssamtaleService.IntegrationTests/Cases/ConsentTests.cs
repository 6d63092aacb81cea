using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>
/// Consent records per case, by API and on the case's pages: a measure or an extra participant that needs consent goes
/// ahead only on a valid one, a withdrawal stops what rested on it and gives the officers a task, and the duty to inform
/// child welfare stands in for consent. The tests that agree measures hold the conversation on a clock they move.
/// </summary>
public sealed class ConsentTests(ClockedHost fixture) : IClassFixture<ClockedHost>
{
    [Fact]
    public async Task A_measure_needing_consent_is_refused_naming_the_guardian_without_it_and_agreed_once_the_guardian_has_consented()
    {
        using var api = Api();
        var id = await fixture.MappedCaseAsync(api, CaseRequests.Registration());
        var guardian = (await api.GetAsync(id)).Guardians.Single();

        using (var refused = await api.TryStepAsync(id, "agree-measures", Measures("MENTOR")))
        {
            var problem = await CaseApi.ProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal([$"Mentor krever samtykke. Mangler samtykke til deling med mentor fra {guardian.Name} (foresatt)."], problem.For("measures[0].code"));
        }

        Assert.Equal("Mapped", (await api.GetAsync(id)).State);
        await api.RecordConsentAsync(id, $"guardian-{guardian.Id}", "mentor", Day(0));

        Assert.Equal("MeasuresAgreed", await api.StepAsync(id, "agree-measures", Measures("MENTOR")));
        var agreed = Assert.Single((await api.GetAsync(id)).Measures);
        Assert.Equal(("MENTOR", "mentor", "planned"), (agreed.Code, agreed.ConsentSharing, agreed.Status));
        var consented = Assert.Single(await api.TimelineAsync(id), item => item.Title == "Samtykke registrert");
        Assert.Contains(new TimelineDetailEntry("sharing", "Samtykket gjelder deling med", "Mentor"), consented.Details);
    }

    [Fact]
    public async Task A_youth_who_has_turned_15_must_consent_as_well_as_the_guardians()
    {
        using var api = Api();
        var registration = CaseRequests.Registration();
        var birthDate = OsloTime.Today(fixture.Clock.GetUtcNow()).AddYears(-16);
        registration["youth"]!["birthDate"] = birthDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        registration["youth"]!["nationalIdNumber"] = NationalIds.For(birthDate);
        var id = await fixture.MappedCaseAsync(api, registration);
        await api.ConsentAsync(id, "mentor", Day(0));

        using (var refused = await api.TryStepAsync(id, "agree-measures", Measures("MENTOR")))
        {
            var problem = await CaseApi.ProblemAsync(refused, HttpStatusCode.BadRequest);
            var youth = (await api.GetAsync(id)).Youth.FullName;
            Assert.Equal([$"Mentor krever samtykke. Mangler samtykke til deling med mentor fra {youth} (ungdommen)."], problem.For("measures[0].code"));
        }

        Assert.Equal(["youth"], (await api.ConsentsAsync(id)).Sharing("mentor").Missing);
        await api.RecordConsentAsync(id, "youth", "mentor", Day(0));

        Assert.True((await api.ConsentsAsync(id)).Sharing("mentor").Valid);
        Assert.Equal("MeasuresAgreed", await api.StepAsync(id, "agree-measures", Measures("MENTOR")));
    }

    [Fact]
    public async Task A_withdrawn_consent_stops_the_measures_resting_on_it_and_gives_the_officers_a_task()
    {
        using var api = Api();
        var id = await fixture.MappedCaseAsync(api, CaseRequests.Registration());
        var guardian = (await api.GetAsync(id)).Guardians.Single();
        var consentId = await api.RecordConsentAsync(id, $"guardian-{guardian.Id}", "mentor", Day(0));
        await api.StepAsync(id, "agree-measures", Measures("MENTOR", "LEARNING_ENVIRONMENT"));

        using (var withdrawn = await api.PostAsync($"/api/v1/cases/{id}/consents/{consentId}/withdraw", new { withdrawnOn = Day(0) }))
        {
            Assert.Equal("MeasuresAgreed", (await CaseApi.ReadAsync<StepAnswer>(withdrawn, HttpStatusCode.OK)).State);
        }

        var after = await api.GetAsync(id);
        Assert.Equal(
            [("LEARNING_ENVIRONMENT", "planned"), ("MENTOR", "stopped")],
            after.Measures.Select(m => (m.Code, m.Status)).Order());
        var task = Assert.Single(after.OpenTasks, t => t.Title == "Samtykke trukket tilbake – følg opp tiltak og deltakere");
        Assert.Equal("Officer", task.CandidateRole);
        var consent = Assert.Single((await api.ConsentsAsync(id)).Records);
        Assert.Equal((OsloTime.Today(fixture.Clock.GetUtcNow()), DemoUsers.OsloOfficer), (consent.WithdrawnOn, consent.WithdrawnBy));
        Assert.False((await api.ConsentsAsync(id)).Sharing("mentor").Valid);
        var history = Assert.Single(await api.TimelineAsync(id), item => item.Title == "Samtykke trukket tilbake");
        Assert.Contains(new TimelineDetailEntry("stoppedMeasures", "Tiltak stoppet", "Mentor"), history.Details);

        using var twice = await api.PostAsync($"/api/v1/cases/{id}/consents/{consentId}/withdraw", new { withdrawnOn = Day(0) });
        Assert.Contains("allerede trukket tilbake", (await CaseApi.ProblemAsync(twice, HttpStatusCode.Conflict)).Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_referral_to_child_welfare_goes_ahead_without_consent_once_the_duty_to_inform_is_recorded_with_its_legal_ground()
    {
        using var api = Api();
        var id = await fixture.MappedCaseAsync(api, CaseRequests.Registration());
        using (var refused = await api.TryStepAsync(id, "agree-measures", Measures("CHILD_WELFARE_REFERRAL")))
        {
            Assert.Contains("Mangler samtykke til deling med barnevernet", Assert.Single((await CaseApi.ProblemAsync(refused, HttpStatusCode.BadRequest)).For("measures[0].code")), StringComparison.Ordinal);
        }

        Guid dutyId;
        using (var recorded = await api.PostAsync($"/api/v1/cases/{id}/consents/duty-to-inform", new { legalGround = "ownInitiative", decidedOn = Day(0) }))
        {
            dutyId = (await CaseApi.ReadAsync<ConsentRecordedAnswer>(recorded, HttpStatusCode.Created)).Id;
        }

        Assert.Equal("MeasuresAgreed", await api.StepAsync(id, "agree-measures", Measures("CHILD_WELFARE_REFERRAL")));
        var duty = Assert.Single((await api.ConsentsAsync(id)).Records);
        Assert.Equal(("dutyToInform", null, "childWelfare", "ownInitiative"), (duty.Kind, duty.Person, duty.Sharing, duty.LegalGround));
        Assert.Equal("Opplysningsplikt – barnevernloven § 13-2 første ledd (av eget tiltak)", duty.Title);
        using var withdraw = await api.PostAsync($"/api/v1/cases/{id}/consents/{dutyId}/withdraw", new { withdrawnOn = Day(0) });
        Assert.Equal(HttpStatusCode.Conflict, withdraw.StatusCode);
    }

    [Fact]
    public async Task Child_welfare_takes_part_in_the_conversation_without_consent_on_a_recorded_duty_to_inform()
    {
        using var api = Api();
        var id = await api.RegisterAsync();
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        var invitation = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(CaseRequests.Invitation(fixture.NextSlot()), System.Text.Json.JsonSerializerOptions.Web))!.AsObject();
        invitation["extraParticipants"] = new JsonArray(new JsonObject { ["name"] = "Berit Barnevern", ["organisation"] = "Barnevernstjenesten i bydelen", ["sharing"] = "childWelfare" });
        using (var refused = await api.PostAsync($"/api/v1/cases/{id}/invite", invitation))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        await api.PostAsync($"/api/v1/cases/{id}/consents/duty-to-inform", new { legalGround = "orderFromChildWelfare", decidedOn = Day(0) });

        Assert.Equal("Invited", await api.StepAsync(id, "invite", invitation));
    }

    [Fact]
    public async Task Bad_consent_requests_are_refused_by_field_and_nothing_is_saved()
    {
        using var api = Api();
        var id = await api.RegisterAsync();
        var other = await api.RegisterAsync();
        var othersConsent = await api.RecordConsentAsync(other, "youth", "school", Day(0));

        var unknownPerson = await ProblemAsync(api, $"/api/v1/cases/{id}/consents", new { person = $"guardian-{(await api.GetAsync(other)).Guardians.Single().Id}", sharing = "school", givenOn = Day(0) }, HttpStatusCode.BadRequest);
        Assert.Equal(["Personen er ikke foresatt i denne saken. Velg ungdommen eller en av sakens foresatte."], unknownPerson.For("person"));
        var unknownSharing = await ProblemAsync(api, $"/api/v1/cases/{id}/consents", new { person = "youth", sharing = "neighbours", givenOn = Day(0) }, HttpStatusCode.BadRequest);
        Assert.NotEmpty(unknownSharing.For("sharing"));
        var future = await ProblemAsync(api, $"/api/v1/cases/{id}/consents", new { person = "youth", sharing = "school", givenOn = Day(1) }, HttpStatusCode.BadRequest);
        Assert.Equal(["Datoen kan ikke være fram i tid."], future.For("givenOn"));
        var othersId = await ProblemAsync(api, $"/api/v1/cases/{id}/consents/{othersConsent}/withdraw", new { withdrawnOn = Day(0) }, HttpStatusCode.NotFound);
        Assert.Equal("Fant ikke samtykket", othersId.Title);
        var futureWithdrawal = await ProblemAsync(api, $"/api/v1/cases/{other}/consents/{othersConsent}/withdraw", new { withdrawnOn = Day(1) }, HttpStatusCode.BadRequest);
        Assert.Equal(["Datoen kan ikke være fram i tid."], futureWithdrawal.For("withdrawnOn"));

        Assert.Empty((await api.ConsentsAsync(id)).Records);
        Assert.Null(Assert.Single((await api.ConsentsAsync(other)).Records).WithdrawnOn);
        Assert.DoesNotContain(await api.TimelineAsync(id), item => item.Title == "Samtykke registrert");
    }

    [Fact]
    public async Task Another_units_case_answers_404_on_every_consent_route()
    {
        using var owner = Api();
        var id = await owner.RegisterAsync();
        var consentId = await owner.RecordConsentAsync(id, "youth", "school", Day(0));
        using var outsider = new CaseApi(fixture.Host, "betjent-vest");

        using (var list = await outsider.GetResponseAsync($"/api/v1/cases/{id}/consents"))
        {
            Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        }

        await ProblemAsync(outsider, $"/api/v1/cases/{id}/consents", new { person = "youth", sharing = "school", givenOn = Day(0) }, HttpStatusCode.NotFound);
        await ProblemAsync(outsider, $"/api/v1/cases/{id}/consents/{consentId}/withdraw", new { withdrawnOn = Day(0) }, HttpStatusCode.NotFound);
        Assert.Null(Assert.Single((await owner.ConsentsAsync(id)).Records).WithdrawnOn);
    }

    [Fact]
    public async Task On_the_case_pages_an_officer_records_a_consent_sees_it_on_the_case_and_a_future_date_saves_nothing()
    {
        using var api = Api();
        var id = await api.RegisterAsync();
        var guardian = (await api.GetAsync(id)).Guardians.Single();
        using var client = fixture.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);
        var form = new Dictionary<string, string> { ["person"] = $"guardian-{guardian.Id}", ["sharing"] = "school", ["givenOn"] = Day(3) };

        using (var refused = await client.SubmitAsync($"/saker/{id}/record-consent", form))
        {
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("Datoen kan ikke være fram i tid.", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        Assert.Empty((await api.ConsentsAsync(id)).Records);
        form["givenOn"] = Day(0);
        using (var recorded = await client.SubmitAsync($"/saker/{id}/record-consent", form))
        {
            Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        }

        var casePage = await client.GetStringAsync($"/saker/{id}", TestContext.Current.CancellationToken);
        Assert.Contains($"{guardian.Name} (foresatt): samtykke til deling med skolen", casePage, StringComparison.Ordinal);
        Assert.Contains("Skole: Ja", casePage, StringComparison.Ordinal);
    }

    private CaseApi Api() => new(fixture.Host, DemoUsers.OsloOfficer);

    private object Measures(params string[] codes) => new
    {
        measures = codes.Select(code => new { code, responsible = "Bydelen", startsOn = Day(7), dueOn = Day(90) }).ToArray(),
        dutyToInform = false,
    };

    private static async Task<Problem> ProblemAsync(CaseApi api, string path, object body, HttpStatusCode expected)
    {
        using var response = await api.PostAsync(path, body);
        return await CaseApi.ProblemAsync(response, expected);
    }

    private string Day(int daysAhead) =>
        OsloTime.Today(fixture.Clock.GetUtcNow()).AddDays(daysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
