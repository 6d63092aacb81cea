using BekymringssamtaleService.Domain.Consents;

namespace BekymringssamtaleService.Domain.Cases;

/// <summary>
/// A booked conversation. Its id is the calendar UID every letter about it carries; each change raises the sequence,
/// so calendars replace the old entry instead of adding a second one.
/// </summary>
public sealed class Meeting
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public int Sequence { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public int DurationMinutes { get; set; }
    public required string Place { get; set; }
    public List<string> OfficerIds { get; set; } = [];
    public List<ExtraParticipant> ExtraParticipants { get; init; } = [];
    public MeetingStatus Status { get; set; }

    /// <summary>The unit's room the conversation is held in, when one is booked.</summary>
    public Guid? RoomId { get; set; }

    /// <summary>The unit's interpreter booked for the conversation, if any.</summary>
    public Guid? InterpreterId { get; set; }

    /// <summary>The time before the last change, for the "changed time" letter.</summary>
    public DateTimeOffset? PreviousStartsAt { get; set; }

    public bool? YouthAttended { get; set; }
    public List<int> GuardiansPresent { get; set; } = [];

    public DateTimeOffset EndsAt => StartsAt.AddMinutes(DurationMinutes);
}

public enum MeetingStatus
{
    Booked,
    Cancelled,
    Held,
    Missed,
}

/// <summary>
/// Someone from outside the police (school, child welfare) who takes part only on a valid consent to the
/// <see cref="Sharing"/> their organisation stands for (or, for child welfare, a duty to inform). The sharing is null for
/// participants invited before the case kept consent records.
/// </summary>
public sealed record ExtraParticipant(string Name, string Organisation, ConsentSharing? Sharing);
