using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.RecordReply;

public sealed class RecordReplyRequest
{
    public string? Reply { get; set; }

    [FreeText]
    public string? Note { get; set; }
}

/// <summary>The family's answer to a voluntary invitation: accepted, no answer yet, or declined (which ends the invitation).</summary>
public sealed class RecordReply : CaseStep<RecordReplyRequest>
{
    private static readonly string[] Replies = ["accepted", "declined", "noAnswer"];

    public override string Slug => "record-reply";
    public override string Title => "Registrer svar";
    public override IReadOnlyList<string> Triggers => ["RecordReply", "RecordDecline"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("reply", "Svar", FieldKind.Select, Choices: [new("accepted", "Takket ja"), new("declined", "Takket nei"), new("noAnswer", "Ikke svart")]),
        new("note", "Notat", FieldKind.LongText, Required: false),
    ];

    public override Task ValidateAsync(CaseAtHand atHand, RecordReplyRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        if (!Replies.Contains(request.Reply))
        {
            errors.Add("reply", "Velg takket ja, takket nei eller ikke svart.");
        }

        errors.MaxLength("note", request.Note, FieldErrors.LongText);
        return Task.CompletedTask;
    }

    public override StepFiring Fire(CaseAtHand atHand, RecordReplyRequest request, ClaimsPrincipal user)
    {
        var declined = request.Reply == "declined";
        var input = declined ? [] : new JsonObject { ["reply"] = request.Reply };
        return new StepFiring(declined ? "RecordDecline" : "RecordReply", input, async (db, scope, token) =>
        {
            CaseEntries.Record(db, scope, atHand.Id, Slug, user.StaffId(), ("reply", request.Reply), ("note", request.Note));
            if (declined)
            {
                await Meetings.CancelBookedAsync(db, atHand.Id, token);
            }
        });
    }
}
