using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.RegularExpressions;
using BekymringssamtaleService.Domain.Access;
using BekymringssamtaleService.Domain.Units;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.StaffRegister;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Units;

/// <summary>
/// An Admin's changes of the units: add one to a police district the Admin has a unit in (the Admin is given the new
/// unit, so they can give it to others), rename, deactivate and reactivate the Admin's own units. A unit with open cases
/// may be deactivated: it takes no new cases and is given to nobody new, while its cases go on with its staff. Each
/// change is saved with its access log row (purpose <c>administration</c>, the unit in the row's unit column).
/// </summary>
public sealed partial class UnitRegisterChanges(ServiceDbContext db, TimeProvider time)
{
    private const string ThisUnit = "denne enheten";

    /// <summary>The police districts the Admin may add units to: those they have a unit in.</summary>
    public async Task<IReadOnlyList<PoliceDistrict>> DistrictsAsync(AdminScope scope, CancellationToken cancellationToken)
    {
        var codes = scope.UnitCodes.ToList();
        return await db.PoliceDistricts.AsNoTracking()
            .Where(d => d.Units.Any(u => codes.Contains(u.Code)))
            .OrderBy(d => d.Name)
            .ToListAsync(cancellationToken);
    }

    public async Task<RegisterResult> AddAsync(ClaimsPrincipal user, NewUnitForm form, CancellationToken cancellationToken)
    {
        var scope = await AdminScope.LoadAsync(db, user, cancellationToken);
        var errors = FormRules.Check(form);
        if (string.IsNullOrWhiteSpace(form.DistrictCode))
        {
            errors.Add("districtCode", "Velg politidistrikt.");
        }
        else if (!(await DistrictsAsync(scope, cancellationToken)).Any(d => d.Code == form.DistrictCode))
        {
            errors.Add("districtCode", "Du kan bare legge til enheter i politidistrikter der du forvalter en enhet.");
        }

        errors.Required("code", form.Code, 40);
        if (!string.IsNullOrWhiteSpace(form.Code) && form.Code.Length <= 40)
        {
            if (!CodePattern().IsMatch(form.Code))
            {
                errors.Add("code", "Enhetskoden kan bare ha store bokstaver (A–Z), sifre og bindestrek, og begynner med en bokstav eller et siffer.");
            }
            else if (string.Equals(form.Code, "NY", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add("code", "Denne enhetskoden er reservert og kan ikke brukes.");
            }
            else if (await db.Units.AnyAsync(u => u.Code == form.Code, cancellationToken))
            {
                errors.Add("code", "Det finnes allerede en enhet med denne koden.");
            }
        }

        errors.Required("name", form.Name);
        if (errors.Any)
        {
            return new RegisterResult.Invalid(errors.ToResult().Errors);
        }

        var now = time.GetUtcNow();
        var unit = new Unit { Code = form.Code!, Name = form.Name!.Trim(), DistrictCode = form.DistrictCode! };
        db.Units.Add(unit);
        AccessLog.Add(db, scope.StaffId, unit.Code, caseId: null, "add-unit", now, AccessPurpose.Administration);
        var admin = await db.StaffMembers.SingleAsync(s => s.Id == scope.StaffId, cancellationToken);
        var before = StaffChangeLog.Snapshot.Of(admin);
        admin.UnitCodes = [.. admin.UnitCodes, unit.Code];
        StaffChangeLog.Add(db, scope.StaffId, before, admin, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (StaffRegisterChanges.IsUniqueViolation(exception))
        {
            return new RegisterResult.Invalid(new Dictionary<string, string[]> { ["code"] = ["Det finnes allerede en enhet med denne koden."] });
        }
        catch (DbUpdateConcurrencyException)
        {
            return RegisterResult.ChangedMeanwhile("enhetene dine");
        }

        return new RegisterResult.Done($"{unit.Name} er lagt til, og du forvalter den.");
    }

    public async Task<RegisterResult> RenameAsync(ClaimsPrincipal user, string code, RenameUnitForm form, uint? version, CancellationToken cancellationToken) =>
        await ChangeAsync(user, code, version, "rename-unit", unit =>
        {
            var errors = FormRules.Check(form);
            errors.Required("name", form.Name);
            if (errors.Any)
            {
                return new RegisterResult.Invalid(errors.ToResult().Errors);
            }

            if (unit.Name == form.Name!.Trim())
            {
                return new RegisterResult.Done("Ingenting var endret.");
            }

            unit.Name = form.Name.Trim();
            return null;
        }, unit => $"Enheten heter nå {unit.Name}.", cancellationToken);

    public async Task<RegisterResult> DeactivateAsync(ClaimsPrincipal user, string code, uint? version, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await ChangeAsync(user, code, version, "deactivate-unit", unit =>
        {
            if (!unit.IsActive)
            {
                return new RegisterResult.Refused("Enheten er allerede deaktivert.");
            }

            unit.DeactivatedAt = now;
            return null;
        }, unit => $"{unit.Name} er deaktivert: den tar ikke imot nye saker.", cancellationToken);
    }

    public async Task<RegisterResult> ReactivateAsync(ClaimsPrincipal user, string code, uint? version, CancellationToken cancellationToken) =>
        await ChangeAsync(user, code, version, "reactivate-unit", unit =>
        {
            if (unit.IsActive)
            {
                return new RegisterResult.Refused("Enheten er allerede aktiv.");
            }

            unit.DeactivatedAt = null;
            return null;
        }, unit => $"{unit.Name} er aktiv igjen.", cancellationToken);

    /// <summary>The unit, if it is one of the Admin's; tracked, for a change.</summary>
    public async Task<Unit?> OpenAsync(ClaimsPrincipal user, string code, CancellationToken cancellationToken)
    {
        var scope = await AdminScope.LoadAsync(db, user, cancellationToken);
        return scope.UnitCodes.Contains(code) ? await db.Units.SingleOrDefaultAsync(u => u.Code == code, cancellationToken) : null;
    }

    /// <param name="change">Makes the change (null), or answers instead of it.</param>
    private async Task<RegisterResult> ChangeAsync(
        ClaimsPrincipal user, string code, uint? version, string action, Func<Unit, RegisterResult?> change, Func<Unit, string> notice,
        CancellationToken cancellationToken)
    {
        if (await OpenAsync(user, code, cancellationToken) is not { } unit)
        {
            return new RegisterResult.NotFound();
        }

        if (unit.Version != version)
        {
            return RegisterResult.ChangedMeanwhile(ThisUnit);
        }

        if (change(unit) is { } answer)
        {
            return answer;
        }

        AccessLog.Add(db, user, unit.Code, caseId: null, action, time.GetUtcNow(), AccessPurpose.Administration);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return RegisterResult.ChangedMeanwhile(ThisUnit);
        }

        return new RegisterResult.Done(notice(unit));
    }


    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$")]
    private static partial Regex CodePattern();
}

public sealed class NewUnitForm
{
    [MaxLength(40)]
    public string? DistrictCode { get; set; }

    [MaxLength(40)]
    public string? Code { get; set; }

    public string? Name { get; set; }
}

public sealed class RenameUnitForm
{
    public string? Name { get; set; }
}
