using System.Net;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Audit;

/// <summary>
/// Each sign-in and each refused one is in the access log, with purpose sign-in, no unit and no case. A host of the
/// class's own, whose staff register the tests add to.
/// </summary>
public sealed class SignInLogTests(ClockedHost own) : IClassFixture<ClockedHost>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_in_on_the_login_page_is_logged_as_a_sign_in_with_no_unit_and_no_case()
    {
        var staffId = await AccessLogRows.AddStaffAsync(own.Host, "Officer", "OSLO-SENTRUM");
        using var client = own.Host.CreateHttpClient();

        await client.SignInAsync(staffId);

        Assert.Equal(
            ["sign-in sign-in"],
            await AccessLogRows.ActionsAsync(own.Host, "staff_id = @staff AND unit_code IS NULL AND case_id IS NULL", ("staff", staffId)));
    }

    [Fact]
    public async Task A_sign_in_as_someone_the_staff_register_does_not_know_is_refused_and_logged_without_the_name_given()
    {
        using var client = own.Host.CreateHttpClient();
        var before = await RefusedAsync();

        using var login = await client.SubmitAsync("/logg-inn", new Dictionary<string, string> { ["StaffId"] = "ola.nordmann@politiet.example" });
        using var header = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases") { Headers = { { "X-Dev-User", "ola.nordmann@politiet.example" } } };
        using var api = await client.SendAsync(header, Token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (login.StatusCode, api.StatusCode));
        Assert.Contains("Velg en bruker for å logge inn.", await login.Content.ReadAsStringAsync(Token), StringComparison.Ordinal);
        Assert.True(await RefusedAsync() >= before + 2, "Both refusals are logged under 'ukjent'.");
        Assert.Empty(await AccessLogRows.ActionsAsync(own.Host, "staff_id LIKE '%nordmann%'"));
    }

    private async Task<int> RefusedAsync() =>
        (await AccessLogRows.ActionsAsync(own.Host, "staff_id = 'ukjent' AND action = 'sign-in-refused' AND purpose = 'sign-in' AND unit_code IS NULL")).Count;
}
