using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>
/// A host whose clock the tests move, for the follow-up loop: conversations are booked ahead and recorded once they
/// have started. The clock only moves forward, so the tests of the class share it; each booking gets its own hour.
/// </summary>
public sealed class FollowUpClock : IAsyncLifetime
{
    private const string Settled = "0 due timers, 0 activities, 0 letters";

    private DateTimeOffset _lastSlot = DateTimeOffset.MinValue;

    public FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    public ServiceHost Host { get; private set; } = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        Host = await ServiceHost.StartAsync(services: services => services.AddSingleton<TimeProvider>(Clock));

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();

    /// <summary>The next free hour (a 60-minute meeting) of a weekday's working day, a week or more ahead of the clock.</summary>
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
    /// Moves the clock, fires what is due as each host's due-timer pump does, and waits until nothing is in flight: no
    /// due timer pending, no activity unrun, no letter unsent.
    /// </summary>
    public async Task MoveToAsync(DateTimeOffset instant)
    {
        Clock.SetUtcNow(instant.ToUniversalTime());
        await Host.Services.GetRequiredService<DueTimers>().FireDueAsync(batchSize: 100, parallelism: 4, Token);
        var inFlight = "";
        if (!await Eventually.HoldsAsync(async () => (inFlight = await InFlightAsync()) == Settled, Eventually.DefaultLimit))
        {
            Assert.Fail($"Still under way after {Eventually.DefaultLimit.TotalSeconds:0} s: {inFlight}");
        }
    }

    private async Task<string> InFlightAsync()
    {
        using var scope = Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        return await db.Database.SqlQuery<string>($"""
            SELECT format('%s due timers, %s activities, %s letters',
                (SELECT count(*) FROM workflow.timers WHERE status = 'pending' AND due_at <= {Clock.GetUtcNow()}),
                (SELECT count(*) FROM workflow.activity_executions WHERE status = 'pending'),
                (SELECT count(*) FROM letters WHERE status = 'Pending')) AS "Value"
            """).SingleAsync(Token);
    }
}
