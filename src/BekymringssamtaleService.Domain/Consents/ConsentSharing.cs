namespace BekymringssamtaleService.Domain.Consents;

/// <summary>
/// With whom the police may share what the case holds, as far as the family consents to it (on the wire in camelCase:
/// <c>school</c>, <c>childWelfare</c>, <c>coreGroup</c>, <c>healthService</c>, <c>mentor</c>).
/// </summary>
public enum ConsentSharing
{
    School,
    ChildWelfare,

    /// <summary>Kjernegruppe: the municipality's multi-agency core group; the youth's own consent is needed at any age.</summary>
    CoreGroup,
    HealthService,
    Mentor,
}

/// <summary>What a consent record is: someone's consent, or the duty to inform child welfare, which needs none.</summary>
public enum ConsentRecordKind
{
    Consent,

    /// <summary>Opplysningsplikt: the police must inform child welfare whatever the family says, on a legal ground.</summary>
    DutyToInform,
}

/// <summary>The legal ground the duty to inform child welfare rests on.</summary>
public enum DutyToInformGround
{
    /// <summary>Barnevernloven § 13-2 first paragraph: on the police's own initiative, where there is reason to believe a child is neglected.</summary>
    OwnInitiative,

    /// <summary>Barnevernloven § 13-2 second paragraph: on the child welfare service's order.</summary>
    OrderFromChildWelfare,
}
