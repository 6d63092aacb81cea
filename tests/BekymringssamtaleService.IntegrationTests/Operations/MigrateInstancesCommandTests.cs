using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests.Operations;

/// <summary>
/// Cases registered before the consent steps arrived (version 1) are moved to the version that has them, with a host
/// running: the dry run changes nothing, the run moves what can move and leaves the rest, and a second run moves nothing.
/// </summary>
public sealed class MigrateInstancesCommandTests : IDisposable
{
    private const string ConsentStepsStart = "  # Consent to share with school";
    private const string ConsentStepsEnd = "  # A follow-up conversation";

    private readonly string _olderFolder = Directory.CreateTempSubdirectory("workflows-").FullName;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_olderFolder, recursive: true);

    [Fact]
    public async Task Instances_of_the_version_before_the_consent_steps_move_to_the_new_version_and_then_offer_them_except_one_waiting_at_a_task_it_lacks()
    {
        var database = await TestPostgres.CreateDatabaseAsync("instances");
        Assert.Equal(0, (await HostCommand.RunAsync(database, ["migrate"])).ExitCode);
        await WriteVersionBeforeTheConsentStepsAsync();
        var olderPublished = await HostCommand.RunAsync(database, ["publish-workflows"], new Dictionary<string, string?> { ["Workflows__Folder"] = _olderFolder });
        Assert.Contains("Published bekymringssamtale version 1.", olderPublished.Output, StringComparison.Ordinal);
        await using var host = await ServiceHost.StartAsync(database);
        using var api = new CaseApi(host, DemoUsers.OsloOfficer);
        var movable = await api.RegisterAsync();
        var waitingAtOldTask = await api.RegisterAsync();
        // As version 1 left them: on version 1, one waiting at the task its Registered state had.
        await ExecuteAsync(database,
            """
            UPDATE workflow.instances SET definition_id = (SELECT id FROM workflow.definitions WHERE version = 1) WHERE id IN (@movable, @waiting);
            INSERT INTO workflow.tasks (id, instance_id, entry, name, title, candidate_role, unit_code, due_at, status, created_at)
            SELECT gen_random_uuid(), id, entry, 'AssessConcern', 'Vurder bekymringen', 'Officer', unit_code, now(), 'open', now() FROM workflow.instances WHERE id = @waiting;
            """,
            ("movable", movable), ("waiting", waitingAtOldTask));
        Assert.DoesNotContain("record-consent", (await api.GetAsync(movable)).Actions);

        var dryRun = await HostCommand.RunAsync(database, ["migrate-instances", "--to", "2", "--dry-run"]);

        Assert.Equal(0, dryRun.ExitCode);
        Assert.Contains("Dry run: nothing is changed. 2 running instance(s) of bekymringssamtale on versions before 2.", dryRun.Output, StringComparison.Ordinal);
        Assert.Contains(
            $"Not movable: {waitingAtOldTask} (version 1, Registered): version 2 has no task AssessConcern in the state Registered.", dryRun.Output, StringComparison.Ordinal);
        Assert.Equal((1, 1), (await VersionOfAsync(database, movable), await VersionOfAsync(database, waitingAtOldTask)));

        var run = await HostCommand.RunAsync(database, ["migrate-instances", "--to", "2"]);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Moved 1 instance(s) of bekymringssamtale to version 2; 1 left as they are.", run.Output, StringComparison.Ordinal);
        Assert.Contains($"Not movable: {waitingAtOldTask}", run.Output, StringComparison.Ordinal);
        Assert.Equal((2, 1), (await VersionOfAsync(database, movable), await VersionOfAsync(database, waitingAtOldTask)));
        Assert.Contains("record-consent", (await api.GetAsync(movable)).Actions);
        Assert.DoesNotContain("record-consent", (await api.GetAsync(waitingAtOldTask)).Actions);
        Assert.Contains(await api.TimelineAsync(movable), entry => entry.Title == "Flyttet til ny versjon av arbeidsflyten");

        var again = await HostCommand.RunAsync(database, ["migrate-instances", "--to", "2"]);

        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Plan: 1 running instance(s) of bekymringssamtale on versions before 2.", again.Output, StringComparison.Ordinal);
        Assert.Equal(["migrated 1->2 operations"], await MigrationJournalAsync(database, movable));
        Assert.Empty(await MigrationJournalAsync(database, waitingAtOldTask));
    }

    /// <summary>The workflow as it was before the consent steps: without them, and with a task in Registered that is gone now.</summary>
    private async Task WriteVersionBeforeTheConsentStepsAsync()
    {
        var current = await File.ReadAllTextAsync(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml"), Token);
        var older = current[..current.IndexOf(ConsentStepsStart, StringComparison.Ordinal)] + current[current.IndexOf(ConsentStepsEnd, StringComparison.Ordinal)..];
        older = older.Replace(
            "  - name: Registered\n    title: Registrert\n",
            "  - name: Registered\n    title: Registrert\n    tasks:\n      - name: AssessConcern\n        title: Vurder bekymringen\n        candidateRole: Officer\n        due: P2D\n",
            StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_olderFolder, "bekymringssamtale.yaml"), older, Token);
    }

    private static async Task<int> VersionOfAsync(string database, Guid instance) =>
        (int)(await QueryAsync(database, "SELECT d.version FROM workflow.instances i JOIN workflow.definitions d ON d.id = i.definition_id WHERE i.id = @id", instance))[0];

    private static async Task<List<string>> MigrationJournalAsync(string database, Guid instance) =>
        [.. (await QueryAsync(database, "SELECT kind || ' ' || code || ' ' || actor_id FROM workflow.journal WHERE instance_id = @id AND kind = 'migrated'", instance)).Cast<string>()];

    private static async Task<List<object>> QueryAsync(string database, string sql, Guid instance)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", instance);
        await using var reader = await command.ExecuteReaderAsync(Token);
        var values = new List<object>();
        while (await reader.ReadAsync(Token))
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }

    private static async Task ExecuteAsync(string database, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(Token);
    }
}
