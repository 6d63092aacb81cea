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
}
