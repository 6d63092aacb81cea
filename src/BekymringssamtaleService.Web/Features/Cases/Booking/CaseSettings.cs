using System.ComponentModel.DataAnnotations;

namespace BekymringssamtaleService.Web.Features.Cases.Booking;

/// <summary>Settings for casework: the hours in which conversations may be booked, by default and per unit.</summary>
public sealed class CaseSettings
{
    public const string SectionName = "Cases";

    /// <summary>The hours of every unit that has none of its own.</summary>
    [Required]
    public WorkingHours WorkingHours { get; init; } = new();

    /// <summary>Units whose hours differ from the default, by unit code.</summary>
    public Dictionary<string, WorkingHours> UnitWorkingHours { get; init; } = [];

    public WorkingHours HoursOf(string unitCode) => UnitWorkingHours.GetValueOrDefault(unitCode) ?? WorkingHours;
}

/// <summary>Monday to Friday, from <see cref="Start"/> to <see cref="End"/>, Norwegian time.</summary>
public sealed class WorkingHours : IValidatableObject
{
    /// <summary>The earliest a conversation may start.</summary>
    public TimeOnly Start { get; init; } = new(8, 0);
    /// <summary>The latest a conversation may end, on the day it started.</summary>
    public TimeOnly End { get; init; } = new(16, 0);

    public bool Contains(DateTime osloStart, DateTime osloEnd) =>
        osloStart.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)
        && osloStart.Date == osloEnd.Date
        && TimeOnly.FromDateTime(osloStart) >= Start
        && TimeOnly.FromDateTime(osloEnd) <= End;

    /// <summary>The hours as the forms show them: "mandag–fredag 08:00–16:00".</summary>
    public string Describe() => $"mandag–fredag {Start:HH\\:mm}–{End:HH\\:mm}";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (End <= Start)
        {
            yield return new ValidationResult("The working day must end after it starts.", [nameof(End)]);
        }
    }
}
