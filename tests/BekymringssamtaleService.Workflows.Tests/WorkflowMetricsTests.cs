using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using BekymringssamtaleService.Workflows.Runtime;

namespace BekymringssamtaleService.Workflows.Tests;

/// <summary>The figures operators watch from the engine: each step taken counted once, and how late a timer fired by the engine's clock.</summary>
public sealed class WorkflowMetricsTests(EngineDatabase db) : IClassFixture<EngineDatabase>, IDisposable
{
    private readonly ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)> _measured = new();
    private MeterListener? _listener;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_start_and_each_fired_trigger_count_as_one_step_each_by_workflow_and_step_and_a_refused_trigger_counts_none()
    {
        Listen();
        var instance = await db.StartAsync();
        Assert.IsType<FireOutcome.Refused>(await db.Engine.Transitions.FireAsync(instance, "Begin", [], ProbeWorkflow.Officer, Token));

        await db.StartWorkingAsync();

        var steps = Measured(WorkflowMetrics.StepsName);
        Assert.Equal(3, steps.Count);
        Assert.All(steps, step => Assert.Equal((1.0, ProbeWorkflow.Name), (step.Value, step.Tags["bekymring.workflow"] as string)));
        Assert.Equal(["start", "start", "Begin"], steps.Select(step => step.Tags["bekymring.workflow.step"] as string));
    }

    [Fact]
    public async Task A_timer_fired_by_a_round_90_seconds_after_its_due_time_is_recorded_as_90_seconds_late()
    {
        var instance = await db.StartAsync();
        db.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(90));
        Listen();

        await db.Engine.Timers.FireDueAsync(batchSize: 100, parallelism: 4, Token);

        // The other test's instance, started at the same instant, may give up in this round too, just as late.
        Assert.Equal("Expired", await db.StateAsync(instance));
        var lateness = Measured(WorkflowMetrics.TimerLatenessName);
        Assert.NotEmpty(lateness);
        Assert.All(lateness, timer => Assert.Equal((90.0, "GiveUp"), (timer.Value, timer.Tags["bekymring.timer"] as string)));
        Assert.Equal(lateness.Count, Measured(WorkflowMetrics.StepsName).Count(step => Equals(step.Tags["bekymring.workflow.step"], "Expire")));
    }

    public void Dispose() => _listener?.Dispose();

    /// <summary>Listens to this test's engine's meter only (the database's own), from now on.</summary>
    private void Listen()
    {
        _listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter == db.Meter)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _measured.Enqueue((instrument.Name, value, new Dictionary<string, object?>(tags.ToArray())));

    private List<(string Instrument, double Value, Dictionary<string, object?> Tags)> Measured(string instrument) =>
        [.. _measured.Where(measurement => measurement.Instrument == instrument)];
}
