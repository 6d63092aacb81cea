using System.Security.Claims;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Consents;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.WithdrawConsent;

/// <summary>The page's form: which consent, and when it was withdrawn. The API names the consent in its path.</summary>
public sealed class WithdrawConsentRequest
{
    public Guid? ConsentId { get; set; }

    public DateOnly? WithdrawnOn { get; set; }
}

/// <summary>The body of POST /api/v1/cases/{id}/consents/{consentId}/withdraw.</summary>
public sealed class WithdrawConsentBody
{
    public DateOnly? WithdrawnOn { get; set; }
}

/// <summary>
/// The youth or a guardian withdraws a consent. What rested on it stops in the same transaction: the case's measures
/// of that sharing still planned or started are stopped when the sharing no longer has a valid consent, and the
/// workflow gives the officers a task to follow it up (tell those involved, reconsider the measures). A consent of
/// another case is not found (404); one withdrawn already, or a duty to inform, cannot be withdrawn (409).
/// </summary>
public sealed class WithdrawConsent(ServiceDbContext db, TimeProvider time) : CaseStep<WithdrawConsentRequest>
{
    public override string Slug => "withdraw-consent";
    public override string Title => "Trekk tilbake samtykke";
    public override StepWeight Weight => StepWeight.Beside;
    public override IReadOnlyList<string> Triggers => ["WithdrawConsent"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("consentId", "Samtykke som trekkes tilbake", FieldKind.ConsentInForce),
        new("withdrawnOn", "Trukket tilbake dato", FieldKind.Date),
    ];

    public override async Task<StepResult?> RefusalAsync(CaseAtHand atHand, WithdrawConsentRequest request, CancellationToken cancellationToken)
    {
        if (request.ConsentId is not { } consentId)
        {
            return null;
        }

        var consent = await db.ConsentRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Id == consentId && r.CaseId == atHand.Id, cancellationToken);
        return consent switch
        {
            null => new StepResult.NotInCase("Fant ikke samtykket", "Saken har ikke noe samtykke med denne id-en."),
            { Kind: ConsentRecordKind.DutyToInform } => new StepResult.NotNow("Opplysningsplikten bygger på loven, ikke på samtykke, og kan ikke trekkes tilbake."),
            { WithdrawnOn: { } withdrawnOn } => new StepResult.NotNow($"Samtykket er allerede trukket tilbake ({CaseConsents.Day(withdrawnOn)})."),
            _ => null,
        };
    }

    public override async Task ValidateAsync(CaseAtHand atHand, WithdrawConsentRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        errors.Required("consentId", request.ConsentId);
        ConsentDates.NotInFuture(errors, "withdrawnOn", request.WithdrawnOn, OsloTime.Today(time.GetUtcNow()));
        if (request is { ConsentId: { } consentId, WithdrawnOn: { } withdrawnOn })
        {
            var givenOn = await db.ConsentRecords.Where(r => r.Id == consentId).Select(r => r.GivenOn).SingleAsync(cancellationToken);
            if (withdrawnOn < givenOn)
            {
                errors.Add("withdrawnOn", $"Samtykket ble gitt {CaseConsents.Day(givenOn)}: det kan ikke være trukket tilbake før det.");
            }
        }
    }

    public override StepFiring Fire(CaseAtHand atHand, WithdrawConsentRequest request, ClaimsPrincipal user)
    {
        var consentId = request.ConsentId!.Value;
        var withdrawnOn = request.WithdrawnOn!.Value;
        return new StepFiring("WithdrawConsent", [], async (transactionDb, scope, token) =>
        {
            var consent = await transactionDb.ConsentRecords.SingleAsync(r => r.Id == consentId, token);
            consent.Withdraw(withdrawnOn, user.StaffId(), scope.Now);
            await transactionDb.SaveChangesAsync(token);

            var consents = await CaseConsents.LoadAsync(transactionDb, atHand.Id, token);
            var stopped = consents.Gap(consent.Sharing, OsloTime.Today(scope.Now)).IsValid
                ? []
                : await StopMeasuresResting(transactionDb, atHand.Id, consent.Sharing, token);
            CaseEntries.Record(
                transactionDb, scope, atHand.Id, Slug, user.StaffId(),
                ("consentId", consents.Title(consent)),
                ("withdrawnOn", CaseConsents.Day(withdrawnOn)),
                ("stoppedMeasures", string.Join(", ", stopped)));
        });
    }

    /// <summary>Stops the case's measures of the sharing that are planned or started; their names, for the history.</summary>
    private static async Task<IReadOnlyList<string>> StopMeasuresResting(ServiceDbContext transactionDb, Guid caseId, ConsentSharing sharing, CancellationToken cancellationToken)
    {
        var resting = await transactionDb.AgreedMeasures
            .Where(m => m.CaseId == caseId && (m.Status == MeasureStatus.Planned || m.Status == MeasureStatus.Started))
            .Join(transactionDb.Measures.Where(m => m.ConsentSharing == sharing), agreed => agreed.MeasureCode, measure => measure.Code, (agreed, measure) => new { agreed, measure.Name.Nb })
            .ToListAsync(cancellationToken);
        foreach (var measure in resting)
        {
            measure.agreed.Status = MeasureStatus.Stopped;
        }

        return [.. resting.Select(m => m.Nb).Order(StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("nb-NO"), ignoreCase: false))];
    }
}
