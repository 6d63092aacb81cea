using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>
/// A host of its own whose clock the tests move instead of sleeping: for tests that need time to pass (a meeting to
/// begin, a reminder to come due). As a class fixture its tests run one after another and the clock only moves
/// forward; <see cref="Cases.MeetingSlots"/> hands out ever later times, so the next test's meeting still lies ahead.
/// </summary>
public sealed class ClockedHost : IAsyncLifetime
{
    private const string Settled = "0 due timers, 0 activities, 0 letters";

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public ServiceHost Host { get; private set; } = null!;

    /// <summary>Configuration the host starts with, over the test defaults.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        Host = await ServiceHost.StartAsync(settings: Settings, services: services => services.AddSingleton<TimeProvider>(Clock));

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }

    /// <summary>
    /// Moves the clock, fires what is due as each host's due-timer pump does every polling interval on a clock that
    /// really moves, and waits until nothing is in flight: no due timer pending, no activity unrun, no letter unsent.
    /// </summary>
    public async Task MoveClockToAsync(DateTimeOffset instant)
    {
        Clock.SetUtcNow(instant.ToUniversalTime());
        await Host.Services.GetRequiredService<DueTimers>().FireDueAsync(batchSize: 100, parallelism: 4, Token);
        var inFlight = "";
        if (!await Eventually.HoldsAsync(async () => (inFlight = await InFlightAsync()) == Settled, Eventually.DefaultLimit))
        {
            Assert.Fail($"Still under way after {Eventually.DefaultLimit.TotalSeconds:0} s: {inFlight}");
        }
    }

    /// <summary>What is still under way, with the last server reply of each unsent letter.</summary>
    private async Task<string> InFlightAsync()
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        return await db.Database.SqlQuery<string>($"""
            SELECT format('%s due timers, %s activities, %s letters%s',
                (SELECT count(*) FROM workflow.timers WHERE status = 'pending' AND due_at <= {Clock.GetUtcNow()}),
                (SELECT count(*) || coalesce(' ' || string_agg(activity || '/' || attempts, ','), '') FROM workflow.activity_executions WHERE status = 'pending'),
                (SELECT count(*) FROM letters WHERE status = 'Pending'),
                (SELECT ' (' || string_agg(coalesce(server_reply, 'not tried'), ', ') || ')' FROM letters WHERE status = 'Pending')) AS "Value"
            """).SingleAsync(Token);
    }
}
