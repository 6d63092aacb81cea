using System.Diagnostics;

namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>
/// The engine's spans, for the due-work pump's lanes and the steps: a step (trigger fired on an instance), an activity
/// run, a round of due timers with a span per timer, a round of activity retries. They carry ids, codes and states
/// only — what an instance holds is never an attribute.
/// </summary>
public static class WorkflowTracing
{
    public const string SourceName = "BekymringssamtaleService.Workflows";

    public const string Workflow = "bekymring.workflow";
    public const string Step = "bekymring.workflow.step";
    public const string Instance = "bekymring.workflow.instance_id";
    public const string State = "bekymring.workflow.state";
    public const string FromState = "bekymring.workflow.from_state";
    public const string ToState = "bekymring.workflow.to_state";
    public const string Outcome = "bekymring.outcome";
    public const string Timer = "bekymring.timer";
    public const string TimerId = "bekymring.timer.id";
    public const string DueTimers = "bekymring.timers.due";
    public const string Refusal = "bekymring.workflow.refusal";
    public const string ActivityName = "bekymring.activity";
    public const string ExecutionId = "bekymring.activity.execution_id";
    public const string DueActivities = "bekymring.activities.due";

    internal static readonly ActivitySource Source = new(SourceName);

    /// <summary>
    /// What became of a step: its outcome, and the trigger and states where the definition knows them (a trigger name
    /// the definition does not have came from the caller and is left out).
    /// </summary>
    internal static void Describe(Activity? span, string triggerName, FireOutcome outcome)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(Outcome, outcome switch
        {
            FireOutcome.Fired => "fired",
            FireOutcome.Refused => "refused",
            FireOutcome.InvalidInput => "invalid-input",
            FireOutcome.Conflict => "conflict",
            _ => "not-found",
        });
        if (outcome is not (FireOutcome.NotFound or FireOutcome.Refused { Reason: TriggerCheck.UnknownTrigger }))
        {
            span.SetTag(Step, triggerName);
        }

        switch (outcome)
        {
            case FireOutcome.Fired fired:
                span.SetTag(FromState, fired.FromState).SetTag(ToState, fired.ToState);
                break;
            case FireOutcome.Refused refused:
                span.SetTag(Refusal, refused.Reason.ToString());
                break;
        }
    }

    /// <summary>Marks the span failed with the exception's type, never its message (it can quote what an instance holds).</summary>
    internal static void MarkFailed(Activity? span, Exception exception) =>
        span?.SetStatus(ActivityStatusCode.Error).SetTag("error.type", exception.GetType().FullName);

    /// <summary>For an exception filter: <see cref="MarkFailed"/>, and the exception passes on untouched.</summary>
    internal static bool Failed(Activity? span, Exception exception)
    {
        MarkFailed(span, exception);
        return false;
    }
}
