using System.Diagnostics.Metrics;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// The engine's figures for operators, on the meter the host gives it: the steps taken (instances started and triggers
/// fired; operators derive steps per second) and how late each due timer fired by the engine's clock. Tagged with
/// codes from the definition only (workflow, step, timer), never with what an instance holds.
/// </summary>
public sealed class WorkflowMetrics
{
    public const string StepsName = "bekymring.workflow.steps";
    public const string TimerLatenessName = "bekymring.timers.lateness";

    /// <summary>The step a started instance counts as; every other step is named by its trigger.</summary>
    public const string StartStep = "start";

    private readonly Counter<long> _steps;
    private readonly Histogram<double> _timerLateness;

    public WorkflowMetrics(Meter meter)
    {
        ArgumentNullException.ThrowIfNull(meter);
        _steps = meter.CreateCounter<long>(StepsName, "{step}", "Workflow steps taken: instances started and triggers fired.");
        _timerLateness = meter.CreateHistogram<double>(
            TimerLatenessName,
            "s",
            "How long after its due time a timer fired, by the service's clock: what the due-work pump lags behind.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 900, 3600] });
    }

    internal void StepTaken(string workflow, string step) =>
        _steps.Add(1, new KeyValuePair<string, object?>(WorkflowTracing.Workflow, workflow), new KeyValuePair<string, object?>(WorkflowTracing.Step, step));

    internal void TimerFired(string workflow, string timer, TimeSpan lateness) =>
        _timerLateness.Record(
            Math.Max(0, lateness.TotalSeconds),
            new KeyValuePair<string, object?>(WorkflowTracing.Workflow, workflow),
            new KeyValuePair<string, object?>(WorkflowTracing.Timer, timer));
}
