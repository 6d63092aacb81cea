using System.Net;
using System.Text;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Inputs;

/// <summary>The registration page holds its form to the rules every request obeys, with Norwegian messages, and saves nothing.</summary>
public sealed class FormInputTests(SharedHost shared)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_control_character_in_the_youths_name_is_refused_on_the_registration_page_in_Norwegian_and_nothing_is_saved()
    {
        var tag = Tag();
        var fields = Registration(tag);
        fields["youth.givenName"] = "No\u0007ra";

        var page = await RegisterAsync(fields);

        Assert.Contains("Teksten kan ikke ha kontrolltegn.", page, StringComparison.Ordinal);
        Assert.Contains("id=\"felt-youth-givenName-error\"", page, StringComparison.Ordinal);
        await AssertNotSavedAsync(tag);
    }

    [Fact]
    public async Task A_NUL_in_a_form_is_answered_400_with_a_Norwegian_page_and_nothing_is_saved()
    {
        var tag = Tag();
        var fields = Registration(tag);
        fields["youth.givenName"] = "No\0ra";
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);

        // ASP.NET Core's form reader refuses %00 before the page sees the form.
        using var response = await client.SubmitAsync("/saker/ny", fields);
        var page = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Skjemaet kunne ikke leses", page, StringComparison.Ordinal);
        Assert.Contains("Ingenting er lagret.", page, StringComparison.Ordinal);
        await AssertNotSavedAsync(tag);
    }

    [Fact]
    public async Task A_line_break_in_a_guardians_name_is_refused_on_the_registration_page_but_allowed_in_the_concern()
    {
        var tag = Tag();
        var fields = Registration(tag);
        fields["guardians[0].name"] = "Per Testesen\r\nBcc: alle@example.com";
        fields["concernText"] = "Skolen melder om fravær.\r\nNye, eldre venner.";

        var page = await RegisterAsync(fields);

        Assert.Contains("Feltet kan bare ha én linje: fjern linjeskift og tabulatorer.", page, StringComparison.Ordinal);
        Assert.Contains("id=\"felt-guardians-0-name-error\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"felt-concernText-error\"", page, StringComparison.Ordinal);
        await AssertNotSavedAsync(tag);
    }

    [Fact]
    public async Task Bytes_that_are_not_UTF_8_in_a_name_are_refused_on_the_registration_page_and_nothing_is_saved()
    {
        var tag = Tag();
        var fields = Registration(tag).ToDictionary(field => field.Key, field => Encoding.UTF8.GetBytes(field.Value));
        fields["youth.givenName"] = [(byte)'N', (byte)'o', 0xC3, 0x28, (byte)'r', (byte)'a'];
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);

        // The multipart reader decodes what is not UTF-8 as U+FFFD, which the rules refuse.
        using var response = await client.SubmitMultipartAsync("/saker/ny", fields);
        var page = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Teksten har et ugyldig tegn (feil tegnkoding).", page, StringComparison.Ordinal);
        await AssertNotSavedAsync(tag);
    }

    [Fact]
    public async Task A_meeting_in_year_9999_is_refused_on_the_invitation_page()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);

        using var response = await client.SubmitAsync($"/saker/{id}/invite", new Dictionary<string, string>
        {
            ["meetingStart"] = "9999-12-31T10:00",
            ["durationMinutes"] = "-2147483648",
            ["place"] = "Oslo politihus",
            ["officerIds"] = DemoUsers.OsloOfficer,
        });
        var page = await response.Content.ReadAsStringAsync(Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Datoen må ligge mellom år 1900 og 2100.", page, StringComparison.Ordinal);
        Assert.Equal("ReadyToInvite", (await api.GetAsync(id)).State);
    }

    private async Task<string> RegisterAsync(Dictionary<string, string> fields)
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.OsloOfficer);
        using var response = await client.SubmitAsync("/saker/ny", fields);
        var page = await response.Content.ReadAsStringAsync(Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return page;
    }

    private async Task AssertNotSavedAsync(string tag)
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        Assert.DoesNotContain(await api.ListAllAsync(), listed => listed.YouthName.Contains(tag, StringComparison.Ordinal));
    }

    /// <summary>A valid registration form of OSLO-SENTRUM whose youth's family name carries the tag.</summary>
    private static Dictionary<string, string> Registration(string tag) => new()
    {
        ["unitCode"] = CaseRequests.Unit,
        ["youth.givenName"] = "Nora",
        ["youth.familyName"] = $"Testesen{tag}",
        ["youth.birthDate"] = OsloTime.Today(TimeProvider.System.GetUtcNow()).AddYears(-14).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["youth.language"] = "nb",
        ["guardians[0].name"] = "Per Testesen",
        ["guardians[0].email"] = $"foresatt-{tag}@example.com",
        ["guardians[0].address"] = "Storgata 1, 0184 Oslo",
        ["guardians[0].language"] = "nb",
        ["guardians[0].livesWithYouth"] = "true",
        ["source"] = "school",
        ["concernText"] = "Skolen melder om mye fravær.",
    };

    private static string Tag() => Guid.NewGuid().ToString("N")[..12];
}
