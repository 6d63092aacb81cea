using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Cases;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.ChooseTrack;

public sealed class ChooseTrackRequest
{
    public string? Track { get; set; }

    /// <summary>The offence case number; required for an attendance order unless the case already has one.</summary>
    public string? OffenceReference { get; set; }

    public string? Reason { get; set; }
}

/// <summary>Voluntary invitation, or an attendance order (needs an offence reference, goes to a Lead for approval).</summary>
public sealed class ChooseTrack(CaseSteps steps) : CaseStep<ChooseTrackRequest>
{
    public const string Voluntary = "voluntary";
    public const string AttendanceOrder = "attendanceOrder";

    public override string Slug => "choose-track";
    public override string Title => "Velg spor";
    public override IReadOnlyList<string> Triggers => ["ChooseVoluntary", "RequestAttendanceOrder"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("track", "Spor", FieldKind.Select, Choices: [new(Voluntary, "Frivillig innkalling"), new(AttendanceOrder, "Pålegg om oppmøte (krever lovbrudd og godkjenning)")]),
        new("offenceReference", "Straffesaksnummer", FieldKind.Text, Required: false, Hint: "Påkrevd for pålegg om oppmøte."),
        new("reason", "Begrunnelse for pålegg", FieldKind.LongText, Required: false),
    ];

    public override async Task<StepResult> HandleAsync(ClaimsPrincipal user, Guid caseId, ChooseTrackRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        if (request.Track is not (Voluntary or AttendanceOrder))
        {
            errors.Add("track", "Velg frivillig innkalling eller pålegg om oppmøte.");
        }

        errors.MaxLength("offenceReference", request.OffenceReference, 40);
        errors.MaxLength("reason", request.Reason, FieldErrors.LongText);
        var existingReference = await steps.OffenceReferenceAsync(caseId, cancellationToken);
        var reference = string.IsNullOrWhiteSpace(request.OffenceReference) ? existingReference : request.OffenceReference.Trim();
        if (request.Track == AttendanceOrder)
        {
            if (reference is null)
            {
                errors.Add("offenceReference", "Pålegg om oppmøte krever et straffesaksnummer: det må være grunn til å tro at ungdommen har begått en straffbar handling.");
            }

            errors.Required("reason", request.Reason, FieldErrors.LongText);
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        if (request.Track == Voluntary)
        {
            return await steps.TakeAsync(user, caseId, _ => "ChooseVoluntary", [], null, cancellationToken);
        }

        var input = new JsonObject { ["offenceReference"] = reference, ["reason"] = request.Reason!.Trim() };
        return await steps.TakeAsync(user, caseId, _ => "RequestAttendanceOrder", input, async (db, scope, token) =>
        {
            var concernCase = await db.Cases.SingleAsync(c => c.Id == caseId, token);
            concernCase.OffenceReference = reference;
            CaseEntries.Record(db, scope, caseId, Slug, user.StaffId(), ("reason", request.Reason));
        }, cancellationToken);
    }
}
