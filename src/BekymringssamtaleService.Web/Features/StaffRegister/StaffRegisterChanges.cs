using System.Security.Claims;
using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Domain.Units;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BekymringssamtaleService.Web.Features.StaffRegister;

/// <summary>
/// An Admin's changes of the staff register, each in one save with its access log rows: add a person, change their
/// details, roles and units, link or unlink their identity-provider subject, deactivate and reactivate them.
/// An Admin manages the staff who have a unit among the Admin's units (<see cref="AdminScope"/>), gives only those
/// units, and may neither change their own roles or units nor deactivate themselves. Every change names the version
/// of the person the Admin saw: a person changed meanwhile is refused, nothing saved.
/// </summary>
public sealed class StaffRegisterChanges(ServiceDbContext db, TimeProvider time)
{
    private const string ThisPerson = "denne ansatte";

    public async Task<RegisterResult> AddAsync(ClaimsPrincipal user, StaffDetailsForm form, CancellationToken cancellationToken)
    {
        var scope = await AdminScope.LoadAsync(db, user, cancellationToken);
        var errors = FormRules.Check(form);
        StaffRules.CheckId(errors, form.Id);
        var roles = StaffRules.CheckDetails(errors, form.DisplayName, form.Email, form.Roles);
        CheckUnitsGiven(errors, scope, form.Units, held: []);
        StaffRules.CheckUnits(errors, form.Units, held: [], await KnownUnitsAsync(cancellationToken));
        if (!errors.Any && await db.StaffMembers.AnyAsync(s => s.Id == form.Id, cancellationToken))
        {
            errors.Add("id", "Det finnes allerede en ansatt med denne ansatt-ID-en.");
        }

        if (errors.Any)
        {
            return Invalid(errors);
        }

        var staff = new StaffMember
        {
            Id = form.Id!,
            DisplayName = form.DisplayName!.Trim(),
            Email = form.Email!,
            Roles = [.. roles],
            UnitCodes = [.. form.Units.Distinct(StringComparer.Ordinal)],
        };
        db.StaffMembers.Add(staff);
        StaffChangeLog.Add(db, scope.StaffId, before: null, staff, time.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            return new RegisterResult.Invalid(new Dictionary<string, string[]> { ["id"] = ["Det finnes allerede en ansatt med denne ansatt-ID-en."] });
        }

        return new RegisterResult.Done($"{staff.DisplayName} er lagt til.");
    }

    public async Task<RegisterResult> ChangeDetailsAsync(
        ClaimsPrincipal user, string staffId, StaffDetailsForm form, uint? version, CancellationToken cancellationToken)
    {
        var (scope, staff) = await OpenAsync(user, staffId, cancellationToken);
        if (staff is null)
        {
            return new RegisterResult.NotFound();
        }

        if (staff.Version != version)
        {
            return RegisterResult.ChangedMeanwhile(ThisPerson);
        }

        var errors = FormRules.Check(form);
        var roles = StaffRules.CheckDetails(errors, form.DisplayName, form.Email, form.Roles);
        CheckUnitsGiven(errors, scope, form.Units, staff.UnitCodes);
        // Units outside the Admin's own stay as they are: this Admin neither sees nor manages them.
        var units = staff.UnitCodes.Where(unit => !scope.UnitCodes.Contains(unit))
            .Concat(form.Units.Where(scope.UnitCodes.Contains))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        StaffRules.CheckUnits(errors, units, staff.UnitCodes, await KnownUnitsAsync(cancellationToken));
        if (errors.Any)
        {
            return Invalid(errors);
        }

        if (scope.IsSelf(staff) && (!roles.ToHashSet().SetEquals(staff.Roles) || !units.ToHashSet(StringComparer.Ordinal).SetEquals(staff.UnitCodes)))
        {
            return new RegisterResult.Refused("Du kan ikke endre dine egne roller eller enheter. Be en annen systemforvalter om det.");
        }

        var before = StaffChangeLog.Snapshot.Of(staff);
        staff.DisplayName = form.DisplayName!.Trim();
        staff.Email = form.Email!;
        // Unchanged lists are left as they are, so saving only a new name does not touch them.
        if (!roles.ToHashSet().SetEquals(staff.Roles))
        {
            staff.Roles = [.. roles];
        }

        if (!units.ToHashSet(StringComparer.Ordinal).SetEquals(staff.UnitCodes))
        {
            staff.UnitCodes = units;
        }

        return await SaveAsync(scope, before, staff, $"Endringene for {staff.DisplayName} er lagret.", cancellationToken);
    }

    public async Task<RegisterResult> LinkSubjectAsync(
        ClaimsPrincipal user, string staffId, SubjectForm form, uint? version, CancellationToken cancellationToken)
    {
        var (scope, staff) = await OpenAsync(user, staffId, cancellationToken);
        if (staff is null)
        {
            return new RegisterResult.NotFound();
        }

        if (staff.Version != version)
        {
            return RegisterResult.ChangedMeanwhile(ThisPerson);
        }

        var errors = FormRules.Check(form);
        StaffRules.CheckSubject(errors, form.ExternalSubject);
        if (!errors.Any && await db.StaffMembers.AsNoTracking()
                .FirstOrDefaultAsync(s => s.ExternalSubject == form.ExternalSubject && s.Id != staff.Id, cancellationToken) is { } holder)
        {
            errors.Add("externalSubject", StaffRules.SubjectTaken(holder));
        }

        if (errors.Any)
        {
            return Invalid(errors);
        }

        var before = StaffChangeLog.Snapshot.Of(staff);
        staff.ExternalSubject = form.ExternalSubject;
        return await SaveAsync(scope, before, staff, $"{staff.DisplayName} kan nå logge inn med identiteten.", cancellationToken);
    }

