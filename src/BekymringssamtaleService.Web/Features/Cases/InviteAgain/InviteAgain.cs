using System.Security.Claims;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.InviteAgain;

public sealed class InviteAgainRequest;

/// <summary>After a voluntary invitation was declined or the youth did not come: the case is ready to book a new conversation.</summary>
public sealed class InviteAgain : CaseStep<InviteAgainRequest>
{
    public override string Slug => "invite-again";
    public override string Title => "Kall inn på nytt";
    public override IReadOnlyList<string> Triggers => ["InviteAgain"];
    public override IReadOnlyList<FormField> Form => [];

    public override StepFiring Fire(CaseAtHand atHand, InviteAgainRequest request, ClaimsPrincipal user) => new("InviteAgain", []);
}
