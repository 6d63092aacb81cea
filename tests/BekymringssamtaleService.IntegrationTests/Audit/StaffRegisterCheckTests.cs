using System.Net;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Audit;

/// <summary>
/// The sign-in cookie is held against the staff register every five minutes, by the host's clock (the test's): a
/// removed member of staff is signed out, a changed one carries the new roles and units.
/// </summary>
public sealed class StaffRegisterCheckTests : IClassFixture<ClockedHost>
{
    private readonly ClockedHost _clocked;

    public StaffRegisterCheckTests(ClockedHost clocked) => _clocked = clocked;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ServiceHost Host => _clocked.Host;

    [Fact]
    public async Task A_member_of_staff_removed_from_the_register_is_signed_out_within_five_minutes_and_the_refusal_is_logged()
    {
        var staffId = await AccessLogRows.AddStaffAsync(Host, "Officer", "OSLO-SENTRUM");
        using var client = Host.CreateHttpClient();
        await client.SignInAsync(staffId);

        await AccessLogRows.ExecuteAsync(Host, "DELETE FROM staff_members WHERE id = @id", ("id", staffId));
        _clocked.Clock.Advance(TimeSpan.FromMinutes(4));
        using var beforeTheCheck = await client.GetAsync("/saker", Token);
        _clocked.Clock.Advance(TimeSpan.FromMinutes(1));
        using var atTheCheck = await client.GetAsync("/saker", Token);
        using var afterwards = await client.GetAsync("/", Token);

        Assert.Equal(HttpStatusCode.OK, beforeTheCheck.StatusCode);
        Assert.Equal((HttpStatusCode.Redirect, "/logg-inn"), (atTheCheck.StatusCode, atTheCheck.Headers.Location?.AbsolutePath));
        Assert.Equal((HttpStatusCode.Redirect, "/logg-inn"), (afterwards.StatusCode, afterwards.Headers.Location?.AbsolutePath));
        Assert.Equal(
            ["sign-in sign-in", "sign-in-refused sign-in"],
            await AccessLogRows.ActionsAsync(Host, "staff_id = @staff AND action LIKE 'sign-in%'", ("staff", staffId)));
    }

    [Fact]
    public async Task A_member_of_staff_moved_to_another_unit_and_role_has_the_new_ones_within_five_minutes()
    {
        var staffId = await AccessLogRows.AddStaffAsync(Host, "Officer", "OSLO-SENTRUM");
        using var client = Host.CreateHttpClient();
        await client.SignInAsync(staffId);
        using var asOfficer = await client.GetAsync("/saker", Token);

        await AccessLogRows.ExecuteAsync(
            Host, "UPDATE staff_members SET roles = '{Auditor}', unit_codes = '{VEST-BERGEN}' WHERE id = @id", ("id", staffId));
        _clocked.Clock.Advance(TimeSpan.FromMinutes(5));
        using var asAuditor = await client.GetAsync("/saker", Token);
        var start = await client.GetStringAsync("/", Token);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Forbidden), (asOfficer.StatusCode, asAuditor.StatusCode));
        Assert.Contains("<span data-testid=\"roles\">Kontroll og revisjon</span>", start, StringComparison.Ordinal);
        Assert.Contains("Forebyggende enhet Bergen", start, StringComparison.Ordinal);
        Assert.DoesNotContain("Forebygger", start, StringComparison.Ordinal);
    }
}
