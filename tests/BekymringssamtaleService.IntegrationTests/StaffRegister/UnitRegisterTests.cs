using System.Net;
using BekymringssamtaleService.IntegrationTests.Audit;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static BekymringssamtaleService.IntegrationTests.StaffRegister.AdminPages;

namespace BekymringssamtaleService.IntegrationTests.StaffRegister;

/// <summary>
/// The units' pages: an Admin adds a unit to a district, renames, deactivates and reactivates their units; a deactivated
/// unit takes no new cases; and the seed files loaded at every start never undo an Admin's change of a unit.
/// </summary>
public sealed class UnitRegisterTests(ClockedHost clocked) : IClassFixture<ClockedHost>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ServiceHost Host => clocked.Host;

    [Fact]
    public async Task An_admin_adds_a_unit_to_a_district_of_theirs_manages_it_at_once_and_the_access_log_names_it()
    {
        var vestAdmin = await AccessLogRows.AddStaffAsync(Host, "Admin", "VEST-BERGEN");
        using var admin = await SignedInAsync(Host, vestAdmin);
        var code = NewCode();

        using var added = await admin.SubmitAsync("/admin/enheter/ny", [("Input.DistrictCode", "VEST"), ("Input.Code", code), ("Input.Name", "Forebyggende enhet Voss")]);
        var list = await admin.GetStringAsync("/admin/enheter", Token);

        Assert.Equal((HttpStatusCode.Redirect, "/admin/enheter"), (added.StatusCode, added.Headers.Location?.OriginalString));
        Assert.Contains("Forebyggende enhet Voss", list, StringComparison.Ordinal);
        Assert.Contains("Forebyggende enhet Bergen", list, StringComparison.Ordinal);
        Assert.DoesNotContain("Forebyggende seksjon sentrum", list, StringComparison.Ordinal);
        Assert.Equal([$"add-unit {code}", $"grant-unit {vestAdmin} {code}"], await LogAsync($"unit_code = '{code}'"));
    }

    public static TheoryData<string, string, string, string, string> BrokenForms => new()
    {
        { "districtCode", "", "NY-ENHET-1", "Navn", "Velg politidistrikt." },
        { "districtCode", "OSLO", "NY-ENHET-2", "Navn", "Du kan bare legge til enheter i politidistrikter der du forvalter en enhet." },
        { "code", "VEST", "", "Navn", "Feltet må fylles ut." },
        { "code", "VEST", "voss", "Navn", "Enhetskoden kan bare ha store bokstaver" },
        { "code", "VEST", "NY", "Navn", "Denne enhetskoden er reservert" },
        { "code", "VEST", "VEST-SOGN", "Navn", "Det finnes allerede en enhet med denne koden." },
        { "name", "VEST", "NY-ENHET-3", "", "Feltet må fylles ut." },
        { "name", "VEST", "NY-ENHET-4", new string('x', 201), "Teksten kan være høyst 200 tegn." },
    };

    [Theory]
    [MemberData(nameof(BrokenForms))]
    public async Task A_broken_rule_of_the_new_unit_form_is_a_Norwegian_field_error_and_nothing_is_saved(string field, string district, string code, string name, string message)
    {
        var vestAdmin = await AccessLogRows.AddStaffAsync(Host, "Admin", "VEST-BERGEN");
        using var admin = await SignedInAsync(Host, vestAdmin);

        using var response = await admin.SubmitAsync("/admin/enheter/ny", [("Input.DistrictCode", district), ("Input.Code", code), ("Input.Name", name)]);
        var page = await BodyAsync(response, HttpStatusCode.OK);

        Assert.Matches($"id=\"{field}-error\">[^<]*{System.Text.RegularExpressions.Regex.Escape(message)}", page);
        Assert.Empty(await LogAsync($"staff_id = '{vestAdmin}'"));
        Assert.Equal(["VEST-BERGEN"], await AdminUnitsAsync(vestAdmin));
    }

    [Fact]
    public async Task A_renamed_unit_shows_its_new_name_and_a_stale_rename_is_answered_409_with_nothing_saved()
    {
        var (code, admin) = await OwnUnitAsync();
        var seen = await admin.VersionOnAsync($"/admin/enheter/{code}");

        using var renamed = await admin.SubmitAsync($"/admin/enheter/{code}", [("Input.Name", "Forebyggende enhet Odda")]);
        using var stale = await admin.SubmitAsync($"/admin/enheter/{code}", [("Input.Name", "Forebyggende enhet Ulvik"), ("Version", seen)]);
        using var blank = await admin.SubmitAsync($"/admin/enheter/{code}", [("Input.Name", " ")]);

        Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        Assert.Contains("Noen andre har endret denne enheten etter at du åpnet siden.", await BodyAsync(stale, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Contains("Feltet må fylles ut.", await BodyAsync(blank, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("Forebyggende enhet Odda", await admin.GetStringAsync($"/admin/enheter/{code}", Token), StringComparison.Ordinal);
        Assert.Equal([$"add-unit {code}", $"rename-unit {code}"], await LogAsync($"unit_code = '{code}' AND action LIKE '%-unit%' AND action NOT LIKE 'grant-unit%'"));
    }

    [Fact]
    public async Task A_deactivated_unit_with_open_cases_takes_no_new_case_and_is_not_offered_until_it_is_reactivated()
    {
        var (code, admin) = await OwnUnitAsync();
        var officer = await AccessLogRows.AddStaffAsync(Host, "Officer", code);
        using (var api = new CaseApi(Host, officer))
        {
            var registration = CaseRequests.Registration();
            registration["unitCode"] = code;
            await api.RegisterAsync(registration);
        }

        using var deactivated = await admin.SubmitAsync($"/admin/enheter/{code}", [], handler: "Deactivate");
        using var officerPages = await SignedInAsync(Host, officer);
        var registerPage = await officerPages.GetStringAsync("/saker/ny", Token);
        using var api2 = new CaseApi(Host, officer);
        var refused = CaseRequests.Registration();
        refused["unitCode"] = code;
        var problem = await CaseApi.ProblemAsync(await api2.TryRegisterAsync(refused), HttpStatusCode.BadRequest);
        using var reactivated = await admin.SubmitAsync($"/admin/enheter/{code}", [], handler: "Reactivate");
        var again = CaseRequests.Registration();
        again["unitCode"] = code;
        using var accepted = await api2.TryRegisterAsync(again);

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.DoesNotContain($"value=\"{code}\"", registerPage, StringComparison.Ordinal);
        Assert.Equal(["Enheten er deaktivert og tar ikke imot nye saker."], problem.For("unitCode"));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.Equal([$"deactivate-unit {code}", $"reactivate-unit {code}"], await LogAsync($"unit_code = '{code}' AND action LIKE '%activate-unit'"));
    }

    [Fact]
    public async Task An_admin_adds_a_room_to_a_unit_takes_it_out_of_use_and_a_blank_or_taken_name_is_a_field_error_with_nothing_saved()
    {
        var (code, admin) = await OwnUnitAsync();
        var page = $"/admin/enheter/{code}";

        using var added = await admin.SubmitAsync(page, [("Resource.Kind", "Room"), ("Resource.Name", "Samtalerom Voss")], handler: "AddResource");
        using var taken = await admin.SubmitAsync(page, [("Resource.Kind", "Room"), ("Resource.Name", " Samtalerom Voss ")], handler: "AddResource");
        using var blank = await admin.SubmitAsync(page, [("Resource.Kind", "Interpreter"), ("Resource.Name", "")], handler: "AddResource");
        using var unknownKind = await admin.SubmitAsync(page, [("Resource.Kind", "Car"), ("Resource.Name", "Bil 1")], handler: "AddResource");
        var inUse = await admin.GetStringAsync(page, Token);
        using var deactivated = await admin.SubmitAsync(page, [("ResourceId", await ResourceIdAsync(code, "Samtalerom Voss"))], handler: "DeactivateResource");
        var outOfUse = await admin.GetStringAsync(page, Token);

        Assert.Equal((HttpStatusCode.Redirect, page), (added.StatusCode, added.Headers.Location?.OriginalString));
        Assert.Contains("id=\"resource-name-error\">Enheten har allerede et rom med dette navnet.", await BodyAsync(taken, HttpStatusCode.OK), StringComparison.Ordinal);
        var blankPage = await BodyAsync(blank, HttpStatusCode.OK);
        Assert.Contains("id=\"resource-name-error\">Feltet må fylles ut.", blankPage, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.Name\" type=\"text\" value=\"Forebyggende enhet Voss\"", blankPage, StringComparison.Ordinal);
        Assert.Contains("id=\"resource-kind-error\">Velg rom eller tolk.", await BodyAsync(unknownKind, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Matches("<td>Samtalerom Voss</td>\\s*<td>Rom</td>\\s*<td>I bruk</td>", inUse);
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.Matches("<td>Samtalerom Voss</td>\\s*<td>Rom</td>\\s*<td>Tatt ut av bruk</td>", outOfUse);
        Assert.DoesNotContain("Bil 1", outOfUse, StringComparison.Ordinal);
        Assert.Equal([$"add-resource {code}", $"deactivate-resource {code}"], await LogAsync($"unit_code = '{code}' AND action LIKE '%-resource'"));
    }

    [Fact]
    public async Task Loading_the_seed_files_again_adds_no_unit_back_and_undoes_no_rename_or_deactivation()
    {
        using var admin = await SignedInAsync(Host, DemoUsers.Administrator);
        using var renamed = await admin.SubmitAsync("/admin/enheter/TRONDELAG-NORD", [("Input.Name", "Forebyggende enhet Namdal")]);
        using var deactivated = await admin.SubmitAsync("/admin/enheter/TRONDELAG-NORD", [], handler: "Deactivate");

        await using (var scope = Host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SeedLoader>().LoadAsync(Token);
        }

        var page = await admin.GetStringAsync("/admin/enheter/TRONDELAG-NORD", Token);
        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (renamed.StatusCode, deactivated.StatusCode));
        Assert.Contains("Forebyggende enhet Namdal (TRONDELAG-NORD)", page, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"unit-status\">Deaktivert", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_admins_unit_is_the_same_404_as_none_and_other_roles_are_told_the_pages_do_not_exist()
    {
        var vestAdmin = await AccessLogRows.AddStaffAsync(Host, "Admin", "VEST-BERGEN");
        using var admin = await SignedInAsync(Host, vestAdmin);
        using var lead = await SignedInAsync(Host, "leder-oslo");

        using var otherUnit = await admin.GetAsync("/admin/enheter/OSLO-SENTRUM", Token);
        using var noUnit = await admin.GetAsync("/admin/enheter/FINNES-IKKE", Token);
        using var rename = await admin.SubmitAsync("/admin/enheter/OSLO-SENTRUM", [("Input.Name", "Kapret"), ("Version", "1")], tokenFrom: "/admin/enheter");
        using var asLead = await lead.GetAsync("/admin/enheter", Token);

        Assert.Equal(
            (HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            (otherUnit.StatusCode, noUnit.StatusCode, rename.StatusCode, asLead.StatusCode));
    }

    private static string NewCode() => $"TEST-{Guid.NewGuid():N}"[..16].ToUpperInvariant();

    /// <summary>A unit a new Admin of VEST-BERGEN added through the page (so it is theirs), and that Admin's signed-in client.</summary>
    private async Task<(string Code, HttpClient Admin)> OwnUnitAsync()
    {
        var vestAdmin = await AccessLogRows.AddStaffAsync(Host, "Admin", "VEST-BERGEN");
        var admin = await SignedInAsync(Host, vestAdmin);
        var code = NewCode();
        using var added = await admin.SubmitAsync("/admin/enheter/ny", [("Input.DistrictCode", "VEST"), ("Input.Code", code), ("Input.Name", "Forebyggende enhet Voss")]);
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        return (code, admin);
    }

    private async Task<string> ResourceIdAsync(string unitCode, string name)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("SELECT id::text FROM bookable_resources WHERE unit_code = $1 AND name = $2", connection);
        command.Parameters.AddWithValue(unitCode);
        command.Parameters.AddWithValue(name);
        return (string)(await command.ExecuteScalarAsync(Token))!;
    }

    /// <summary>"action unit" of the administration rows that match, oldest first (the staff id of a grant is in its action).</summary>
    private async Task<List<string>> LogAsync(string where)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            $"SELECT action || ' ' || coalesce(unit_code, '') FROM access_log WHERE purpose = 'administration' AND {where} ORDER BY id", connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            rows.Add(reader.GetString(0).Trim());
        }

        return rows;
    }

    private async Task<string[]> AdminUnitsAsync(string staffId)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand("SELECT unit_codes FROM staff_members WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", staffId);
        return (string[])(await command.ExecuteScalarAsync(Token))!;
    }
}
