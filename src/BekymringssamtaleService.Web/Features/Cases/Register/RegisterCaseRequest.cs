using System.ComponentModel.DataAnnotations;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;

namespace BekymringssamtaleService.Web.Features.Cases.Register;

/// <summary>A new concern: the youth, every guardian with parental responsibility, the concern and the unit.</summary>
public sealed class RegisterCaseRequest
{
    [MaxLength(40)]
    public string? UnitCode { get; set; }
    public YouthInput Youth { get; set; } = new();

    [MaxLength(10)]
    public List<GuardianInput> Guardians { get; set; } = [];

    /// <summary>Required when no guardian is given: why (e.g. an appointed representative receives the letters).</summary>
    [FreeText]
    [MaxLength(1000)]
    public string? NoGuardianReason { get; set; }

    public ConcernSource? Source { get; set; }

    [FreeText]
    public string? ConcernText { get; set; }

    [MaxLength(40)]
    public string? OffenceReference { get; set; }
}

public sealed class YouthInput
{
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public DateOnly? BirthDate { get; set; }
    public string? NationalIdNumber { get; set; }

    [MaxLength(254)]
    public string? Email { get; set; }

    /// <summary>Optional; without an e-mail address, a complete postal address ("Storgata 12, 0184 Oslo") gets the youth their own letters by post.</summary>
    [MaxLength(400)]
    public string? Address { get; set; }

    [MaxLength(40)]
    public string? Phone { get; set; }
    public LetterLanguage? Language { get; set; }
}

public sealed class GuardianInput
{
    public string? Name { get; set; }

    /// <summary>Optional when <see cref="Address"/> is a complete postal address: the letters are then printed and posted.</summary>
    [MaxLength(254)]
    public string? Email { get; set; }

    /// <summary>"Street and number, postcode place", e.g. "Storgata 12, 0184 Oslo"; up to three street lines, separated by commas.</summary>
    [MaxLength(400)]
    public string? Address { get; set; }
    public LetterLanguage? Language { get; set; }
    public bool LivesWithYouth { get; set; }
}
