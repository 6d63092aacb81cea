using System.ComponentModel.DataAnnotations;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Workflows.Definitions;

namespace BekymringssamtaleService.Web.WorkflowHosting;

/// <summary>The section "QuietHours": the nightly window (Norwegian time) in which no reminder reaches a family.</summary>
public sealed class QuietHoursSettings
{
    public const string SectionName = "QuietHours";

    [Required]
    public TimeOnly From { get; init; } = new(21, 0);

    [Required]
    public TimeOnly Until { get; init; } = new(8, 0);

    public TimerCalendar ToCalendar() => new(OsloTime.Zone, From, Until);
}
