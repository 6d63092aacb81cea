using System.Text.Json.Nodes;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>The engine on real PostgreSQL and Hangfire, with a fake clock that the tests advance.</summary>
public sealed class WorkflowEngineTests : IAsyncLifetime
{
    private const string ProbeDefinition = """
        name: probe
        title: Probe
        initial: Waiting
        states:
          - name: Waiting
            title: Venter
            timers:
              - name: GiveUp
                offset: P7D
                fire: Expire
          - name: Working
            title: I arbeid
          - name: Expired
            title: Utløpt
            final: true
        triggers:
          - name: Begin
            title: Begynn
            from: [Waiting]
            to: Working
            roles: [Officer]
          - name: Expire
            title: Utløp
            from: [Waiting]
            to: Expired
            roles: [system]
          - name: Remind
            title: Påminn
            from: [Working]
            stay: true
            roles: [Officer]
            activities:
              - activity: remindOfficer
                with: { reminder: followUpDue }
        """;

    private static readonly Actor Officer = new("betjent-oslo", ["Officer"]);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FlakyReminder _reminder = new();
    private string _workflows = "";
    private ServiceHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _workflows = Directory.CreateTempSubdirectory("workflows-").FullName;
        File.Copy(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml"), Path.Combine(_workflows, "bekymringssamtale.yaml"));
        await File.WriteAllTextAsync(Path.Combine(_workflows, "probe.yaml"), ProbeDefinition);
        _host = await StartHostAsync(await TestPostgres.CreateDatabaseAsync("engine"));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_workflows, recursive: true);
    }

    [Fact]
    public async Task A_timer_fires_at_its_due_time_and_not_before()
    {
        var runtime = Runtime(_host);
        var instance = await runtime.StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);
        var timer = await ScalarAsync<Guid>("SELECT id FROM workflow.timers WHERE instance_id = @id", instance);

        _clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await runtime.FireTimerAsync(timer, Token);
        await FireDueTimersAsync(runtime);

        Assert.Equal("Waiting", await StateAsync(instance));
        Assert.Equal("pending", await ScalarAsync<string>("SELECT status FROM workflow.timers WHERE id = @id", timer));

        _clock.Advance(TimeSpan.FromMinutes(1));
        await FireDueTimersAsync(runtime);

        Assert.True(await EventuallyAsync(async () => await StateAsync(instance) == "Expired"), "the timer did not fire when due");
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM workflow.journal WHERE instance_id = @id AND kind = 'timer'", instance));
    }

    [Fact]
    public async Task Hosts_firing_the_same_due_timers_at_once_fire_each_timer_once()
    {
        var runtime = Runtime(_host);
        var instances = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            instances.Add(await runtime.StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token));
        }

        _clock.Advance(TimeSpan.FromDays(8));
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => FireDueTimersAsync(runtime)));

        Assert.True(await EventuallyAsync(async () => await CountAsync("SELECT count(*) FROM workflow.instances WHERE id = ANY(@ids) AND state = 'Expired'", instances) == 20), "not every timer fired");
        Assert.Equal(20L, await CountAsync("SELECT count(*) FROM workflow.journal WHERE instance_id = ANY(@ids) AND kind = 'timer'", instances));
        Assert.Equal(20L, await CountAsync("SELECT count(*) FROM workflow.journal WHERE instance_id = ANY(@ids) AND code = 'Expire'", instances));
    }

    [Fact]
    public async Task A_restarted_host_fires_a_timer_that_fell_due_while_it_was_down_once()
    {
        var instance = await Runtime(_host).StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);
        var database = _host.ConnectionString;
        await _host.DisposeAsync();

        _clock.Advance(TimeSpan.FromDays(8));
        _host = await StartHostAsync(database);
        var runtime = Runtime(_host);
        await FireDueTimersAsync(runtime);
        await FireDueTimersAsync(runtime);

        Assert.True(await EventuallyAsync(async () => await StateAsync(instance) == "Expired"), "the timer did not fire after the restart");
        await FireDueTimersAsync(runtime);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM workflow.journal WHERE instance_id = @id AND kind = 'timer'", instance));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM workflow.timers WHERE instance_id = @id", instance));
    }

    [Fact]
    public async Task An_activity_a_crash_left_pending_is_run_by_the_reconciler_and_a_fresh_one_is_left_to_its_job()
    {
        var runtime = Runtime(_host);
        var instance = await runtime.StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);
        await runtime.FireAsync(instance, "Begin", [], Officer, Token);
        var lost = await AddPendingExecutionAsync(instance);

        Assert.Equal(0, await runtime.ReconcileAsync(Token));
        _clock.Advance(WorkflowRuntime.ReconcileAfter + TimeSpan.FromSeconds(1));

        Assert.Equal(1, await runtime.ReconcileAsync(Token));
        Assert.True(await EventuallyAsync(async () => await ScalarAsync<string>("SELECT status FROM workflow.activity_executions WHERE id = @id", lost) == "done"), "the reconciled activity did not run");
        Assert.Equal(1, _reminder.Successes);
    }

    [Fact]
    public async Task A_timer_of_a_state_the_instance_has_left_does_nothing()
    {
        var runtime = Runtime(_host);
        var instance = await runtime.StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);
        var timer = await ScalarAsync<Guid>("SELECT id FROM workflow.timers WHERE instance_id = @id", instance);
        Assert.IsType<FireOutcome.Fired>(await runtime.FireAsync(instance, "Begin", [], Officer, Token));

        _clock.Advance(TimeSpan.FromDays(8));
        await runtime.FireTimerAsync(timer, Token);

        Assert.Equal("Working", await StateAsync(instance));
        Assert.Equal("cancelled", await ScalarAsync<string>("SELECT status FROM workflow.timers WHERE id = @id", timer));
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM workflow.journal WHERE instance_id = @id AND kind = 'timer'", instance));
    }

    [Fact]
    public async Task Of_fifty_concurrent_triggers_on_one_instance_exactly_one_transition_is_made()
    {
        var runtime = Runtime(_host);
        var instance = await runtime.StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => runtime.FireAsync(instance, "Begin", [], Officer, Token))));

        Assert.Single(outcomes, outcome => outcome is FireOutcome.Fired);
        Assert.All(outcomes.Where(outcome => outcome is not FireOutcome.Fired), outcome =>
            Assert.True(outcome is FireOutcome.Conflict or FireOutcome.Refused { Reason: TriggerCheck.NotFromThisState }, outcome.ToString()));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM workflow.journal WHERE instance_id = @id AND kind = 'transition'", instance));
        Assert.Equal(2, await ScalarAsync<int>("SELECT version FROM workflow.instances WHERE id = @id", instance));
    }

    [Fact]
    public async Task An_activity_that_throws_marks_an_incident_that_a_retry_clears()
    {
        var runtime = Runtime(_host);
        var instance = await runtime.StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);
        await runtime.FireAsync(instance, "Begin", [], Officer, Token);
        _reminder.FailuresLeft = 1;

        Assert.IsType<FireOutcome.Fired>(await runtime.FireAsync(instance, "Remind", [], Officer, Token));

        Assert.True(await EventuallyAsync(async () => await ScalarAsync<bool>("SELECT has_incident FROM workflow.instances WHERE id = @id", instance)), "no incident");
        var execution = await ScalarAsync<Guid>("SELECT id FROM workflow.activity_executions WHERE instance_id = @id AND activity = 'remindOfficer'", instance);
        Assert.Equal("InvalidOperationException", await ScalarAsync<string>("SELECT error_code FROM workflow.activity_executions WHERE id = @id", execution));

        runtime.RetryIncident(execution);

        Assert.True(await EventuallyAsync(async () => !await ScalarAsync<bool>("SELECT has_incident FROM workflow.instances WHERE id = @id", instance)), "the retry did not clear the incident");
        Assert.Equal("done", await ScalarAsync<string>("SELECT status FROM workflow.activity_executions WHERE id = @id", execution));
        Assert.Equal(1, _reminder.Successes);
    }

    [Fact]
    public async Task An_administrator_sees_an_incident_on_the_dashboard_and_resolves_it()
    {
        var runtime = Runtime(_host);
        var instance = await runtime.StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);
        await runtime.FireAsync(instance, "Begin", [], Officer, Token);
        _reminder.FailuresLeft = 1000;
        await runtime.FireAsync(instance, "Remind", [], Officer, Token);
        Assert.True(await EventuallyAsync(async () => await ScalarAsync<bool>("SELECT has_incident FROM workflow.instances WHERE id = @id", instance)), "no incident");
        using var client = _host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.Administrator);

        var listed = await client.GetStringAsync("/hendelser", Token);
        var execution = await ScalarAsync<Guid>("SELECT id FROM workflow.activity_executions WHERE instance_id = @id", instance);
        using var resolve = await client.SubmitAsync("/hendelser", new Dictionary<string, string> { ["executionId"] = execution.ToString() }, handler: "Resolve");
        var after = await client.GetStringAsync("/hendelser", Token);

        Assert.Contains(instance.ToString(), listed, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", listed, StringComparison.Ordinal);
        Assert.Contains("Hendelsen er markert som løst.", after, StringComparison.Ordinal);
        Assert.Contains("Ingen åpne hendelser.", after, StringComparison.Ordinal);
        Assert.False(await ScalarAsync<bool>("SELECT has_incident FROM workflow.instances WHERE id = @id", instance));
    }

    [Fact]
    public async Task A_trigger_the_role_may_not_fire_or_with_bad_input_changes_nothing()
    {
        var runtime = Runtime(_host);
        var instance = await runtime.StartAsync("bekymringssamtale", "OSLO-SENTRUM", [], Officer, Token);

        var refused = await runtime.FireAsync(instance, "ApproveAttendanceOrder", [], Officer, Token);
        var guarded = await runtime.FireAsync(instance, "RequestAttendanceOrder", new JsonObject { ["reason"] = "Ran" }, Officer, Token);
        var invalid = await runtime.FireAsync(instance, "RequestAttendanceOrder", new JsonObject { ["offenceReference"] = 5 }, Officer, Token);

        Assert.Equal(new FireOutcome.Refused(TriggerCheck.NotFromThisState), refused);
        Assert.Equal(new FireOutcome.Refused(TriggerCheck.GuardRefused), guarded);
        Assert.Equal(["offenceReference", "reason"], Assert.IsType<FireOutcome.InvalidInput>(invalid).Errors.Keys.Order());
        Assert.Equal("Registered", await StateAsync(instance));
        Assert.Equal(1, await ScalarAsync<int>("SELECT version FROM workflow.instances WHERE id = @id", instance));
    }

    [Fact]
    public async Task Entering_a_state_creates_its_user_tasks_for_the_units_role_and_leaving_it_closes_them()
    {
        var runtime = Runtime(_host);
        var instance = await runtime.StartAsync("bekymringssamtale", "OSLO-SENTRUM", [], Officer, Token);

        await runtime.FireAsync(instance, "RequestAttendanceOrder", new JsonObject { ["offenceReference"] = "13456789", ["reason"] = "Ran" }, Officer, Token);
        var task = await ScalarAsync<string>("SELECT candidate_role || ' ' || unit_code || ' ' || status FROM workflow.tasks WHERE instance_id = @id", instance);
        await runtime.FireAsync(instance, "ApproveAttendanceOrder", [], new Actor("leder-oslo", ["Lead"]), Token);

        Assert.Equal("Lead OSLO-SENTRUM open", task);
        Assert.Equal("cancelled", await ScalarAsync<string>("SELECT status FROM workflow.tasks WHERE instance_id = @id AND name = 'ApproveAttendanceOrder'", instance));
        Assert.Equal("ReadyToInvite", await StateAsync(instance));
    }

    [Fact]
    public async Task Running_instances_stay_on_their_version_and_a_dry_run_lists_what_a_migration_would_do()
    {
        var runtime = Runtime(_host);
        var waiting = await runtime.StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);
        var working = await runtime.StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);
        await runtime.FireAsync(working, "Begin", [], Officer, Token);
        var versionTwo = ProbeDefinition
            .Replace("  - name: Working\n    title: I arbeid\n", "", StringComparison.Ordinal)
            .Replace("    to: Working", "    to: Expired", StringComparison.Ordinal)
            .Replace("    from: [Working]", "    from: [Waiting]", StringComparison.Ordinal);
        var published = await _host.Services.GetRequiredService<PublishedDefinitions>().PublishAsync(
            [_host.Services.GetRequiredService<BekymringssamtaleService.Workflows.Definitions.WorkflowDefinitionLoader>().Load("probe.yaml", versionTwo)], Token);

        var dryRun = await runtime.MigrateAsync("probe", published.Single().Version, dryRun: true, Officer, Token);

        Assert.Equal(2, published.Single().Version);
        Assert.Equal([waiting], dryRun.Moved.Select(item => item.InstanceId));
        Assert.Equal("Versjon 2 mangler steget Working.", Assert.Single(dryRun.Refused).Refusal);
        Assert.IsType<FireOutcome.Fired>(await runtime.FireAsync(working, "Remind", [], Officer, Token));
        Assert.Equal(1, await ScalarAsync<int>("SELECT d.version FROM workflow.instances i JOIN workflow.definitions d ON d.id = i.definition_id WHERE i.id = @id", waiting));

        var migration = await runtime.MigrateAsync("probe", 2, dryRun: false, Officer, Token);

        Assert.Single(migration.Moved);
        Assert.Equal(2, await ScalarAsync<int>("SELECT d.version FROM workflow.instances i JOIN workflow.definitions d ON d.id = i.definition_id WHERE i.id = @id", waiting));
        Assert.Equal(1, await ScalarAsync<int>("SELECT d.version FROM workflow.instances i JOIN workflow.definitions d ON d.id = i.definition_id WHERE i.id = @id", working));
        Assert.Equal(new FireOutcome.Fired("Waiting", "Expired", 3), await runtime.FireAsync(waiting, "Begin", [], Officer, Token));
    }

    [Fact]
    public async Task Publishing_the_same_definition_again_makes_no_new_version()
    {
        var publisher = _host.Services.GetRequiredService<PublishedDefinitions>();
        var catalog = _host.Services.GetRequiredService<BekymringssamtaleService.Web.ConcernConversation.WorkflowCatalog>();

        var again = await publisher.PublishAsync(catalog.All, Token);

        Assert.All(again, definition => Assert.Equal(1, definition.Version));
        Assert.Equal(2L, await ScalarAsync<long>("SELECT count(*) FROM workflow.definitions WHERE @id IS NOT NULL", Guid.Empty));
    }

    [Fact]
    public async Task The_journal_cannot_be_changed_or_emptied()
    {
        var instance = await Runtime(_host).StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);

        var update = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<object>("UPDATE workflow.journal SET code = 'x' WHERE instance_id = @id", instance));
        var delete = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<object>("DELETE FROM workflow.journal WHERE instance_id = @id", instance));

        Assert.Contains("append-only", update.MessageText, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.MessageText, StringComparison.Ordinal);
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM workflow.journal WHERE instance_id = @id", instance));
    }

    [Fact]
    public async Task Completing_a_task_fires_its_trigger_and_only_a_candidate_may_complete_it()
    {
        var runtime = Runtime(_host);
        var instance = await runtime.StartAsync("bekymringssamtale", "OSLO-SENTRUM", new JsonObject { ["offenceReference"] = "13456789" }, Officer, Token);
        await runtime.FireAsync(instance, "RequestAttendanceOrder", new JsonObject { ["reason"] = "Skadeverk" }, Officer, Token);
        var task = await ScalarAsync<Guid>("SELECT id FROM workflow.tasks WHERE instance_id = @id AND status = 'open'", instance);

        var byOfficer = await runtime.CompleteTaskAsync(task, [], Officer, Token);
        var byLead = await runtime.CompleteTaskAsync(task, [], new Actor("leder-oslo", ["Lead"]), Token);

        Assert.Equal(TaskCompletionStatus.NotACandidate, byOfficer.Status);
        Assert.Equal(TaskCompletionStatus.Completed, byLead.Status);
        Assert.Equal("ReadyToInvite", await StateAsync(instance));
        Assert.Equal("done leder-oslo", await ScalarAsync<string>("SELECT status || ' ' || completed_by FROM workflow.tasks WHERE id = @id", task));
    }

    private ValueTask<ServiceHost> StartHostAsync(string database) => new(ServiceHost.StartAsync(
        database,
        new Dictionary<string, string?> { ["Workflows:Folder"] = _workflows },
        services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IWorkflowActivityHandler>(_reminder);
        }));

    private static WorkflowRuntime Runtime(ServiceHost host) => host.Services.GetRequiredService<WorkflowRuntime>();

    /// <summary>One round of what every job host's due-timer pump does each polling interval.</summary>
    private static Task<int> FireDueTimersAsync(WorkflowRuntime runtime) => runtime.FireDueTimersAsync(batchSize: 100, parallelism: 4, Token);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<string> StateAsync(Guid instance) => ScalarAsync<string>("SELECT state FROM workflow.instances WHERE id = @id", instance);

    /// <summary>An execution as a trigger writes it, whose hand-over to the job system a crash prevented.</summary>
    private async Task<Guid> AddPendingExecutionAsync(Guid instance)
    {
        var execution = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO workflow.activity_executions (id, instance_id, activity, input, status, created_at)
            VALUES (@id, @instance, 'remindOfficer', '{"reminder": "followUpDue"}', 'pending', @now)
            """,
            connection);
        command.Parameters.AddWithValue("id", execution);
        command.Parameters.AddWithValue("instance", instance);
        command.Parameters.AddWithValue("now", _clock.GetUtcNow());
        await command.ExecuteNonQueryAsync(Token);
        return execution;
    }

    private async Task<long> CountAsync(string sql, IReadOnlyList<Guid> ids)
    {
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("ids", ids.ToArray());
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    private async Task<T> ScalarAsync<T>(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }

    // Jobs run on Hangfire's workers: wait for what they change, with a deadline, never a fixed sleep.
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!deadline.IsCancellationRequested)
        {
            if (await condition())
            {
                return true;
            }

            await Task.Delay(50, Token);
        }

        return await condition();
    }

    /// <summary>Stands in for the officer reminder: fails as many times as asked, then succeeds.</summary>
    private sealed class FlakyReminder : IWorkflowActivityHandler
    {
        private int _failuresLeft;
        private int _successes;

        public string Name => "remindOfficer";

        public int FailuresLeft
        {
            set => Interlocked.Exchange(ref _failuresLeft, value);
        }

        public int Successes => Volatile.Read(ref _successes);

        public Task RunAsync(ActivityContext context, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref _failuresLeft) >= 0)
            {
                throw new InvalidOperationException("The reminder could not be sent.");
            }

            Interlocked.Increment(ref _successes);
            return Task.CompletedTask;
        }
    }
}
