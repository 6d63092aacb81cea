using System.Security.Claims;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.RecordConsent;
using BekymringssamtaleService.Web.Features.Cases.RecordDutyToInform;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using BekymringssamtaleService.Web.Features.Cases.WithdrawConsent;

namespace BekymringssamtaleService.Web.Features.Cases.Consents;

/// <summary>
/// The consents of a case: listed, recorded, withdrawn by the consent's id, and the duty to inform child welfare. The
/// writes are the steps record-consent, withdraw-consent and record-duty-to-inform (the same handlers as their pages),
/// taken through <see cref="CaseSteps"/> on routes of their own.
/// </summary>
public static class ConsentEndpoints
{
    public static void MapConsents(this RouteGroupBuilder cases)
    {
        cases.MapGet("/{id:guid}/consents", ListAsync).WithName("ListConsents").WithSummary("Sakens samtykker, og om hver deling har gyldig samtykke i dag")
            .Produces<CaseConsentsView>().ProducesProblem(StatusCodes.Status404NotFound);
        Writes(cases.MapPost("/{id:guid}/consents", RecordAsync).WithName(nameof(RecordConsent.RecordConsent)).WithSummary("Registrer samtykke")
            .Produces<ConsentRecorded>(StatusCodes.Status201Created));
        Writes(cases.MapPost("/{id:guid}/consents/duty-to-inform", RecordDutyToInformAsync).WithName(nameof(RecordDutyToInform.RecordDutyToInform))
            .WithSummary("Registrer opplysningsplikt til barnevernet (i stedet for samtykke)")
            .Produces<ConsentRecorded>(StatusCodes.Status201Created));
        Writes(cases.MapPost("/{id:guid}/consents/{consentId:guid}/withdraw", WithdrawAsync).WithName(nameof(WithdrawConsent.WithdrawConsent))
            .WithSummary("Trekk tilbake et samtykke: tiltak som bygger på det stoppes, og saksbehandler får en oppgave")
            .Produces<StepTaken>());
    }

    private static void Writes(RouteHandlerBuilder endpoint) => endpoint
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict);

    private static async Task<IResult> ListAsync(HttpContext context, ClaimsPrincipal user, ConsentList list, CancellationToken cancellationToken) =>
        Results.Ok(await list.ReadAsync(user, context.CaseAtHand(), cancellationToken));

    private static async Task<IResult> RecordAsync(
        HttpContext context, StepBody<RecordConsentRequest> body, ClaimsPrincipal user, RecordConsent.RecordConsent step, CaseSteps steps, CancellationToken cancellationToken) =>
        StepResponses.ToHttp(await steps.TakeAsync(step, user, context.CaseAtHand(), Posted(body.Body, request => request), cancellationToken), Created);

    private static async Task<IResult> RecordDutyToInformAsync(
        HttpContext context, StepBody<RecordDutyToInformRequest> body, ClaimsPrincipal user, RecordDutyToInform.RecordDutyToInform step, CaseSteps steps, CancellationToken cancellationToken) =>
        StepResponses.ToHttp(await steps.TakeAsync(step, user, context.CaseAtHand(), Posted(body.Body, request => request), cancellationToken), Created);

    private static async Task<IResult> WithdrawAsync(
        HttpContext context, Guid consentId, StepBody<WithdrawConsentBody> body, ClaimsPrincipal user, WithdrawConsent.WithdrawConsent step, CaseSteps steps, CancellationToken cancellationToken)
    {
        var posted = Posted(body.Body, withdrawal => new WithdrawConsentRequest { ConsentId = consentId, WithdrawnOn = withdrawal.WithdrawnOn });
        return StepResponses.ToHttp(await steps.TakeAsync(step, user, context.CaseAtHand(), posted, cancellationToken), done => Results.Ok(new StepTaken(done.CaseId, done.State)));
    }

    /// <summary>The request the body held, or its reading errors: told only after the gate, as for every step.</summary>
    private static PostedRequest Posted<TBody>(JsonBody<TBody> body, Func<TBody, object> request)
        where TBody : class =>
        body.Value is { } value ? PostedRequest.Read(request(value)) : PostedRequest.Unreadable(body.Errors);

    private static IResult Created(StepResult.Done done) =>
        Results.Created($"/api/v1/cases/{done.CaseId}/consents", new ConsentRecorded(done.Created!.Value, done.CaseId));
}

/// <summary>A consent record made: its id (to withdraw it by) and its case.</summary>
public sealed record ConsentRecorded(Guid Id, Guid CaseId);
