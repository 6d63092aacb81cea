using System.Net;
using BekymringssamtaleService.IntegrationTests.Audit;
using BekymringssamtaleService.Testing;
using Npgsql;
using static BekymringssamtaleService.IntegrationTests.StaffRegister.AdminPages;

namespace BekymringssamtaleService.IntegrationTests.StaffRegister;

/// <summary>
/// The staff register's pages: an Admin adds, changes, links, deactivates and reactivates staff of the Admin's own units,
/// every change in the access log; bad input is a Norwegian form error with nothing saved, a stale form a 409; and a
/// deactivated member of staff cannot sign in.
/// </summary>
public sealed class StaffRegisterTests(ClockedHost clocked) : IClassFixture<ClockedHost>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private ServiceHost Host => clocked.Host;

    [Fact]
    public async Task An_admin_adds_a_member_of_staff_who_is_listed_with_the_names_of_roles_and_units_and_the_access_log_says_what_changed()
    {
        using var admin = await SignedInAsync(Host, DemoUsers.Administrator);
        var id = NewId();

        using var added = await admin.SubmitAsync("/admin/ansatte/ny", Details("Mona Lisa Berg", $"{id}@politiet.example", ["Officer", "Lead"], ["OSLO-OST"], id));
        var list = await BodyAsync(await admin.GetAsync($"/admin/ansatte?sok={id}", Token), HttpStatusCode.OK);

        Assert.Equal((HttpStatusCode.Redirect, "/admin/ansatte"), (added.StatusCode, added.Headers.Location?.OriginalString));
        Assert.Contains("Mona Lisa Berg", list, StringComparison.Ordinal);
        Assert.Contains("<td>Forebygger, Leder</td>", list, StringComparison.Ordinal);
        Assert.Contains("<td>Forebyggende seksjon øst</td>", list, StringComparison.Ordinal);
        Assert.Equal(
            [$"add-staff {id} administration ", $"grant-role {id} Officer administration ", $"grant-role {id} Lead administration ", $"grant-unit {id} administration OSLO-OST"],
            await LogAsync(id));
    }

    public static TheoryData<string, string[], string> BrokenForms => new()
    {
        { "id", ["Input.Id="], "Feltet må fylles ut." },
        { "id", ["Input.Id=kari nordmann"], "Ansatt-ID kan bare ha bokstaver" },
        { "id", ["Input.Id=ny"], "Denne ansatt-ID-en er reservert" },
        { "id", ["Input.Id=betjent-oslo"], "Det finnes allerede en ansatt med denne ansatt-ID-en." },
        { "displayName", ["Input.DisplayName="], "Feltet må fylles ut." },
        { "displayName", [$"Input.DisplayName={new string('K', 201)}"], "Teksten kan være høyst 200 tegn." },
        { "email", ["Input.Email=kari.politiet.example"], "E-postadressen er ikke gyldig." },
        { "roles", ["Input.Roles="], "Velg minst én rolle." },
        { "roles", ["Input.Roles=Superuser"], "Ukjent rolle." },
        { "units", ["Input.Units="], "Velg minst én enhet." },
        { "units", ["Input.Units=OSLO-NORD"], "En av enhetene finnes ikke." },
        { "units", ["Input.Units=VEST-BERGEN"], "Du kan bare gi enheter du selv forvalter." },
    };

    [Theory]
    [MemberData(nameof(BrokenForms))]
    public async Task A_broken_rule_of_the_add_form_is_a_Norwegian_field_error_and_nothing_is_saved(string field, string[] overrides, string message)
    {
        var osloAdmin = await AccessLogRows.AddStaffAsync(Host, "Admin", "OSLO-SENTRUM", "OSLO-OST");
        using var admin = await SignedInAsync(Host, osloAdmin);
        var id = NewId();
        var fields = Details("Kari Nordmann", $"{id}@politiet.example", ["Officer"], ["OSLO-SENTRUM"], id);
        foreach (var replaced in overrides.Select(o => o.Split('=', 2)))
        {
            fields.RemoveAll(f => f.Item1 == replaced[0]);
            if (replaced[1].Length > 0)
            {
                fields.Add((replaced[0], replaced[1]));
            }
        }

        using var response = await admin.SubmitAsync("/admin/ansatte/ny", fields);
        var page = await BodyAsync(response, HttpStatusCode.OK);

        Assert.Contains("Skjemaet har feil. Ingenting er lagret.", page, StringComparison.Ordinal);
        Assert.Matches($"id=\"{field}-error\">[^<]*{System.Text.RegularExpressions.Regex.Escape(message)}", page);
        Assert.Equal(0L, await StaffWithEmailCountAsync($"{id}@politiet.example"));
        Assert.Empty(await LogAsync(osloAdmin, byActor: true));
    }

    [Fact]
    public async Task A_unit_that_is_deactivated_cannot_be_given_to_anyone_new()
    {
        var unit = await AddUnitAsync(deactivated: true);
        var unitAdmin = await AccessLogRows.AddStaffAsync(Host, "Admin", "OSLO-SENTRUM", unit);
        using var admin = await SignedInAsync(Host, unitAdmin);
        var id = NewId();

        using var response = await admin.SubmitAsync("/admin/ansatte/ny", Details("Per Hansen", $"{id}@politiet.example", ["Officer"], [unit], id));

        Assert.Contains("er deaktivert og kan ikke gis til flere.", await BodyAsync(response, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal(0L, await StaffWithEmailCountAsync($"{id}@politiet.example"));
    }

    [Fact]
    public async Task The_list_finds_staff_by_part_of_the_name_or_the_staff_id_and_filters_active_and_deactivated()
    {
        var active = await AddStaffAsync("Officer", "OSLO-SENTRUM");
        var deactivated = await AddStaffAsync("Officer", "OSLO-SENTRUM");
        await AccessLogRows.ExecuteAsync(Host, "UPDATE staff_members SET display_name = 'Synnøve Finden', deactivated_at = now() WHERE id = @id", ("id", deactivated));
        await AccessLogRows.ExecuteAsync(Host, "UPDATE staff_members SET display_name = 'Synnøve Aas' WHERE id = @id", ("id", active));
        using var admin = await SignedInAsync(Host, DemoUsers.Administrator);

        var byName = await admin.GetStringAsync("/admin/ansatte?sok=synnøve", Token);
        var byId = await admin.GetStringAsync($"/admin/ansatte?sok={deactivated}&status=alle", Token);
        var onlyDeactivated = await admin.GetStringAsync("/admin/ansatte?sok=SYNNØVE&status=deaktiverte", Token);

        Assert.Contains("Synnøve Aas", byName, StringComparison.Ordinal);
        Assert.DoesNotContain("Synnøve Finden", byName, StringComparison.Ordinal);
        Assert.Contains("Synnøve Finden", byId, StringComparison.Ordinal);
        Assert.DoesNotContain("Synnøve Aas", byId, StringComparison.Ordinal);
        Assert.Contains("Synnøve Finden", onlyDeactivated, StringComparison.Ordinal);
        Assert.DoesNotContain("Synnøve Aas", onlyDeactivated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_changes_name_email_roles_and_units_and_each_change_is_logged_without_the_name_or_email()
    {
        var id = await AddStaffAsync("Officer", "OSLO-SENTRUM");
        using var admin = await SignedInAsync(Host, DemoUsers.Administrator);

        using var saved = await admin.SubmitAsync($"/admin/ansatte/{id}", Details("Ny Navnesen", "ny.navnesen@politiet.example", ["Lead"], ["OSLO-OST"]));
        var page = await admin.GetStringAsync($"/admin/ansatte/{id}", Token);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Endringene for Ny Navnesen er lagret.", page, StringComparison.Ordinal);
        var log = await LogAsync(id);
        Assert.Equal(
            [$"change-name {id} administration ", $"change-email {id} administration ", $"grant-role {id} Lead administration ", $"revoke-role {id} Officer administration ",
             $"grant-unit {id} administration OSLO-OST", $"revoke-unit {id} administration OSLO-SENTRUM"],
            log);
        Assert.DoesNotContain(log, row => row.Contains("Navnesen", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task A_form_shown_before_someone_else_saved_is_answered_409_and_nothing_of_it_is_saved()
    {
        var id = await AddStaffAsync("Officer", "OSLO-SENTRUM");
        using var first = await SignedInAsync(Host, DemoUsers.Administrator);
        using var second = await SignedInAsync(Host, DemoUsers.Administrator);
        var seen = await second.VersionOnAsync($"/admin/ansatte/{id}");

        using var firstSave = await first.SubmitAsync($"/admin/ansatte/{id}", Details("Først Lagret", $"{id}@politiet.example", ["Officer"], ["OSLO-SENTRUM"]));
        using var stale = await second.SubmitAsync($"/admin/ansatte/{id}", [.. Details("Sist Lagret", $"{id}@politiet.example", ["Officer"], ["OSLO-SENTRUM"]), ("Version", seen)]);
        using var staleDeactivation = await second.SubmitAsync($"/admin/ansatte/{id}", [("Version", seen)], handler: "Deactivate");
        var refusal = await BodyAsync(stale, HttpStatusCode.Conflict);

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Contains("Noen andre har endret denne ansatte etter at du åpnet siden. Ingenting er lagret", refusal, StringComparison.Ordinal);
        Assert.Contains("Først Lagret", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, staleDeactivation.StatusCode);
        Assert.Equal(("Først Lagret", true), await NameAndActiveAsync(id));
    }

    [Fact]
    public async Task A_subject_already_linked_to_someone_else_is_a_form_error_naming_who_has_it()
    {
        var holder = await AddStaffAsync("Officer", "OSLO-SENTRUM");
        var other = await AddStaffAsync("Officer", "OSLO-SENTRUM");
        var subject = $"sub-{Guid.NewGuid():N}";
        using var admin = await SignedInAsync(Host, DemoUsers.Administrator);

        using var linked = await admin.SubmitAsync($"/admin/ansatte/{holder}", [("Subject.ExternalSubject", subject)], handler: "Link");
        using var clash = await admin.SubmitAsync($"/admin/ansatte/{other}", [("Subject.ExternalSubject", subject)], handler: "Link");
        using var blank = await admin.SubmitAsync($"/admin/ansatte/{other}", [("Subject.ExternalSubject", "two words")], handler: "Link");
        using var unlinked = await admin.SubmitAsync($"/admin/ansatte/{holder}", [], handler: "Unlink");

        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        Assert.Contains($"Identiteten er allerede knyttet til Test Testesen ({holder}).", await BodyAsync(clash, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Contains("kan ikke inneholde mellomrom", await BodyAsync(blank, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, unlinked.StatusCode);
        Assert.Equal([$"link-subject {holder} administration ", $"unlink-subject {holder} administration "], await LogAsync(holder));
        Assert.Empty(await LogAsync(other));
    }

    [Fact]
    public async Task An_admin_sees_and_manages_only_staff_of_their_own_units_and_keeps_the_units_they_do_not_manage()
    {
        var vestAdmin = await AccessLogRows.AddStaffAsync(Host, "Admin", "VEST-BERGEN");
        var osloOnly = await AddStaffAsync("Officer", "OSLO-SENTRUM");
        var both = await AddStaffAsync("Officer", "OSLO-SENTRUM", "VEST-BERGEN");
        using var admin = await SignedInAsync(Host, vestAdmin);

        var list = await admin.GetStringAsync("/admin/ansatte?status=alle", Token);
        using var hidden = await admin.GetAsync($"/admin/ansatte/{osloOnly}", Token);
        using var hiddenPost = await admin.SubmitAsync($"/admin/ansatte/{osloOnly}", [("Version", "1")], handler: "Deactivate", tokenFrom: "/admin/ansatte");
        using var outsideUnit = await admin.SubmitAsync($"/admin/ansatte/{both}", Details("Test Testesen", $"{both}@politiet.example", ["Officer"], ["VEST-BERGEN", "VEST-SOGN", "TRONDELAG-NORD"]));
        using var roleChanged = await admin.SubmitAsync($"/admin/ansatte/{both}", Details("Test Testesen", $"{both}@politiet.example", ["Lead"], ["VEST-BERGEN"]));

        Assert.Contains(both, list, StringComparison.Ordinal);
        Assert.DoesNotContain(osloOnly, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, hiddenPost.StatusCode);
        Assert.Equal(("Test Testesen", true), await NameAndActiveAsync(osloOnly));
        Assert.Contains("Du kan bare gi enheter du selv forvalter.", await BodyAsync(outsideUnit, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, roleChanged.StatusCode);
        Assert.Equal(["OSLO-SENTRUM", "VEST-BERGEN"], await UnitsAsync(both));
    }

    [Fact]
    public async Task An_admin_may_neither_change_their_own_roles_or_units_nor_deactivate_themselves()
    {
        var self = await AccessLogRows.AddStaffAsync(Host, "Admin", "OSLO-SENTRUM", "OSLO-OST");
        using var admin = await SignedInAsync(Host, self);

        using var escalation = await admin.SubmitAsync($"/admin/ansatte/{self}", Details("Test Testesen", $"{self}@politiet.example", ["Admin", "Auditor"], ["OSLO-SENTRUM", "OSLO-OST"]));
        using var lockOut = await admin.SubmitAsync($"/admin/ansatte/{self}", Details("Test Testesen", $"{self}@politiet.example", ["Admin"], ["OSLO-OST"]));
        using var deactivation = await admin.SubmitAsync($"/admin/ansatte/{self}", [], handler: "Deactivate");
        using var ownName = await admin.SubmitAsync($"/admin/ansatte/{self}", Details("Test Selvsen", $"{self}@politiet.example", ["Admin"], ["OSLO-SENTRUM", "OSLO-OST"]));

        Assert.Contains("Du kan ikke endre dine egne roller eller enheter.", await BodyAsync(escalation, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, lockOut.StatusCode);
        Assert.Contains("Du kan ikke deaktivere deg selv.", await BodyAsync(deactivation, HttpStatusCode.Conflict), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, ownName.StatusCode);
        Assert.Equal(("Test Selvsen", true), await NameAndActiveAsync(self));
        Assert.Equal([$"change-name {self} administration "], await LogAsync(self));
    }

    [Fact]
    public async Task Other_roles_than_admin_are_told_the_staff_register_does_not_exist()
    {
        using var officer = await SignedInAsync(Host, DemoUsers.OsloOfficer);

        using var list = await officer.GetAsync("/admin/ansatte", Token);
        using var person = await officer.GetAsync($"/admin/ansatte/{DemoUsers.OsloOfficer}", Token);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (list.StatusCode, person.StatusCode));
    }

    [Fact]
    public async Task A_deactivated_member_of_staff_cannot_sign_in_is_signed_out_within_five_minutes_and_can_again_once_reactivated()
    {
        var id = await AddStaffAsync("Officer", "OSLO-SENTRUM");
        using var session = await SignedInAsync(Host, id);
        using var admin = await SignedInAsync(Host, DemoUsers.Administrator);

        using var deactivated = await admin.SubmitAsync($"/admin/ansatte/{id}", [], handler: "Deactivate");
        var loginPage = await admin.GetStringAsync("/logg-inn", Token);
        using var newLogin = Host.CreateHttpClient();
        using var login = await newLogin.SubmitAsync("/logg-inn", [("StaffId", id)]);
        using var header = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases");
        header.Headers.Add("X-Dev-User", id);
        using var byHeader = await newLogin.SendAsync(header, Token);
        using var beforeTheCheck = await session.GetAsync("/saker", Token);
        clocked.Clock.Advance(TimeSpan.FromMinutes(5));
        using var atTheCheck = await session.GetAsync("/saker", Token);
        using var reactivated = await admin.SubmitAsync($"/admin/ansatte/{id}", [], handler: "Reactivate");
        using var again = Host.CreateHttpClient();
        using var loginAgain = await again.SubmitAsync("/logg-inn", [("StaffId", id)]);

        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.DoesNotContain(id, loginPage, StringComparison.Ordinal);
        Assert.Contains("Velg en bruker for å logge inn.", await BodyAsync(login, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, byHeader.StatusCode);
        Assert.Equal(HttpStatusCode.OK, beforeTheCheck.StatusCode);
        Assert.Equal((HttpStatusCode.Redirect, "/logg-inn"), (atTheCheck.StatusCode, atTheCheck.Headers.Location?.AbsolutePath));
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, loginAgain.StatusCode);
        Assert.Equal(
            ["sign-in sign-in", "sign-in-refused sign-in", "sign-in-refused sign-in", "sign-in-refused sign-in", "sign-in sign-in"],
            await AccessLogRows.ActionsAsync(Host, "staff_id = @staff AND action LIKE 'sign-in%'", ("staff", id)));
        Assert.Equal([$"deactivate-staff {id} administration ", $"reactivate-staff {id} administration "], await LogAsync(id));
    }

    private static string NewId() => $"ny-{Guid.NewGuid():N}"[..16];

    private Task<string> AddStaffAsync(string role, params string[] units) => AccessLogRows.AddStaffAsync(Host, role, units);

    /// <summary>A unit of the test's own in the Oslo district.</summary>
    private async Task<string> AddUnitAsync(bool deactivated)
    {
        var code = $"TEST-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        await AccessLogRows.ExecuteAsync(
            Host,
            "INSERT INTO units (code, name, district_code, deactivated_at) VALUES (@code, 'Testenheten', 'OSLO', CASE WHEN @deactivated THEN now() END)",
            ("code", code), ("deactivated", deactivated));
        return code;
    }

    /// <summary>"action purpose unit" of the administration rows about the person (or, <paramref name="byActor"/>, made by them), oldest first.</summary>
    private async Task<List<string>> LogAsync(string staffId, bool byActor = false)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            $"SELECT action || ' ' || purpose || ' ' || coalesce(unit_code, '') FROM access_log WHERE purpose = 'administration' AND {(byActor ? "staff_id = @id" : "action LIKE '% ' || @id || '%'")} ORDER BY id",
            connection);
        command.Parameters.AddWithValue("id", staffId);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Token);
        while (await reader.ReadAsync(Token))
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private async Task<long> StaffWithEmailCountAsync(string email) =>
        (long)(await ScalarAsync("SELECT count(*) FROM staff_members WHERE email = @id", email))!;

    private async Task<(string, bool)> NameAndActiveAsync(string staffId) =>
        ((string)(await ScalarAsync("SELECT display_name FROM staff_members WHERE id = @id", staffId))!,
         (bool)(await ScalarAsync("SELECT deactivated_at IS NULL FROM staff_members WHERE id = @id", staffId))!);

    private async Task<string[]> UnitsAsync(string staffId) =>
        [.. ((string[])(await ScalarAsync("SELECT unit_codes FROM staff_members WHERE id = @id", staffId))!).Order(StringComparer.Ordinal)];

    private async Task<object?> ScalarAsync(string sql, string staffId)
    {
        await using var connection = new NpgsqlConnection(Host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", staffId);
        return await command.ExecuteScalarAsync(Token);
    }
}
