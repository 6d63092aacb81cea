using System.Security.Claims;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Resources;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.StaffRegister;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Units.UnitResources;

/// <summary>
/// An Admin's rooms and interpreters of their own units: add one, take one out of use and back. A resource is never
/// deleted, so the meetings that booked it still name it. Each change is saved with its access log row (purpose
/// <c>administration</c>, the unit in the row's unit column).
/// </summary>
public sealed class UnitResourceChanges(ServiceDbContext db, TimeProvider time)
{
    /// <summary>The unit's rooms and interpreters, rooms first, by name; null when the unit is not one of the Admin's.</summary>
    public async Task<IReadOnlyList<BookableResource>?> ListAsync(ClaimsPrincipal user, string unitCode, CancellationToken cancellationToken)
    {
        var scope = await AdminScope.LoadAsync(db, user, cancellationToken);
        if (!scope.UnitCodes.Contains(unitCode))
        {
            return null;
        }

        return await db.BookableResources.AsNoTracking()
            .Where(resource => resource.UnitCode == unitCode)
            .OrderBy(resource => resource.Kind == ResourceKind.Room ? 0 : 1).ThenBy(resource => resource.Name)
            .ToListAsync(cancellationToken);
    }

    public async Task<RegisterResult> AddAsync(ClaimsPrincipal user, string unitCode, NewResourceForm form, CancellationToken cancellationToken)
    {
        var scope = await AdminScope.LoadAsync(db, user, cancellationToken);
        if (!scope.UnitCodes.Contains(unitCode))
        {
            return new RegisterResult.NotFound();
        }

        var errors = FormRules.Check(form);
        if (!Enum.TryParse<ResourceKind>(form.Kind, ignoreCase: false, out var kind) || !Enum.IsDefined(kind))
        {
            errors.Add("kind", "Velg rom eller tolk.");
        }

        errors.Required("resourceName", form.Name);
        var name = form.Name?.Trim();
        if (!errors.Any && await db.BookableResources.AnyAsync(r => r.UnitCode == unitCode && r.Kind == kind && r.Name == name, cancellationToken))
        {
            errors.Add("resourceName", $"Enheten har allerede {Word(kind)} med dette navnet.");
        }

        if (errors.Any)
        {
            return new RegisterResult.Invalid(errors.ToResult().Errors);
        }

        db.BookableResources.Add(new BookableResource { Id = Guid.CreateVersion7(), UnitCode = unitCode, Kind = kind, Name = name! });
        AccessLog.Add(db, scope.StaffId, unitCode, caseId: null, "add-resource", time.GetUtcNow(), AccessPurpose.Administration);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (StaffRegisterChanges.IsUniqueViolation(exception))
        {
            return new RegisterResult.Invalid(new Dictionary<string, string[]> { ["resourceName"] = [$"Enheten har allerede {Word(kind)} med dette navnet."] });
        }

        return new RegisterResult.Done($"{name} kan nå bookes.");
    }

    /// <summary>Takes the resource out of use (<paramref name="inUse"/> false) or back into it.</summary>
    public async Task<RegisterResult> SetInUseAsync(ClaimsPrincipal user, string unitCode, Guid resourceId, bool inUse, CancellationToken cancellationToken)
    {
        var scope = await AdminScope.LoadAsync(db, user, cancellationToken);
        var resource = scope.UnitCodes.Contains(unitCode)
            ? await db.BookableResources.SingleOrDefaultAsync(r => r.Id == resourceId && r.UnitCode == unitCode, cancellationToken)
            : null;
        if (resource is null)
        {
            return new RegisterResult.NotFound();
        }

        if (resource.IsActive == inUse)
        {
            return new RegisterResult.Done("Ingenting var endret.");
        }

        var now = time.GetUtcNow();
        resource.DeactivatedAt = inUse ? null : now;
        AccessLog.Add(db, scope.StaffId, unitCode, caseId: null, inUse ? "reactivate-resource" : "deactivate-resource", now, AccessPurpose.Administration);
        await db.SaveChangesAsync(cancellationToken);
        return new RegisterResult.Done(inUse ? $"{resource.Name} kan bookes igjen." : $"{resource.Name} er tatt ut av bruk: den tilbys ikke i nye bookinger.");
    }

    public static string Word(ResourceKind kind) => kind == ResourceKind.Room ? "et rom" : "en tolk";
}

public sealed class NewResourceForm
{
    [System.ComponentModel.DataAnnotations.MaxLength(20)]
    public string? Kind { get; set; }

    public string? Name { get; set; }
}
