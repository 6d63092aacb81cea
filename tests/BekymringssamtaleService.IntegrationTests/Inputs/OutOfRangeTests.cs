using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Inputs;

/// <summary>What the API answers to values out of range: a 400 with the field's JSON path and a Norwegian reason.</summary>
public sealed class OutOfRangeTests(SharedHost shared)
{
    [Fact]
    public async Task A_meeting_more_than_two_years_ahead_is_refused()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);

        using var response = await api.TryStepAsync(id, "invite", CaseRequests.Invitation(MeetingSlots.WeekdayAt(new TimeOnly(10, 0)).AddYears(2)));

        Assert.Equal(["Tidspunktet kan ligge høyst 2 år fram i tid."], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("meetingStart"));
        Assert.Equal("ReadyToInvite", (await api.GetAsync(id)).State);
    }

    [Theory]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    [InlineData(14)]
    public async Task A_duration_outside_15_to_480_minutes_is_refused_by_its_path(int minutes)
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);

        using var response = await api.TryStepAsync(id, "invite", new
        {
            meetingStart = MeetingSlots.Next(),
            durationMinutes = minutes,
            place = "Oslo politihus",
            officerIds = new[] { DemoUsers.OsloOfficer },
        });

        Assert.Equal(["Verdien må være mellom 15 og 480."], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("durationMinutes"));
    }

    [Fact]
    public async Task A_case_with_eleven_guardians_is_refused_and_not_saved()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();
        var guardians = request["guardians"]!.AsArray();
        while (guardians.Count < 11)
        {
            guardians.Add(guardians[0]!.DeepClone());
        }

        using var response = await api.TryRegisterAsync(request);

        Assert.Equal(["Listen kan ha høyst 10 elementer."], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("guardians"));
        Assert.DoesNotContain(await api.ListAllAsync(), listed => listed.YouthName.Contains(request["youth"]!["familyName"].AsText(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_key_given_twice_is_refused_by_its_path()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await ReadyToInviteAsync(api);
        using var body = new StringContent("""{"reason":"Familien er bortreist.","reason":"Annet"}""", Encoding.UTF8);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await api.PostContentAsync($"/api/v1/cases/{id}/pause", body);

        Assert.Equal(["Et felt kan bare stå én gang."], (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("reason"));
    }

    [Fact]
    public async Task A_name_with_a_line_break_is_refused_by_its_path_so_it_never_reaches_a_mail_header()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var request = CaseRequests.Registration();
        request["guardians"]![0]!["name"] = "Per Testesen\r\nBcc: alle@example.com";

        using var response = await api.TryRegisterAsync(request);

        Assert.Equal(
            ["Feltet kan bare ha én linje: fjern linjeskift og tabulatorer."],
            (await CaseApi.ProblemAsync(response, HttpStatusCode.BadRequest)).For("guardians[0].name"));
    }

    private static async Task<Guid> ReadyToInviteAsync(CaseApi api)
    {
        var id = await api.RegisterAsync();
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        return id;
    }
}
