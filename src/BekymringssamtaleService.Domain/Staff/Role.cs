namespace BekymringssamtaleService.Domain.Staff;

/// <summary>What a member of staff may do; see DOMAIN.md, "Who uses it".</summary>
public enum Role
{
    Officer,
    Liaison,
    Lead,
    Admin,
    Auditor,
}

public static class RoleNames
{
    /// <summary>The Norwegian name shown to users.</summary>
    public static string Norwegian(Role role) => role switch
    {
        Role.Officer => "Forebygger",
        Role.Liaison => "Forebyggingskontakt",
        Role.Lead => "Leder",
        Role.Admin => "Systemforvalter",
        Role.Auditor => "Kontroll og revisjon",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