    public async Task<RegisterResult> UnlinkSubjectAsync(ClaimsPrincipal user, string staffId, uint? version, CancellationToken cancellationToken) =>
        await ChangeAsync(user, staffId, version, staff =>
        {
            if (staff.ExternalSubject is null)
            {
                return "Ingen identitet er knyttet til denne ansatte.";
            }

            staff.ExternalSubject = null;
            return null;
        }, staff => $"Identiteten er fjernet fra {staff.DisplayName}.", cancellationToken);

    public async Task<RegisterResult> DeactivateAsync(ClaimsPrincipal user, string staffId, uint? version, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await ChangeAsync(user, staffId, version, staff =>
        {
            if (!staff.IsActive)
            {
                return "Den ansatte er allerede deaktivert.";
            }

            staff.DeactivatedAt = now;
            return null;
        }, staff => $"{staff.DisplayName} er deaktivert og kan ikke lenger logge inn.", cancellationToken, refuseSelf: "Du kan ikke deaktivere deg selv. Be en annen systemforvalter om det.");
    }

    public async Task<RegisterResult> ReactivateAsync(ClaimsPrincipal user, string staffId, uint? version, CancellationToken cancellationToken) =>
        await ChangeAsync(user, staffId, version, staff =>
        {
            if (staff.IsActive)
            {
                return "Den ansatte er allerede aktiv.";
            }

            staff.DeactivatedAt = null;
            return null;
        }, staff => $"{staff.DisplayName} er aktiv igjen.", cancellationToken);

    /// <summary>The person, if the Admin manages them; tracked, for a change.</summary>
    public async Task<(AdminScope Scope, StaffMember? Staff)> OpenAsync(ClaimsPrincipal user, string staffId, CancellationToken cancellationToken)
    {
        var scope = await AdminScope.LoadAsync(db, user, cancellationToken);
        var staff = await db.StaffMembers.SingleOrDefaultAsync(s => s.Id == staffId, cancellationToken);
        return (scope, staff is not null && scope.Manages(staff) ? staff : null);
    }

    /// <summary>A change with no input of its own: <paramref name="change"/> makes it, or gives the reason it is not possible now.</summary>
    private async Task<RegisterResult> ChangeAsync(
        ClaimsPrincipal user, string staffId, uint? version, Func<StaffMember, string?> change, Func<StaffMember, string> notice,
        CancellationToken cancellationToken, string? refuseSelf = null)
    {
        var (scope, staff) = await OpenAsync(user, staffId, cancellationToken);
        if (staff is null)
        {
            return new RegisterResult.NotFound();
        }

        if (staff.Version != version)
        {
            return RegisterResult.ChangedMeanwhile(ThisPerson);
        }

        if (refuseSelf is not null && scope.IsSelf(staff))
        {
            return new RegisterResult.Refused(refuseSelf);
        }

        var before = StaffChangeLog.Snapshot.Of(staff);
        if (change(staff) is { } reason)
        {
            return new RegisterResult.Refused(reason);
        }

        return await SaveAsync(scope, before, staff, notice(staff), cancellationToken);
    }

    private async Task<RegisterResult> SaveAsync(
        AdminScope scope, StaffChangeLog.Snapshot before, StaffMember staff, string notice, CancellationToken cancellationToken)
    {
        if (StaffChangeLog.Add(db, scope.StaffId, before, staff, time.GetUtcNow()) == 0)
        {
            return new RegisterResult.Done("Ingenting var endret.");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return RegisterResult.ChangedMeanwhile(ThisPerson);
        }
        catch (DbUpdateException exception) when (IsUniqueViolation(exception))
        {
            // Another Admin linked the same subject to someone else at the same moment.
            return new RegisterResult.Invalid(new Dictionary<string, string[]>
            {
                ["externalSubject"] = ["Identiteten ble nettopp knyttet til en annen ansatt. Last siden på nytt for å se hvem."],
            });
        }

        return new RegisterResult.Done(notice);
    }

    /// <summary>Units the Admin does not manage may be kept by a person who has them, never given.</summary>
    private static void CheckUnitsGiven(FieldErrors errors, AdminScope scope, IEnumerable<string> units, IReadOnlyCollection<string> held)
    {
        if (units.Any(unit => !scope.UnitCodes.Contains(unit) && !held.Contains(unit)))
        {
            errors.Add("units", "Du kan bare gi enheter du selv forvalter.");
        }
    }

    private async Task<Dictionary<string, Unit>> KnownUnitsAsync(CancellationToken cancellationToken) =>
        await db.Units.AsNoTracking().ToDictionaryAsync(unit => unit.Code, StringComparer.Ordinal, cancellationToken);


    private static RegisterResult.Invalid Invalid(FieldErrors errors) => new(errors.ToResult().Errors);

    internal static bool IsUniqueViolation(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
