using System.Globalization;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.Consents;

/// <summary>
/// The consent records of one case with the people who may give them (the youth and the guardians with parental
/// responsibility), read on a step's own context or inside its transaction, as <see cref="ValidConsent"/> judges them.
/// </summary>
public sealed class CaseConsents
{
    private CaseConsents(Youth youth, IReadOnlyList<Guardian> guardians, IReadOnlyList<ConsentRecord> records)
    {
        Youth = youth;
        Guardians = guardians;
        Records = records;
    }

    public Youth Youth { get; }
    public IReadOnlyList<Guardian> Guardians { get; }
    public IReadOnlyList<ConsentRecord> Records { get; }

    /// <summary>The consents of a case already read, with its records (the case page reads the case once for all it shows).</summary>
    public static CaseConsents Of(ConcernCase concernCase, IReadOnlyList<ConsentRecord> records) =>
        new(concernCase.Youth, [.. concernCase.Guardians.OrderBy(g => g.Id)], records);

    public static async Task<CaseConsents> LoadAsync(ServiceDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        var concernCase = await db.Cases.AsNoTracking().SingleAsync(c => c.Id == caseId, cancellationToken);
        var records = await db.ConsentRecords.AsNoTracking()
            .Where(r => r.CaseId == caseId)
            .OrderBy(r => r.RecordedAt)
            .ToListAsync(cancellationToken);
        return Of(concernCase, records);
    }

    public bool IsInCase(ConsentPerson person) => person.IsYouth || Guardians.Any(g => g.Id == person.GuardianId);

    public ConsentGap Gap(ConsentSharing sharing, DateOnly day) =>
        ValidConsent.Gap(sharing, Youth.BirthDate, [.. Guardians.Select(g => g.Id)], Records, day);

    /// <summary>Why the sharing lacks a valid consent on the day, naming who has not consented (shown to the officer, never logged); null when it has one.</summary>
    public string? Lacking(ConsentSharing sharing, DateOnly day)
    {
        var gap = Gap(sharing, day);
        if (gap.IsValid)
        {
            return null;
        }

        return gap.NoOneMayConsent
            ? $"Deling med {ConsentWords.With(sharing)} krever samtykke, men saken har ingen foresatte, og ungdommen kan ikke samtykke alene før fylte {ValidConsent.OwnConsentAge} år."
            : $"Mangler samtykke til deling med {ConsentWords.With(sharing)} fra {ConsentWords.List([.. gap.Missing.Select(NameOf)])}.";
    }

    /// <summary>"Nora Testesen (ungdommen)", "Per Testesen (foresatt)".</summary>
    public string NameOf(ConsentPerson person) =>
        person.IsYouth
            ? $"{Youth.FullName} (ungdommen)"
            : $"{Guardians.Single(g => g.Id == person.GuardianId).Name} (foresatt)";

    /// <summary>How a record reads in the list: whose consent to what, or the duty to inform with its legal ground.</summary>
    public string Title(ConsentRecord record) =>
        record.Person is { } person
            ? $"{NameOf(person)}: samtykke til deling med {ConsentWords.With(record.Sharing)}"
            : ConsentWords.DutyToInform(record.LegalGround!.Value);

    /// <summary>The records and, for every sharing, whether it rests on a valid consent today and who is missing.</summary>
    public CaseConsentsView View(DateOnly today, IReadOnlyDictionary<string, string> staffNames) => new(
        [.. Records.Select(r => new ConsentView(
            r.Id,
            r.Kind,
            r.Person?.WireName,
            Title(r),
            r.Sharing,
            r.LegalGround,
            r.GivenOn,
            r.WithdrawnOn,
            r.RecordedBy,
            staffNames.GetValueOrDefault(r.RecordedBy, r.RecordedBy),
            r.RecordedAt,
            r.WithdrawnBy))],
        [.. Enum.GetValues<ConsentSharing>().Select(sharing =>
        {
            var gap = Gap(sharing, today);
            return new SharingConsentView(sharing, gap.IsValid, [.. gap.Missing.Select(p => p.WireName)], Lacking(sharing, today));
        })]);

    /// <summary>The staff who recorded or withdrew the records, for their names.</summary>
    public IReadOnlyCollection<string> StaffIds => [.. Records.Select(r => r.RecordedBy).Concat(Records.Select(r => r.WithdrawnBy).OfType<string>()).Distinct()];

    public static string Day(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}

/// <summary>The consent records of a case and, for each sharing, whether it rests on a valid consent today.</summary>
public sealed record CaseConsentsView(IReadOnlyList<ConsentView> Records, IReadOnlyList<SharingConsentView> Sharings);

/// <summary>
/// One consent record: <see cref="Person"/> ("youth", "guardian-{id}") consented to <see cref="Sharing"/>, or — of kind
/// dutyToInform — the duty to inform child welfare on <see cref="LegalGround"/>. <see cref="RecordedBy"/> and
/// <see cref="WithdrawnBy"/> are staff ids.
/// </summary>
public sealed record ConsentView(
    Guid Id,
    ConsentRecordKind Kind,
    string? Person,
    string Title,
    ConsentSharing Sharing,
    DutyToInformGround? LegalGround,
    DateOnly GivenOn,
    DateOnly? WithdrawnOn,
    string RecordedBy,
    string RecordedByName,
    DateTimeOffset RecordedAt,
    string? WithdrawnBy);

/// <summary>Whether a sharing rests on a valid consent (or a duty to inform) today; <see cref="Missing"/> are the people whose consent is lacking.</summary>
public sealed record SharingConsentView(ConsentSharing Sharing, bool Valid, IReadOnlyList<string> Missing, string? Reason);
