using System.Security.Claims;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Measures;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.AddMeasure;

public sealed class AddMeasureRequest
{
    public AgreedMeasureInput? Measure { get; set; }
}

/// <summary>A measure agreed after the first ones (at a follow-up, or when a need shows): the same rules, consent included.</summary>
public sealed class AddMeasure(AgreedMeasureRows rows) : CaseStep<AddMeasureRequest>
{
    public override string Slug => "add-measure";
    public override string Title => "Legg til tiltak";
    public override StepWeight Weight => StepWeight.Beside;
    public override IReadOnlyList<string> Triggers => ["AddMeasure"];

    public override IReadOnlyList<FormField> Form => [.. AgreedMeasureRows.Fields("measure", group: null, required: true)];

    public override async Task ValidateAsync(CaseAtHand atHand, AddMeasureRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (request.Measure is null)
        {
            errors.Add("measure.code", "Velg et tiltak fra katalogen.");
            return;
        }

        await rows.ValidateAsync(atHand.Id, [request.Measure], _ => "measure", errors, cancellationToken);
    }

    public override StepFiring Fire(CaseAtHand atHand, AddMeasureRequest request, ClaimsPrincipal user) =>
        new("AddMeasure", [], async (db, scope, token) =>
        {
            await AgreedMeasureRows.RequireConsentAsync(db, atHand.Id, [request.Measure!], _ => "measure", scope.Now, token);
            db.AgreedMeasures.Add(AgreedMeasureRows.Agreed(request.Measure!, atHand.Id, user.StaffId(), scope.Now));
        });
}
