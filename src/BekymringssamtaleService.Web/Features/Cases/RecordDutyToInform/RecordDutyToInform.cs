using System.Security.Claims;
using BekymringssamtaleService.Domain.Consents;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Consents;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.RecordDutyToInform;

public sealed class RecordDutyToInformRequest
{
    public DutyToInformGround? LegalGround { get; set; }

    /// <summary>The day the officer found that the duty to inform applies.</summary>
    public DateOnly? DecidedOn { get; set; }
}

/// <summary>
/// The duty to inform child welfare (opplysningsplikt) overrides consent: recorded with its legal ground and date, it
/// lets the referral to child welfare and child welfare's part in the conversation go ahead without the family's
/// consent. It stands in the consent list as "Opplysningsplikt – …" and is never withdrawn.
/// </summary>
public sealed class RecordDutyToInform(TimeProvider time) : CaseStep<RecordDutyToInformRequest>
{
    public override string Slug => "record-duty-to-inform";
    public override string Title => "Registrer opplysningsplikt til barnevernet";
    public override StepWeight Weight => StepWeight.Beside;
    public override IReadOnlyList<string> Triggers => ["RecordDutyToInform"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("legalGround", "Lovgrunnlag", FieldKind.Select, Choices: ConsentWords.GroundChoices),
        new("decidedOn", "Vurdert dato", FieldKind.Date),
    ];

    public override Task ValidateAsync(CaseAtHand atHand, RecordDutyToInformRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        errors.Required("legalGround", request.LegalGround);
        ConsentDates.NotInFuture(errors, "decidedOn", request.DecidedOn, OsloTime.Today(time.GetUtcNow()));
        return Task.CompletedTask;
    }

    public override StepFiring Fire(CaseAtHand atHand, RecordDutyToInformRequest request, ClaimsPrincipal user)
    {
        var ground = request.LegalGround!.Value;
        var recordId = Guid.CreateVersion7(time.GetUtcNow());
        var input = new System.Text.Json.Nodes.JsonObject { ["legalGround"] = ConsentWords.WireName(ground) };
        return new StepFiring("RecordDutyToInform", input, (transactionDb, scope, _) =>
        {
            transactionDb.ConsentRecords.Add(ConsentRecord.DutyToInform(recordId, atHand.Id, ground, request.DecidedOn!.Value, user.StaffId(), scope.Now));
            CaseEntries.Record(
                transactionDb, scope, atHand.Id, Slug, user.StaffId(),
                ("legalGround", ConsentWords.WireName(ground)), ("decidedOn", CaseConsents.Day(request.DecidedOn!.Value)));
            return Task.CompletedTask;
        }, recordId);
    }
}
