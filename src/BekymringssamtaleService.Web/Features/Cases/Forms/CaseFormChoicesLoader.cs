using System.Text.Json;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Domain.Resources;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Consents;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Forms;

public sealed class CaseFormChoicesLoader(ServiceDbContext db)
{
    public async Task<CaseFormChoices> LoadAsync(CaseDetails details, CancellationToken cancellationToken)
    {
        var unitCode = details.UnitCode;
        var staff = await db.StaffMembers.AsNoTracking()
            .Where(member => member.UnitCodes.Contains(unitCode))
            .OrderBy(member => member.DisplayName)
            .ToListAsync(cancellationToken);
        var measures = await db.Measures.AsNoTracking()
            .OrderBy(measure => measure.Name.Nb)
            .Select(measure => new Choice(measure.Code, measure.Name.Nb))
            .ToListAsync(cancellationToken);
        var resources = await db.BookableResources.AsNoTracking()
            .Where(resource => resource.UnitCode == unitCode && resource.DeactivatedAt == null)
            .OrderBy(resource => resource.Name)
            .Select(resource => new { resource.Id, resource.Kind, resource.Name })
            .ToListAsync(cancellationToken);
        return new CaseFormChoices(
            [.. staff.Where(member => member.Roles.Contains(Role.Officer)).Select(member => new Choice(member.Id, member.DisplayName))],
            [.. details.Guardians.Select(guardian => new Choice(guardian.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), guardian.Name))],
            measures,
            [.. details.Measures.Select(measure => new AgreedMeasureChoice(
                measure.Id, $"{measure.Name} ({measure.Responsible})", JsonNamingPolicy.CamelCase.ConvertName(measure.Status.ToString())))],
            [
                new Choice(ConsentPerson.Youth.WireName, $"{details.Youth.FullName} (ungdommen)"),
                .. details.Guardians.Select(guardian => new Choice(ConsentPerson.Guardian(guardian.Id).WireName, $"{guardian.Name} (foresatt)")),
            ],
            [.. details.Consents.Records
                .Where(consent => consent.Kind == ConsentRecordKind.Consent && consent.WithdrawnOn is null)
                .Select(consent => new Choice(consent.Id.ToString(), $"{consent.Title}, gitt {CaseConsents.Day(consent.GivenOn)}"))],
            [.. resources.Where(resource => resource.Kind == ResourceKind.Room).Select(resource => new Choice(resource.Id.ToString(), resource.Name))],
            [.. resources.Where(resource => resource.Kind == ResourceKind.Interpreter).Select(resource => new Choice(resource.Id.ToString(), resource.Name))]);
    }
}
