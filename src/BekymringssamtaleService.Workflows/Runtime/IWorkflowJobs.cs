namespace BekymringssamtaleService.Workflows.Runtime;

/// <summary>Where the engine hands work after a commit: ids only, never data.</summary>
public interface IWorkflowJobs
{
    /// <summary>Fires the timer at (or soon after) the instant; returns the job's id.</summary>
    string ScheduleTimer(Guid timerId, TimeSpan delay);

    /// <summary>Whether the job a timer was given is still waiting to run (false when it was lost or deleted).</summary>
    bool IsTimerScheduled(string jobId);

    void RunActivity(Guid executionId);
}
