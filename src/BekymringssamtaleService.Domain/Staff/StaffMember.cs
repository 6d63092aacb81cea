namespace BekymringssamtaleService.Domain.Staff;

/// <summary>A user of the service: an officer, liaison, lead, administrator or auditor.</summary>
public sealed class StaffMember
{
    public required string Id { get; init; }
    public required string DisplayName { get; set; }
    public required string Email { get; set; }
    public List<Role> Roles { get; set; } = [];
    public List<string> UnitCodes { get; set; } = [];

    /// <summary>The subject the OpenID Connect provider gives this person; null until they are linked.</summary>
    public string? ExternalSubject { get; set; }

    /// <summary>When an Admin deactivated this person: they can no longer sign in, and their history stays.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>The row's version (PostgreSQL's xmin): of two Admins editing one person at once, one wins.</summary>
    public uint Version { get; set; }

    public bool IsActive => DeactivatedAt is null;
}
