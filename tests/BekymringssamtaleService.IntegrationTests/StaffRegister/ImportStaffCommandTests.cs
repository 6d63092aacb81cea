using System.Diagnostics;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.StaffRegister;

/// <summary>
/// <c>import-staff FILE</c> run as operations run it: the built host executable in a process of its own, on a migrated
/// database, as the host's everyday role. CSV or JSON, all or nothing, idempotent, counts only in its output.
/// </summary>
public sealed class ImportStaffCommandTests(ImportStaffCommandTests.Database database) : IClassFixture<ImportStaffCommandTests.Database>
{
    /// <summary>What the files hold that the output must never show: names and e-mail addresses.</summary>
    private static readonly string[] PersonalData = ["Kari", "Nordmann", "Hansen", "per-uten-krøllalfa", "@politiet.example"];

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_CSV_file_adds_its_staff_with_roles_units_and_subjects_and_a_second_run_changes_nothing()
    {
        var (first, second) = (Id(), Id());
        var file = await FileAsync(".csv",
            "id;displayName;email;roles;units;externalSubject",
            $"{first};\"Nordmann; Kari\";kari.{first}@politiet.example;Officer|Lead;OSLO-SENTRUM;sub-{first}",
            $"{second};Per Hansen;per.{second}@politiet.example;Auditor;OSLO-SENTRUM|OSLO-OST;");

        var run = await ImportAsync(file);
        var again = await ImportAsync(file);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Read 2 staff: 2 added, 0 changed, 0 unchanged.", run.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Read 2 staff: 0 added, 0 changed, 2 unchanged.", again.Output, StringComparison.Ordinal);
        Assert.Equal(
            $"Nordmann; Kari|kari.{first}@politiet.example|Lead,Officer|OSLO-SENTRUM|sub-{first}",
            await database.RowAsync($"SELECT display_name || '|' || email || '|' || array_to_string(ARRAY(SELECT unnest(roles) ORDER BY 1), ',') || '|' || array_to_string(unit_codes, ',') || '|' || external_subject FROM staff_members WHERE id = '{first}'"));
        Assert.Equal(
            $"add-staff {first}, grant-role {first} Officer, grant-role {first} Lead, grant-unit {first} OSLO-SENTRUM, link-subject {first}",
            await database.RowAsync($"SELECT string_agg(action || coalesce(' ' || unit_code, ''), ', ' ORDER BY id) FROM access_log WHERE staff_id = 'import-staff' AND purpose = 'administration' AND action LIKE '% {first}%'"));
        Assert.All(PersonalData, personal => Assert.DoesNotContain(personal, run.Output + again.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_JSON_file_shaped_as_the_demo_users_updates_staff_by_their_id()
    {
        var (first, second) = (Id(), Id());
        var before = await FileAsync(".json", $$"""
            [
              { "id": "{{first}}", "displayName": "Kari Nordmann", "email": "kari.{{first}}@politiet.example", "roles": ["Officer"], "units": ["OSLO-SENTRUM"] },
              { "id": "{{second}}", "displayName": "Per Hansen", "email": "per.{{second}}@politiet.example", "roles": ["Lead"], "units": ["OSLO-OST"], "externalSubject": "sub-{{second}}" }
            ]
            """);
        var after = await FileAsync(".json", $$"""
            [
              { "id": "{{first}}", "displayName": "Kari Nordmann", "email": "kari.{{first}}@politiet.example", "roles": ["Officer", "Liaison"], "units": ["OSLO-SENTRUM"] },
              { "id": "{{second}}", "displayName": "Per Hansen", "email": "per.{{second}}@politiet.example", "roles": ["Lead"], "units": ["OSLO-OST"] }
            ]
            """);

        var added = await ImportAsync(before);
        var changed = await ImportAsync(after);

        Assert.Equal((0, 0), (added.ExitCode, changed.ExitCode));
        Assert.Contains("Read 2 staff: 2 added, 0 changed, 0 unchanged.", added.Output, StringComparison.Ordinal);
        Assert.Contains("Read 2 staff: 0 added, 1 changed, 1 unchanged.", changed.Output, StringComparison.Ordinal);
        Assert.Equal("Liaison,Officer", await database.RowAsync($"SELECT array_to_string(ARRAY(SELECT unnest(roles) ORDER BY 1), ',') FROM staff_members WHERE id = '{first}'"));
        Assert.Equal($"sub-{second}", await database.RowAsync($"SELECT external_subject FROM staff_members WHERE id = '{second}'"));
    }

    [Fact]
    public async Task Any_error_in_the_file_is_printed_with_its_line_and_nothing_at_all_is_saved_with_exit_code_1()
    {
        var holder = Id();
        await database.ExecuteAsync($"INSERT INTO staff_members (id, display_name, email, roles, unit_codes, external_subject) VALUES ('{holder}', 'Eva Holder', 'eva@politiet.example', '{{Officer}}', '{{OSLO-SENTRUM}}', 'sub-{holder}')");
        var ids = Enumerable.Range(0, 8).Select(_ => Id()).ToArray();
        var file = await FileAsync(".csv",
            "id,displayName,email,roles,units,externalSubject",
            $"{ids[0]},Kari Nordmann,kari.{ids[0]}@politiet.example,Officer,OSLO-SENTRUM,",
            $"{ids[1]},Per Hansen,per-uten-krøllalfa,Officer,OSLO-SENTRUM,",
            $"{ids[2]},Ola Nilsen,ola.{ids[2]}@politiet.example,Officer,OSLO-NORD,",
            $"{ids[3]},Ida Berg,ida.{ids[3]}@politiet.example,Officer,OSLO-GAMMEL,",
            $"{ids[4]},Tor Dahl,tor.{ids[4]}@politiet.example,Sjef,OSLO-SENTRUM,",
            $"{ids[0]},Kari Nordmann,kari.{ids[0]}@politiet.example,Officer,OSLO-SENTRUM,",
            $"{ids[5]},Siv Lie,siv.{ids[5]}@politiet.example,Officer,OSLO-SENTRUM,sub-{holder}",
            $"{ids[6]},Bo Ek,bo.{ids[6]}@politiet.example,Officer",
            $"ny,Nils Ny,nils.{ids[7]}@politiet.example,Officer,OSLO-SENTRUM,");
        var staffBefore = await database.RowAsync("SELECT count(*)::text FROM staff_members");

        var run = await ImportAsync(file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("import-staff found 8 error(s); nothing was saved:", run.Output, StringComparison.Ordinal);
        foreach (var expected in new[]
                 {
                     "line 3, email: E-postadressen er ikke gyldig.", "line 4, units: En av enhetene finnes ikke.",
                     "line 5, units: Enheten Gamle Oslo er deaktivert", "line 6, roles: Ukjent rolle.",
                     "line 7, id: Den samme ansatt-ID-en står også i line 2.", $"line 8, externalSubject: Identiteten er allerede knyttet til ansatt-ID {holder}.",
                     "line 9: has 4 fields, the header 6", "line 10, id: Denne ansatt-ID-en er reservert",
                 })
        {
            Assert.Contains(expected, run.Output, StringComparison.Ordinal);
        }

        Assert.Equal(staffBefore, await database.RowAsync("SELECT count(*)::text FROM staff_members"));
        Assert.Equal("0", await database.RowAsync($"SELECT count(*)::text FROM access_log WHERE action LIKE '% {ids[0]}%'"));
        Assert.All(PersonalData, personal => Assert.DoesNotContain(personal, run.Output, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_file_that_is_neither_CSV_nor_JSON_or_not_there_exits_with_1_and_says_why()
    {
        var text = await FileAsync(".txt", "id;displayName;email;roles;units");

        var wrongKind = await ImportAsync(text);
        var missing = await ImportAsync(Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.csv"));
        var badJson = await ImportAsync(await FileAsync(".json", "[ { \"id\": \"x\", \"displayName\": 3 } ]"));

        Assert.Equal((1, 1, 1), (wrongKind.ExitCode, missing.ExitCode, badJson.ExitCode));
        Assert.Contains("the file must end in .csv or .json", wrongKind.Output, StringComparison.Ordinal);
        Assert.Contains("import-staff failed", missing.Output, StringComparison.Ordinal);
        Assert.Contains("line 1: the file is not a JSON array of staff", badJson.Output, StringComparison.Ordinal);
    }

    private static string Id() => $"imp-{Guid.NewGuid():N}"[..16];

    private static async Task<string> FileAsync(string extension, params string[] lines)
    {
        var path = Path.Combine(Path.GetTempPath(), $"import-staff-{Guid.NewGuid():N}{extension}");
        await File.WriteAllTextAsync(path, string.Join("\n", lines), Token);
        return path;
    }

    private async Task<(int ExitCode, string Output)> ImportAsync(string file)
    {
        var webDll = ServiceProcess.BuiltWebDll;
        var start = new ProcessStartInfo("dotnet", [webDll, "import-staff", file])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Database"] = AppDatabaseRole.ConnectionString(database.ConnectionString);
        start.Environment["Workflows__Folder"] = RepositoryRoot.Combine("workflows");
        start.Environment["Seeds__Folder"] = RepositoryRoot.Combine("seeds");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Token);
        var errors = process.StandardError.ReadToEndAsync(Token);
        await process.WaitForExitAsync(Token);
        return (process.ExitCode, await output + await errors);
    }

    /// <summary>A database migrated by the host's own migrate command, with the Oslo district's units (one of them deactivated).</summary>
    public sealed class Database : IAsyncLifetime
    {
        public string ConnectionString { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            ConnectionString = await TestPostgres.CreateDatabaseAsync("import");
            await ServiceProcess.DeployAsync(ServiceProcess.BuiltWebDll, ConnectionString);
            await ExecuteAsync("""
                INSERT INTO police_districts (code, name) VALUES ('OSLO', 'Oslo politidistrikt');
                INSERT INTO units (code, name, district_code, deactivated_at) VALUES
                    ('OSLO-SENTRUM', 'Forebyggende seksjon sentrum', 'OSLO', NULL),
                    ('OSLO-OST', 'Forebyggende seksjon øst', 'OSLO', NULL),
                    ('OSLO-GAMMEL', 'Gamle Oslo', 'OSLO', now());
                """);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        public async Task ExecuteAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        public async Task<string?> RowAsync(string sql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            return (string?)await command.ExecuteScalarAsync();
        }
    }
}
