namespace BekymringssamtaleService.Domain.Consents;

/// <summary>
/// A consent to one sharing in a case: who gave it (the youth or a guardian), when, and — once withdrawn — when and
/// recorded by whom. A record of the duty to inform child welfare stands in for consent to share with child welfare:
/// it names its legal ground instead of a person and is never withdrawn.
/// </summary>
public sealed class ConsentRecord
{
    public Guid Id { get; init; }
    public Guid CaseId { get; init; }
    public ConsentRecordKind Kind { get; init; }
    public ConsentSharing Sharing { get; init; }

    /// <summary>The youth's own consent; false for a guardian's and for a duty to inform.</summary>
    public bool ByYouth { get; init; }

    /// <summary>The guardian (their id in the case) who consented; null for the youth's own consent and for a duty to inform.</summary>
    public int? GuardianId { get; init; }

    /// <summary>Only for a duty to inform.</summary>
    public DutyToInformGround? LegalGround { get; init; }

    /// <summary>The day the consent was given, or the day the duty to inform was decided.</summary>
    public DateOnly GivenOn { get; init; }

    public required string RecordedBy { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateOnly? WithdrawnOn { get; private set; }
    public string? WithdrawnBy { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public ConsentPerson? Person => Kind == ConsentRecordKind.DutyToInform ? null : ByYouth ? ConsentPerson.Youth : ConsentPerson.Guardian(GuardianId!.Value);

    public bool IsWithdrawn => WithdrawnOn is not null;

    public static ConsentRecord Given(Guid id, Guid caseId, ConsentPerson person, ConsentSharing sharing, DateOnly givenOn, string recordedBy, DateTimeOffset now) => new()
    {
        Id = id,
        CaseId = caseId,
        Kind = ConsentRecordKind.Consent,
        Sharing = sharing,
        ByYouth = person.IsYouth,
        GuardianId = person.GuardianId,
        GivenOn = givenOn,
        RecordedBy = recordedBy,
        RecordedAt = now,
    };

    public static ConsentRecord DutyToInform(Guid id, Guid caseId, DutyToInformGround ground, DateOnly decidedOn, string recordedBy, DateTimeOffset now) => new()
    {
        Id = id,
        CaseId = caseId,
        Kind = ConsentRecordKind.DutyToInform,
        Sharing = ConsentSharing.ChildWelfare,
        LegalGround = ground,
        GivenOn = decidedOn,
        RecordedBy = recordedBy,
        RecordedAt = now,
    };

    /// <summary>Given on or before <paramref name="day"/> and not withdrawn by then.</summary>
    public bool InForceOn(DateOnly day) => GivenOn <= day && (WithdrawnOn is null || WithdrawnOn > day);

    public void Withdraw(DateOnly on, string by, DateTimeOffset at)
    {
        if (Kind == ConsentRecordKind.DutyToInform || IsWithdrawn)
        {
            throw new InvalidOperationException($"The consent record {Id} cannot be withdrawn: it is a duty to inform or already withdrawn.");
        }

        WithdrawnOn = on;
        WithdrawnBy = by;
        WithdrawnAt = at;
    }
}
