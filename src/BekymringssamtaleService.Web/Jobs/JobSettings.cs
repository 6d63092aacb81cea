using System.ComponentModel.DataAnnotations;

namespace BekymringssamtaleService.Web.Jobs;

/// <summary>The section "Jobs": whether this host runs the due-work pump and Hangfire's recurring jobs, and how often they poll.</summary>
public sealed class JobSettings
{
    public const string SectionName = "Jobs";

    /// <summary>Whether this host runs jobs as well as serving pages; every host that does shares the work.</summary>
    public bool RunServer { get; init; } = true;

    /// <summary>Hangfire's workers on this host (recurring jobs: task escalation, retention).</summary>
    [Range(1, 100)]
    public int WorkerCount { get; init; } = 4;

    /// <summary>How often due work (timers, activity retries, letters) and Hangfire's jobs are looked for: it bounds how late a timer fires.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(1);
}
