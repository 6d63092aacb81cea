namespace BekymringssamtaleService.Domain.Units;

/// <summary>A police district (politidistrikt).</summary>
public sealed class PoliceDistrict
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public List<Unit> Units { get; init; } = [];
}

/// <summary>A unit (enhet) inside a police district; staff and cases belong to units.</summary>
public sealed class Unit
{
    public required string Code { get; init; }
    public required string Name { get; set; }
    public required string DistrictCode { get; init; }

    /// <summary>When an Admin deactivated the unit: no new cases or staff; its cases stay readable to its staff.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>The row's version (PostgreSQL's xmin): of two Admins editing one unit at once, one wins.</summary>
    public uint Version { get; set; }

    public bool IsActive => DeactivatedAt is null;
}
