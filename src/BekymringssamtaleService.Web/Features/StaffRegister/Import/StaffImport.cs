using BekymringssamtaleService.Domain.Staff;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.StaffRegister.Import;

/// <summary>
/// Upserts the staff of an import file by staff id, all or nothing: every entry is held to the staff register's rules
/// (<see cref="StaffRules"/>; units must exist, and be active unless the person has them already; a subject belongs to
/// one person), and if any entry breaks one, every error is given back by line or entry and nothing is saved. Otherwise
/// one save writes the changes with their access log rows under the system identity
/// <see cref="StaffRules.ImportIdentity"/>. An entry without <c>externalSubject</c> leaves a linked subject as it is,
/// and the import neither deactivates nor reactivates anyone: that is the Admin's pages' work.
/// </summary>
public sealed class StaffImport(ServiceDbContext db, TimeProvider time)
{
    public sealed record Outcome(int Read, int Added, int Changed, IReadOnlyList<string> Errors);

    /// <param name="entryDone">Called after each entry, for a progress bar.</param>
    public async Task<Outcome> RunAsync(IReadOnlyList<StaffImportEntry> entries, Action entryDone, CancellationToken cancellationToken)
    {
        var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Code, StringComparer.Ordinal, cancellationToken);
        var staff = await db.StaffMembers.ToDictionaryAsync(s => s.Id, StringComparer.Ordinal, cancellationToken);
        var subjectHolders = staff.Values.Where(s => s.ExternalSubject is not null).ToDictionary(s => s.ExternalSubject!, s => s.Id, StringComparer.Ordinal);
        var idsSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        var subjectsSeen = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        var now = time.GetUtcNow();
        var (added, changed) = (0, 0);
        foreach (var entry in entries)
        {
            if (entry.Unreadable is { } why)
            {
                errors.Add($"{entry.Where}: {why}");
                entryDone();
                continue;
            }

            var existing = entry.Id is null ? null : staff.GetValueOrDefault(entry.Id);
            var fieldErrors = Check(entry, existing, units, out var roles);
            if (entry.Id is { Length: > 0 } && !idsSeen.TryAdd(entry.Id, entry.Where))
            {
                fieldErrors.Add("id", $"Den samme ansatt-ID-en står også i {idsSeen[entry.Id]}.");
            }

            if (entry.ExternalSubject is { } subject)
            {
                if (!subjectsSeen.TryAdd(subject, entry.Where))
                {
                    fieldErrors.Add("externalSubject", $"Den samme identiteten står også i {subjectsSeen[subject]}.");
                }
                else if (subjectHolders.TryGetValue(subject, out var holder) && holder != entry.Id)
                {
                    fieldErrors.Add("externalSubject", $"Identiteten er allerede knyttet til ansatt-ID {holder}.");
                }
            }

            if (fieldErrors.Any)
            {
                errors.AddRange(fieldErrors.ToResult().Errors.SelectMany(pair => pair.Value.Select(message => $"{entry.Where}, {pair.Key}: {message}")));
            }
            else if (errors.Count == 0)
            {
                var change = Apply(entry, existing, roles, now);
                added += change is Change.Added ? 1 : 0;
                changed += change is Change.Changed ? 1 : 0;
            }

            entryDone();
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new Outcome(entries.Count, 0, 0, errors);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            throw new InvalidOperationException(
                "The staff register changed while the file was imported (an Admin saved a change at the same moment); nothing was saved. Run the import again.",
                exception);
        }

        return new Outcome(entries.Count, added, changed, []);
    }

    private static FieldErrors Check(StaffImportEntry entry, StaffMember? existing, IReadOnlyDictionary<string, Domain.Units.Unit> units, out IReadOnlyList<Role> roles)
    {
        var errors = FormRules.Check(new StaffDetailsForm
        {
            Id = entry.Id,
            DisplayName = entry.DisplayName,
            Email = entry.Email,
            Roles = [.. entry.Roles],
            Units = [.. entry.Units],
        });
        if (existing is null)
        {
            StaffRules.CheckId(errors, entry.Id);
        }

        roles = StaffRules.CheckDetails(errors, entry.DisplayName, entry.Email, entry.Roles);
        StaffRules.CheckUnits(errors, entry.Units, existing?.UnitCodes ?? [], units);
        if (entry.ExternalSubject is not null)
        {
            foreach (var (field, messages) in FormRules.Check(new SubjectForm { ExternalSubject = entry.ExternalSubject }).ToResult().Errors)
            {
                Array.ForEach(messages, message => errors.Add(field, message));
            }

            StaffRules.CheckSubject(errors, entry.ExternalSubject);
        }

        return errors;
    }

    private Change Apply(StaffImportEntry entry, StaffMember? staff, IReadOnlyList<Role> roles, DateTimeOffset now)
    {
        var before = staff is null ? null : StaffChangeLog.Snapshot.Of(staff);
        if (staff is null)
        {
            staff = new StaffMember { Id = entry.Id!, DisplayName = entry.DisplayName!, Email = entry.Email! };
            db.StaffMembers.Add(staff);
        }

        staff.DisplayName = entry.DisplayName!.Trim();
        staff.Email = entry.Email!;
        if (!roles.ToHashSet().SetEquals(staff.Roles))
        {
            staff.Roles = [.. roles];
        }

        var units = entry.Units.Distinct(StringComparer.Ordinal).ToList();
        if (!units.ToHashSet(StringComparer.Ordinal).SetEquals(staff.UnitCodes))
        {
            staff.UnitCodes = units;
        }

        staff.ExternalSubject = entry.ExternalSubject ?? staff.ExternalSubject;
        var rows = StaffChangeLog.Add(db, StaffRules.ImportIdentity, before, staff, now);
        return before is null ? Change.Added : rows > 0 ? Change.Changed : Change.None;
    }

    private enum Change
    {
        None,
        Added,
        Changed,
    }
}
