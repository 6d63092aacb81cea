using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>Timers as the due-work pump fires them: the probe's Waiting gives up after seven days (the timer fires Expire).</summary>
public sealed class DueTimerTests(EngineDatabase db) : IClassFixture<EngineDatabase>
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_timer_fires_at_its_due_time_and_not_before()
    {
        var instance = await db.StartAsync();
        var timer = await db.ScalarAsync<Guid>("SELECT id FROM workflow.timers WHERE instance_id = @id", instance);
        Assert.Equal(db.Clock.GetUtcNow() + TimeSpan.FromDays(7), await db.ScalarAsync<DateTimeOffset>("SELECT due_at FROM workflow.timers WHERE id = @id", timer));

        db.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));
        await db.Engine.Timers.FireAsync(timer, Token);
        await FireDueAsync(db.Engine);

        Assert.Equal("Waiting", await db.StateAsync(instance));
        Assert.Equal("pending", await db.ScalarAsync<string>("SELECT status FROM workflow.timers WHERE id = @id", timer));

        db.Clock.Advance(TimeSpan.FromMinutes(1));
        await FireDueAsync(db.Engine);

        Assert.Equal("Expired", await db.StateAsync(instance));
        Assert.Equal("fired", await db.ScalarAsync<string>("SELECT status FROM workflow.timers WHERE id = @id", timer));
        Assert.Equal(["started probe", "timer GiveUp", "transition Expire"], await db.JournalAsync(instance));
    }

    [Fact]
    public async Task Engines_firing_the_same_due_timers_at_once_fire_each_timer_once()
    {
        var instances = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            instances.Add(await db.StartAsync());
        }

        var engines = new[] { db.Engine, await db.StartEngineAsync(), await db.StartEngineAsync(), await db.StartEngineAsync() };
        db.Clock.Advance(TimeSpan.FromDays(8));
        await Task.WhenAll(engines.Select(engine => Task.Run(() => FireDueAsync(engine), Token)));

        foreach (var instance in instances)
        {
            Assert.Equal("Expired", await db.StateAsync(instance));
            Assert.Equal(["started probe", "timer GiveUp", "transition Expire"], await db.JournalAsync(instance));
        }
    }

    [Fact]
    public async Task A_timer_that_fell_due_while_no_engine_ran_fires_once_at_the_first_round_after()
    {
        var instance = await db.StartAsync();

        db.Clock.Advance(TimeSpan.FromDays(8));
        var restarted = await db.StartEngineAsync();
        await FireDueAsync(restarted);
        await FireDueAsync(restarted);

        Assert.Equal("Expired", await db.StateAsync(instance));
        Assert.Equal(["started probe", "timer GiveUp", "transition Expire"], await db.JournalAsync(instance));
        Assert.Equal(1L, await db.ScalarAsync<long>("SELECT count(*) FROM workflow.timers WHERE instance_id = @id", instance));
    }

    [Fact]
    public async Task A_timer_of_a_state_the_instance_has_left_is_cancelled_and_never_fires()
    {
        var instance = await db.StartWorkingAsync();
        var timer = await db.ScalarAsync<Guid>("SELECT id FROM workflow.timers WHERE instance_id = @id", instance);

        db.Clock.Advance(TimeSpan.FromDays(8));
        await db.Engine.Timers.FireAsync(timer, Token);
        await FireDueAsync(db.Engine);

        Assert.Equal("Working", await db.StateAsync(instance));
        Assert.Equal("cancelled", await db.ScalarAsync<string>("SELECT status FROM workflow.timers WHERE id = @id", timer));
        Assert.Equal(["started probe", "transition Begin"], await db.JournalAsync(instance));
    }

    [Fact]
    public async Task A_timer_whose_trigger_loses_a_race_to_another_change_of_the_instance_still_fires_its_trigger()
    {
        var instance = await db.StartAsync();
        var timer = await db.ScalarAsync<Guid>("SELECT id FROM workflow.timers WHERE instance_id = @id", instance);
        db.Clock.Advance(TimeSpan.FromDays(7));

        // An officer's note commits while the timer's trigger has read the instance and waits to write it.
        Task? firing = null;
        var note = await db.Engine.Transitions.FireAsync(instance, "Note", [], ProbeWorkflow.Officer, async (_, _) =>
        {
            firing = Task.Run(() => db.Engine.Timers.FireAsync(timer, Token), Token);
            await Eventually.TrueAsync(async () => await db.WaitingForLocksAsync() == 1, "the timer's trigger waits to write the instance");
        }, Token);
        await firing!;

        Assert.Equal(new FireOutcome.Fired("Waiting", "Waiting", 2), note);
        Assert.Equal("Expired", await db.StateAsync(instance));
        Assert.Equal(["started probe", "transition Note", "timer GiveUp", "transition Expire"], await db.JournalAsync(instance));
    }

    /// <summary>One round of what every job host's due-work pump does each polling interval.</summary>
    private static Task<int> FireDueAsync(WorkflowEngine engine) => engine.Timers.FireDueAsync(batchSize: 100, parallelism: 4, Token);
}
