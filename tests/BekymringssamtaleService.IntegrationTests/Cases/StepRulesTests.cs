using System.Net;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>What every step shares: the state must allow it, own units only, and bookable meeting times.</summary>
public sealed class StepRulesTests(SharedHost shared)
{
    private const string SecondOfficer = "betjent-oslo-2";

    [Fact]
    public async Task A_step_the_current_state_does_not_allow_answers_409_and_changes_nothing()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();

        using var response = await api.TryStepAsync(id, "record-attendance", new { youthAttended = true });

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Ikke mulig nå", problem.Title);
        Assert.Equal("Saken står på «Registrert». Dette kan gjøres når saken står på «Innkalt».", problem.Detail);
        Assert.Equal("Registered", (await api.GetAsync(id)).State);
    }

    [Fact]
    public async Task An_officer_of_another_unit_gets_404_for_reading_and_stepping_a_case()
    {
        using var owner = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await owner.RegisterAsync();
        using var outsider = new CaseApi(shared.Host, "betjent-vest");

        using var read = await outsider.GetResponseAsync($"/api/v1/cases/{id}");
        using var timeline = await outsider.GetResponseAsync($"/api/v1/cases/{id}/timeline");
        using var letters = await outsider.GetResponseAsync($"/api/v1/cases/{id}/letters");
        using var step = await outsider.TryStepAsync(id, "choose-track", new { track = "voluntary" });

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, timeline.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, letters.StatusCode);
        Assert.Equal("Saken finnes ikke, eller du har ikke tilgang til den.", (await CaseApi.ProblemAsync(step, HttpStatusCode.NotFound)).Detail);
        Assert.Equal("Registered", (await owner.GetAsync(id)).State);
    }

    [Fact]
    public async Task An_unknown_case_answers_404()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);

        using var response = await api.TryStepAsync(Guid.NewGuid(), "pause", new { reason = "Venter på skolen." });

        Assert.Equal("Fant ikke saken", (await CaseApi.ProblemAsync(response, HttpStatusCode.NotFound)).Title);
    }

    [Fact]
    public async Task An_officer_cannot_be_booked_for_two_overlapping_meetings_and_is_named_in_the_refusal()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var first = await ReadyToInviteAsync(api);
        var second = await ReadyToInviteAsync(api);
        var start = MeetingSlots.Next();
        await api.StepAsync(first, "invite", CaseRequests.Invitation(start, SecondOfficer));

        // The second half of the first meeting: inside the working day whichever hour the slot is.
        using var response = await api.TryStepAsync(second, "invite", new
        {
            meetingStart = start.AddMinutes(30),
            durationMinutes = 30,
            place = "Oslo politihus",
            officerIds = new[] { DemoUsers.OsloOfficer, SecondOfficer },
        });

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            [$"{DemoUsers.Get(SecondOfficer).DisplayName} er allerede booket til en samtale som overlapper dette tidspunktet."],
            problem.For("officerIds"));
        var refused = await api.GetAsync(second);
        Assert.Equal("ReadyToInvite", refused.State);
        Assert.Null(refused.Meeting);
    }

    [Fact]
    public async Task A_meeting_right_after_another_may_book_the_same_officer()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var first = await ReadyToInviteAsync(api);
        var second = await ReadyToInviteAsync(api);
        var start = MeetingSlots.WeekdayAt(new TimeOnly(13, 0));
        await api.StepAsync(first, "invite", CaseRequests.Invitation(start, SecondOfficer));

        Assert.Equal("Invited", await api.StepAsync(second, "invite", CaseRequests.Invitation(start.AddMinutes(MeetingSlots.Minutes), SecondOfficer)));
    }

    [Theory]
    [InlineData(7, 30, "Samtalen må ligge innenfor enhetens arbeidstid: mandag til fredag 08:00–16:00.")]
    [InlineData(15, 30, "Samtalen må ligge innenfor enhetens arbeidstid: mandag til fredag 08:00–16:00.")]
    public async Task A_meeting_outside_the_units_working_hours_is_refused(int hour, int minute, string message)
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);

        using var response = await api.TryStepAsync(id, "invite", CaseRequests.Invitation(MeetingSlots.WeekdayAt(new TimeOnly(hour, minute))));

        Assert.Equal([message], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("meetingStart"));
        Assert.Equal("ReadyToInvite", (await api.GetAsync(id)).State);
    }

    [Fact]
    public async Task A_meeting_on_a_Saturday_is_refused()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);
        var weekday = MeetingSlots.WeekdayAt(new TimeOnly(10, 0));
        var saturday = weekday.AddDays(DayOfWeek.Saturday - weekday.DayOfWeek);

        using var response = await api.TryStepAsync(id, "invite", CaseRequests.Invitation(saturday));

        Assert.Contains("mandag til fredag", Assert.Single((await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("meetingStart")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_meeting_in_the_past_is_refused()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);

        using var response = await api.TryStepAsync(id, "invite", CaseRequests.Invitation(TimeProvider.System.GetUtcNow().AddDays(-1)));

        Assert.Equal(["Tidspunktet må være fram i tid."], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("meetingStart"));
    }

    [Fact]
    public async Task Null_in_place_of_the_list_of_officers_is_a_field_error()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);

        using var response = await api.TryStepAsync(id, "invite", new { meetingStart = MeetingSlots.Next(), place = "Oslo politihus", officerIds = (string[]?)null });

        Assert.Equal(["Verdien har feil format eller type."], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("officerIds"));
    }

    [Fact]
    public async Task An_extra_participant_without_a_valid_consent_to_share_with_their_organisation_is_refused_naming_who_has_not_consented()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);
        var guardian = (await api.GetAsync(id)).Guardians.Single();

        using var response = await api.TryStepAsync(id, "invite", new
        {
            meetingStart = MeetingSlots.Next(),
            durationMinutes = MeetingSlots.Minutes,
            place = "Oslo politihus",
            officerIds = new[] { DemoUsers.OsloOfficer },
            extraParticipants = new[] { new { name = "Lise Lærer", organisation = "Grünerløkka skole", sharing = "school" } },
        });

        var problem = await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            [$"Andre deltakere kan bare være med på gyldig samtykke. Mangler samtykke til deling med skolen fra {guardian.Name} (foresatt)."],
            problem.For("extraParticipants[0].sharing"));
        Assert.Equal("ReadyToInvite", (await api.GetAsync(id)).State);
    }

    [Fact]
    public async Task An_extra_participant_on_a_valid_consent_is_named_in_the_invitation()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();
        var id = await api.RegisterAsync(request);
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        await api.ConsentAsync(id, "school", OsloTime.Today(TimeProvider.System.GetUtcNow()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));

        var state = await api.StepAsync(id, "invite", new
        {
            meetingStart = MeetingSlots.Next(),
            durationMinutes = MeetingSlots.Minutes,
            place = "Oslo politihus",
            officerIds = new[] { DemoUsers.OsloOfficer },
            extraParticipants = new[] { new { name = "Lise Lærer", organisation = "Grünerløkka skole", sharing = "school" } },
        });

        Assert.Equal("Invited", state);
        var invitations = await Mail.WaitForAsync(shared.Host, m => m.IsTo(CaseRequests.Addresses(request)), 2);
        Assert.All(invitations, letter => Assert.Contains("Lise Lærer (Grünerløkka skole)", letter.TextBody, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_paused_case_resumes_at_the_step_it_was_paused_at()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);

        Assert.Equal("Paused", await api.StepAsync(id, "pause", new { reason = "Familien er bortreist i tre uker." }));
        var paused = await api.GetAsync(id);
        Assert.Equal(["cancel-case", "record-consent", "record-duty-to-inform", "resume", "withdraw-consent"], paused.Actions.Order(StringComparer.Ordinal));
        using (var notNow = await api.TryStepAsync(id, "invite", CaseRequests.Invitation(MeetingSlots.Next())))
        {
            Assert.Equal(HttpStatusCode.Conflict, notNow.StatusCode);
        }

        Assert.Equal("ReadyToInvite", await api.StepAsync(id, "resume"));
        Assert.Contains("invite", (await api.GetAsync(id)).Actions);
    }

    [Fact]
    public async Task Pausing_needs_a_reason()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();

        using var response = await api.TryStepAsync(id, "pause", new { reason = " " });

        Assert.Equal(["Feltet må fylles ut."], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("reason"));
    }

    private static async Task<Guid> ReadyToInviteAsync(CaseApi api)
    {
        var id = await api.RegisterAsync();
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        return id;
    }
}
