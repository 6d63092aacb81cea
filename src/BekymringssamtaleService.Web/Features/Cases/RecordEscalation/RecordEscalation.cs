using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.RecordEscalation;

public sealed class RecordEscalationRequest
{
    public string? Decision { get; set; }

    [FreeText]
    public string? Reasons { get; set; }

    [FreeText]
    public string? WhyNotNewDate { get; set; }

    [FreeText]
    public string? WhyNotHomeVisit { get; set; }
}

/// <summary>
/// After a missed attendance order the police consider, in this order, a new date, a home visit and, as a last resort,
/// fetching: a fetch needs the reasons why neither a new date nor a home visit will do, and a Lead's approval.
/// </summary>
public sealed class RecordEscalation : CaseStep<RecordEscalationRequest>
{
    private static readonly Dictionary<string, string> TriggerByDecision = new()
    {
        ["newDate"] = "DecideNewDate",
        ["homeVisit"] = "DecideHomeVisit",
        ["fetch"] = "RequestFetch",
    };

    public override string Slug => "record-escalation";
    public override string Title => "Registrer beslutning etter uteblivelse";
    public override IReadOnlyList<string> Triggers => [.. TriggerByDecision.Values];

    public override IReadOnlyList<FormField> Form =>
    [
        new("decision", "Beslutning", FieldKind.Select, Choices: [new("newDate", "Ny tid"), new("homeVisit", "Hjemmebesøk"), new("fetch", "Avhenting (siste utvei, krever godkjenning)")]),
        new("reasons", "Begrunnelse", FieldKind.LongText),
        new("whyNotNewDate", "Hvorfor ikke ny tid (påkrevd ved avhenting)", FieldKind.LongText, Required: false),
        new("whyNotHomeVisit", "Hvorfor ikke hjemmebesøk (påkrevd ved avhenting)", FieldKind.LongText, Required: false),
    ];

    public override Task ValidateAsync(CaseAtHand atHand, RecordEscalationRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (request.Decision is null || !TriggerByDecision.ContainsKey(request.Decision))
        {
            errors.Add("decision", "Velg ny tid, hjemmebesøk eller avhenting.");
        }

        errors.Required("reasons", request.Reasons, FieldErrors.LongText);
        var fetch = request.Decision == "fetch";
        if (fetch)
        {
            errors.Required("whyNotNewDate", request.WhyNotNewDate, FieldErrors.LongText);
            errors.Required("whyNotHomeVisit", request.WhyNotHomeVisit, FieldErrors.LongText);
        }

        errors.MaxLength("whyNotNewDate", request.WhyNotNewDate, FieldErrors.LongText);
        errors.MaxLength("whyNotHomeVisit", request.WhyNotHomeVisit, FieldErrors.LongText);
        return Task.CompletedTask;
    }

    public override StepFiring Fire(CaseAtHand atHand, RecordEscalationRequest request, ClaimsPrincipal user)
    {
        var input = new JsonObject { ["reasons"] = request.Reasons!.Trim() };
        if (request.Decision == "fetch")
        {
            input["whyNotNewDate"] = request.WhyNotNewDate!.Trim();
            input["whyNotHomeVisit"] = request.WhyNotHomeVisit!.Trim();
        }

        return new StepFiring(TriggerByDecision[request.Decision!], input, (db, scope, _) =>
        {
            CaseEntries.Record(
                db, scope, atHand.Id, Slug, user.StaffId(),
                ("decision", request.Decision), ("reasons", request.Reasons), ("whyNotNewDate", request.WhyNotNewDate), ("whyNotHomeVisit", request.WhyNotHomeVisit));
            return Task.CompletedTask;
        });
    }
}
