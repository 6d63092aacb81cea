using BekymringssamtaleService.Domain.Measures;
using BekymringssamtaleService.Domain.Resources;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Units;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Seeding;

/// <summary>
/// Loads the reference data on every start — units that do not exist yet (Admins manage the units from then on: a
/// rename or deactivation is theirs, never undone here), the measures catalog updated to the file — and, where
/// configured, the demo users. Running it again changes nothing. Demo cases come later, through registration
/// (<see cref="DemoCases"/>), once the workflows are published.
/// </summary>
public sealed partial class SeedLoader(ServiceDbContext db, IOptions<SeedSettings> settings, ILogger<SeedLoader> logger)
{
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(settings.Value.Folder);
        await LoadUnitsAsync(folder, cancellationToken);
        await LoadMeasuresAsync(folder, cancellationToken);
        if (settings.Value.LoadDemoData)
        {
            await LoadDemoStaffAsync(folder, cancellationToken);
            await LoadDemoResourcesAsync(folder, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task LoadUnitsAsync(string folder, CancellationToken cancellationToken)
    {
        var file = await SeedFiles.ReadAsync<UnitsFile>(folder, "units.json", cancellationToken);
        var districts = await db.PoliceDistricts.Include(d => d.Units).ToDictionaryAsync(d => d.Code, cancellationToken);
        foreach (var seed in file.Districts)
        {
            if (!districts.TryGetValue(seed.Code, out var district))
            {
                district = new PoliceDistrict { Code = seed.Code, Name = seed.Name };
                db.PoliceDistricts.Add(district);
            }

            district.Name = seed.Name;
            foreach (var unitSeed in seed.Units)
            {
                if (!district.Units.Any(u => u.Code == unitSeed.Code))
                {
                    district.Units.Add(new Unit { Code = unitSeed.Code, Name = unitSeed.Name, DistrictCode = seed.Code });
                }
            }
        }

        LogSeeded(logger, file.Districts.Count, "police districts");
    }

    private async Task LoadMeasuresAsync(string folder, CancellationToken cancellationToken)
    {
        var seeds = await SeedFiles.ReadAsync<List<MeasureSeed>>(folder, "measures.json", cancellationToken);
        var measures = await db.Measures.ToDictionaryAsync(m => m.Code, cancellationToken);
        foreach (var seed in seeds)
        {
            if (seed.MinAge < 0 || seed.MinAge > seed.MaxAge)
            {
                throw new InvalidDataException($"The measure {seed.Code} in measures.json has the age range {seed.MinAge}–{seed.MaxAge}.");
            }

            if (new[] { seed.Name, seed.Description }.Any(text => string.IsNullOrWhiteSpace(text.Nb) || string.IsNullOrWhiteSpace(text.Nn) || string.IsNullOrWhiteSpace(text.En)))
            {
                throw new InvalidDataException($"The measure {seed.Code} in measures.json lacks its name or description in nb, nn or en.");
            }

            if (seed.RequiresConsent != (seed.ConsentSharing is not null))
            {
                throw new InvalidDataException(seed.RequiresConsent
                    ? $"The measure {seed.Code} in measures.json requires consent but names no consentSharing it rests on."
                    : $"The measure {seed.Code} in measures.json names a consentSharing but does not require consent.");
            }

            if (!measures.TryGetValue(seed.Code, out var measure))
            {
                db.Measures.Add(new Measure
                {
                    Code = seed.Code,
                    Name = seed.Name,
                    Description = seed.Description,
                    ResponsibleAgencyType = seed.ResponsibleAgencyType,
                    RequiresConsent = seed.RequiresConsent,
                    ConsentSharing = seed.ConsentSharing,
                    MinAge = seed.MinAge,
                    MaxAge = seed.MaxAge,
                });
                continue;
            }

            measure.Name = seed.Name;
            measure.Description = seed.Description;
            measure.ResponsibleAgencyType = seed.ResponsibleAgencyType;
            measure.RequiresConsent = seed.RequiresConsent;
            measure.ConsentSharing = seed.ConsentSharing;
            measure.MinAge = seed.MinAge;
            measure.MaxAge = seed.MaxAge;
        }

        LogSeeded(logger, seeds.Count, "measures");
    }

    private async Task LoadDemoStaffAsync(string folder, CancellationToken cancellationToken)
    {
        var seeds = await SeedFiles.ReadAsync<List<StaffSeed>>(folder, "demo-users.json", cancellationToken);
        var staff = await db.StaffMembers.ToDictionaryAsync(s => s.Id, cancellationToken);
        var knownUnits = db.ChangeTracker.Entries<Unit>().Select(entry => entry.Entity.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            var unknownUnit = seed.Units.FirstOrDefault(unit => !knownUnits.Contains(unit));
            if (unknownUnit is not null)
            {
                throw new InvalidDataException($"The demo user {seed.Id} in demo-users.json names the unit {unknownUnit}, which units.json lacks.");
            }

            if (!staff.TryGetValue(seed.Id, out var member))
            {
                member = new StaffMember { Id = seed.Id, DisplayName = seed.DisplayName, Email = seed.Email };
                db.StaffMembers.Add(member);
            }

            member.DisplayName = seed.DisplayName;
            member.Email = seed.Email;
            member.Roles = [.. seed.Roles];
            member.UnitCodes = [.. seed.Units];
            member.ExternalSubject = seed.ExternalSubject;
        }

        LogSeeded(logger, seeds.Count, "demo users");
    }

    /// <summary>The demo units' rooms and interpreters: added when missing (by unit, kind and name), never changed afterwards.</summary>
    private async Task LoadDemoResourcesAsync(string folder, CancellationToken cancellationToken)
    {
        var seeds = await SeedFiles.ReadAsync<List<ResourceSeed>>(folder, "demo-resources.json", cancellationToken);
        var existing = await db.BookableResources.Select(r => new { r.UnitCode, r.Kind, r.Name }).ToListAsync(cancellationToken);
        var knownUnits = db.ChangeTracker.Entries<Unit>().Select(entry => entry.Entity.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var seed in seeds)
        {
            if (!knownUnits.Contains(seed.Unit))
            {
                throw new InvalidDataException($"The resource «{seed.Name}» in demo-resources.json names the unit {seed.Unit}, which units.json lacks.");
            }

            if (!existing.Any(r => r.UnitCode == seed.Unit && r.Kind == seed.Kind && r.Name == seed.Name))
            {
                db.BookableResources.Add(new BookableResource { Id = Guid.CreateVersion7(), UnitCode = seed.Unit, Kind = seed.Kind, Name = seed.Name });
            }
        }

        LogSeeded(logger, seeds.Count, "demo rooms and interpreters");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Seeded {Count} {Kind}")]
    private static partial void LogSeeded(ILogger logger, int count, string kind);
}
