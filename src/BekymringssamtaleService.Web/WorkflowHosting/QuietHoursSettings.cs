using System.ComponentModel.DataAnnotations;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Web.WorkflowHosting;

/// <summary>The section "QuietHours": the nightly window (Norwegian time) in which no reminder reaches a family.</summary>
public sealed class QuietHoursSettings
{
    public const string SectionName = "QuietHours";

    /// <summary>When the night starts: a reminder due from then waits until <see cref="Until"/>.</summary>
    [Required]
    public TimeOnly From { get; init; } = new(21, 0);

    /// <summary>When the night ends and the reminders that waited go out.</summary>
    [Required]
    public TimeOnly Until { get; init; } = new(8, 0);

    public TimerCalendar ToCalendar() => new(OsloTime.Zone, From, Until);
}
