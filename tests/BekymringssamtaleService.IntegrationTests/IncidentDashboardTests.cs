using System.Net;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>
/// The administrator's incident page on a real host. The host runs a probe workflow beside the real one, its officer
/// reminder is replaced by one that fails as often as the test says, and an activity has one attempt only, so its
/// first failure is an incident at once. The engine itself is tested without a host in BekymringssamtaleService.Workflows.Tests.
/// </summary>
public sealed class IncidentDashboardTests : IAsyncLifetime
{
    private const string ProbeDefinition = """
        name: probe
        title: Probe
        initial: Working
        states:
          - name: Working
            title: I arbeid
        triggers:
          - name: Remind
            title: Påminn
            from: [Working]
            stay: true
            roles: [Officer]
            activities:
              - activity: remindOfficer
                with: { reminder: followUpDue }
        """;

    private static readonly Actor Officer = new(DemoUsers.OsloOfficer, ["Officer"]);

    /// <summary>How often the host's due-work pump looks for activities to retry: a retried incident runs within it.</summary>
    private static readonly TimeSpan PollingInterval = TimeSpan.FromMilliseconds(200);

    private readonly FlakyReminder _reminder = new();
    private string _workflows = "";
    private ServiceHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _workflows = Directory.CreateTempSubdirectory("workflows-").FullName;
        File.Copy(RepositoryRoot.Combine("workflows", "bekymringssamtale.yaml"), Path.Combine(_workflows, "bekymringssamtale.yaml"));
        await File.WriteAllTextAsync(Path.Combine(_workflows, "probe.yaml"), ProbeDefinition, Token);
        _host = await ServiceHost.StartAsync(
            settings: new Dictionary<string, string?>
            {
                ["Workflows:Folder"] = _workflows,
                ["Jobs:PollingInterval"] = PollingInterval.ToString(),
            },
            services: services =>
            {
                // Registered after the host's own: the engine takes the last activity of a name, and this policy.
                services.AddSingleton<IWorkflowActivity>(_reminder);
                services.AddSingleton(new ActivityRetryPolicy(1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)));
            });
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        Directory.Delete(_workflows, recursive: true);
    }

    [Fact]
    public async Task An_administrator_sees_an_incident_on_the_dashboard_and_resolves_it()
    {
        _reminder.FailuresLeft = 1000;
        var (instance, execution) = await IncidentAsync();
        using var client = _host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.Administrator);

        var listed = await client.GetStringAsync("/hendelser", Token);
        using var resolve = await client.SubmitAsync("/hendelser", new Dictionary<string, string> { ["executionId"] = execution.ToString() }, handler: "Resolve");
        var after = await client.GetStringAsync("/hendelser", Token);

        Assert.Contains(instance.ToString(), listed, StringComparison.Ordinal);
        Assert.Contains("InvalidOperationException", listed, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, resolve.StatusCode);
        Assert.Contains("Hendelsen er markert som løst.", after, StringComparison.Ordinal);
        Assert.Contains("Ingen åpne hendelser.", after, StringComparison.Ordinal);
        Assert.Equal("resolved", await ScalarAsync<string>("SELECT status FROM workflow.activity_executions WHERE id = @id", execution));
        Assert.False(await ScalarAsync<bool>("SELECT has_incident FROM workflow.instances WHERE id = @id", instance));
        Assert.Equal("incident-resolved remindOfficer forvalter", await ScalarAsync<string>(
            "SELECT kind || ' ' || code || ' ' || actor_id FROM workflow.journal WHERE instance_id = @id ORDER BY id DESC LIMIT 1", instance));
        Assert.Equal(0, _reminder.Successes);
    }

    [Fact]
    public async Task An_incident_an_administrator_retries_on_the_dashboard_is_run_again_by_the_pump_and_clears()
    {
        _reminder.FailuresLeft = 1;
        var (instance, execution) = await IncidentAsync();
        using var client = _host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.Administrator);

        using var retry = await client.SubmitAsync("/hendelser", new Dictionary<string, string> { ["executionId"] = execution.ToString() }, handler: "Retry");
        var after = await client.GetStringAsync("/hendelser", Token);
        await Eventually.TrueAsync(
            async () => await ScalarAsync<string>("SELECT status FROM workflow.activity_executions WHERE id = @id", execution) == "done",
            "the pump to run the retried activity");

        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        Assert.Contains("Aktiviteten prøves på nytt i løpet av få sekunder.", after, StringComparison.Ordinal);
        Assert.Contains("Ingen åpne hendelser.", await client.GetStringAsync("/hendelser", Token), StringComparison.Ordinal);
        Assert.Equal(2, await ScalarAsync<int>("SELECT attempts FROM workflow.activity_executions WHERE id = @id", execution));
        Assert.False(await ScalarAsync<bool>("SELECT has_incident FROM workflow.instances WHERE id = @id", instance));
        Assert.Equal(1, _reminder.Successes);
    }

    /// <summary>A probe instance whose reminder failed its one attempt: the instance and the failed execution.</summary>
    private async Task<(Guid Instance, Guid Execution)> IncidentAsync()
    {
        var transitions = _host.Services.GetRequiredService<WorkflowTransitions>();
        var instance = await transitions.StartAsync("probe", "OSLO-SENTRUM", [], Officer, Token);
        Assert.IsType<FireOutcome.Fired>(await transitions.FireAsync(instance, "Remind", [], Officer, Token));
        Assert.True(await ScalarAsync<bool>("SELECT has_incident FROM workflow.instances WHERE id = @id", instance), "the first failure is no incident");
        return (instance, await ScalarAsync<Guid>("SELECT id FROM workflow.activity_executions WHERE instance_id = @id AND status = 'failed'", instance));
    }

    private async Task<T> ScalarAsync<T>(string sql, Guid id)
    {
        await using var connection = new NpgsqlConnection(_host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("id", id);
        return (T)(await command.ExecuteScalarAsync(Token))!;
    }

    /// <summary>Stands in for the officer reminder: fails as many times as asked, then succeeds.</summary>
    private sealed class FlakyReminder : IWorkflowActivity
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
