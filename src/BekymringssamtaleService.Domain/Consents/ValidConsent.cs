using BekymringssamtaleService.Domain.People;

namespace BekymringssamtaleService.Domain.Consents;

/// <summary>
/// When a sharing rests on a valid consent on a given day: every guardian with parental responsibility in the case has
/// a consent to it in force, and so has the youth where their own is needed — from their 15th birthday ("over 15 år"
/// as the statutes count it: having turned 15), and at any age for the core group (kjernegruppe), which needs the
/// youth and the guardians. A youth under 15 never consents alone: a case with no guardian has no valid consent for
/// them. Child welfare may instead rest on a recorded duty to inform, which needs no consent.
/// </summary>
public static class ValidConsent
{
    /// <summary>The age from which the youth's own consent is needed besides the guardians'.</summary>
    public const int OwnConsentAge = 15;

    public static bool YouthMustConsent(ConsentSharing sharing, DateOnly birthDate, DateOnly day) =>
        sharing == ConsentSharing.CoreGroup || Age.On(birthDate, day) >= OwnConsentAge;

    /// <summary>Who has yet to consent to the sharing on the day; empty when it rests on a valid consent or a duty to inform.</summary>
    public static ConsentGap Gap(
        ConsentSharing sharing, DateOnly youthBirthDate, IReadOnlyCollection<int> guardianIds, IEnumerable<ConsentRecord> records, DateOnly day)
    {
        var inForce = records.Where(r => r.Sharing == sharing && r.InForceOn(day)).ToList();
        if (inForce.Any(r => r.Kind == ConsentRecordKind.DutyToInform))
        {
            return ConsentGap.None;
        }

        var consented = inForce.Where(r => r.Kind == ConsentRecordKind.Consent).Select(r => r.Person!.Value).ToHashSet();
        var needed = guardianIds.Select(ConsentPerson.Guardian).ToList();
        var youthNeeded = guardianIds.Count == 0 || YouthMustConsent(sharing, youthBirthDate, day);
        if (youthNeeded)
        {
            needed.Insert(0, ConsentPerson.Youth);
        }

        var missing = needed.Where(person => !consented.Contains(person)).ToList();
        var noOneMayConsent = guardianIds.Count == 0 && Age.On(youthBirthDate, day) < OwnConsentAge;
        return new ConsentGap(missing, noOneMayConsent);
    }
}

/// <summary>
/// Whose consent a sharing still lacks; <see cref="NoOneMayConsent"/> when the case has no guardian and the youth is
/// too young to consent alone, so no consent can make it valid.
/// </summary>
public sealed record ConsentGap(IReadOnlyList<ConsentPerson> Missing, bool NoOneMayConsent)
{
    public static readonly ConsentGap None = new([], false);

    public bool IsValid => Missing.Count == 0 && !NoOneMayConsent;
}
