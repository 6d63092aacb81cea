using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.IntegrationTests.Cases;
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
/// forward; <see cref="NextSlot"/> hands out ever later times ahead of it.
/// </summary>
public sealed class ClockedHost : IAsyncLifetime
{
    private const string Settled = "0 due timers, 0 activities, 0 letters";

    private DateTimeOffset _lastSlot = DateTimeOffset.MinValue;

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
    /// The next free hour (a 60-minute meeting) of a weekday's working day, a week or more ahead of the clock: each
    /// booking of the host's tests gets its own hour, so no officer is booked twice by accident.
    /// </summary>
    public DateTimeOffset NextSlot()
    {
        var earliest = Clock.GetUtcNow().AddDays(7) > _lastSlot.AddHours(1) ? Clock.GetUtcNow().AddDays(7) : _lastSlot.AddHours(1);
        var local = OsloTime.ToOslo(earliest).DateTime;
        var slot = new DateTime(local.Year, local.Month, local.Day, local.Hour, 0, 0).AddHours(local.Minute > 0 || local.Second > 0 ? 1 : 0);
        while (slot.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday || slot.Hour is < 8 or > 14)
        {
            slot = slot.Hour > 14 ? slot.Date.AddDays(1).AddHours(8) : slot.Hour < 8 ? slot.Date.AddHours(8) : slot.Date.AddDays(1).AddHours(8);
        }

        _lastSlot = OsloTime.FromOsloWallClock(slot);
        return _lastSlot;
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

    /// <summary>A case through its first conversation (held, at the next slot) and its mapping: measures can be agreed next.</summary>
    internal async Task<Guid> MappedCaseAsync(CaseApi api, JsonObject registration)
    {
        var meeting = NextSlot();
        var id = await api.RegisterAsync(registration);
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        await api.StepAsync(id, "invite", CaseRequests.Invitation(meeting));
        await MoveClockToAsync(meeting);
        await api.StepAsync(id, "record-attendance", new { youthAttended = true });
        await api.StepAsync(id, "record-mapping", CaseRequests.Mapping("moderate"));
        return id;
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
