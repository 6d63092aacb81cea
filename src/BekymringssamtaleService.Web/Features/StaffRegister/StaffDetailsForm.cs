using System.ComponentModel.DataAnnotations;

namespace BekymringssamtaleService.Web.Features.StaffRegister;

/// <summary>A person's details as the Admin's form posts them (the staff id only when adding).</summary>
public sealed class StaffDetailsForm
{
    [MaxLength(StaffRules.IdMaxLength)]
    public string? Id { get; set; }

    public string? DisplayName { get; set; }

    [MaxLength(StaffRules.EmailMaxLength)]
    public string? Email { get; set; }

    public List<string> Roles { get; set; } = [];

    /// <summary>Unit codes; an Admin of a whole country manages many.</summary>
    [MaxLength(200)]
    public List<string> Units { get; set; } = [];
}

/// <summary>The identity provider's subject the Admin links to a person.</summary>
public sealed class SubjectForm
{
    [MaxLength(StaffRules.SubjectMaxLength)]
    public string? ExternalSubject { get; set; }
}
