using System.ComponentModel.DataAnnotations;

namespace BekymringssamtaleService.Web.Seeding;

/// <summary>The section "Seeds": where the reference data lives and whether demo data is loaded.</summary>
public sealed class SeedSettings
{
    public const string SectionName = "Seeds";

    /// <summary>The folder with units.json and measures.json (and the demo files).</summary>
    [Required]
    public string Folder { get; init; } = "seeds";

    /// <summary>Demo users and demo cases: for development and demonstration only.</summary>
    public bool LoadDemoData { get; init; }
}
