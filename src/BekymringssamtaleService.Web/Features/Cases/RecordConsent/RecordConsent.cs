using System.Security.Claims;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Consents;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.RecordConsent;

public sealed class RecordConsentRequest
{
    /// <summary>Who consented: "youth", or "guardian-{id}" for one of the case's guardians.</summary>
    public string? Person { get; set; }

    public ConsentSharing? Sharing { get; set; }

    public DateOnly? GivenOn { get; set; }
}

/// <summary>
/// Records that the youth or a guardian consented to one sharing, on a day not yet to come. A consent already in force
/// for the same person and sharing is not recorded twice (409).
/// </summary>
public sealed class RecordConsent(ServiceDbContext db, TimeProvider time) : CaseStep<RecordConsentRequest>
{
    public override string Slug => "record-consent";
    public override string Title => "Registrer samtykke";
    public override StepWeight Weight => StepWeight.Beside;
    public override IReadOnlyList<string> Triggers => ["RecordConsent"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("person", "Hvem samtykket", FieldKind.ConsentPerson),
        new("sharing", "Samtykket gjelder deling med", FieldKind.Select, Choices: ConsentWords.SharingChoices),
        new("givenOn", "Samtykke gitt dato", FieldKind.Date),
    ];

    public override async Task<StepResult?> RefusalAsync(CaseAtHand atHand, RecordConsentRequest request, CancellationToken cancellationToken)
    {
        if (!ConsentPerson.TryParse(request.Person, out var person) || request.Sharing is not { } sharing)
        {
            return null;
        }

        var consents = await CaseConsents.LoadAsync(db, atHand.Id, cancellationToken);
        return consents.Records.Any(r => r.Person == person && r.Sharing == sharing && !r.IsWithdrawn)
            ? new StepResult.NotNow($"{consents.NameOf(person)} har allerede samtykket til deling med {ConsentWords.With(sharing)}, og samtykket er ikke trukket tilbake.")
            : null;
    }

    public override async Task ValidateAsync(CaseAtHand atHand, RecordConsentRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (!ConsentPerson.TryParse(request.Person, out var person))
        {
            errors.Add("person", request.Person is null ? "Feltet må fylles ut." : "Velg ungdommen eller en av sakens foresatte.");
        }
        else if (!(await CaseConsents.LoadAsync(db, atHand.Id, cancellationToken)).IsInCase(person))
        {
            errors.Add("person", "Personen er ikke foresatt i denne saken. Velg ungdommen eller en av sakens foresatte.");
        }

        errors.Required("sharing", request.Sharing);
        ConsentDates.NotInFuture(errors, "givenOn", request.GivenOn, OsloTime.Today(time.GetUtcNow()));
    }

    public override StepFiring Fire(CaseAtHand atHand, RecordConsentRequest request, ClaimsPrincipal user)
    {
        var person = ConsentPerson.TryParse(request.Person, out var named) ? named : throw new InvalidOperationException("A valid request names a person.");
        var sharing = request.Sharing!.Value;
        var consentId = Guid.CreateVersion7(time.GetUtcNow());
        var input = new System.Text.Json.Nodes.JsonObject { ["sharing"] = ConsentWords.WireName(sharing) };
        return new StepFiring("RecordConsent", input, async (transactionDb, scope, token) =>
        {
            var consents = await CaseConsents.LoadAsync(transactionDb, atHand.Id, token);
            transactionDb.ConsentRecords.Add(ConsentRecord.Given(consentId, atHand.Id, person, sharing, request.GivenOn!.Value, user.StaffId(), scope.Now));
            CaseEntries.Record(
                transactionDb, scope, atHand.Id, Slug, user.StaffId(),
                ("person", consents.NameOf(person)), ("sharing", ConsentWords.WireName(sharing)), ("givenOn", CaseConsents.Day(request.GivenOn!.Value)));
        }, consentId);
    }
}
