using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Cases;
using BekymringssamtaleService.Web.Features.Cases.ChooseTrack;

namespace BekymringssamtaleService.Web.Features.Cases.RecordAttendance;

public sealed class RecordAttendanceRequest
{
    public bool? YouthAttended { get; set; }

    /// <summary>The ids of the guardians who came.</summary>
    public List<int> GuardiansPresent { get; set; } = [];

    public string? Note { get; set; }
}

/// <summary>
/// At the meeting time the officer records who came. The conversation is held when the youth came; otherwise it was
/// missed: a voluntary invitation may be repeated or closed, a missed attendance order goes to escalation.
/// </summary>
public sealed class RecordAttendance(CaseSteps steps) : CaseStep<RecordAttendanceRequest>
{
    public override string Slug => "record-attendance";
    public override string Title => "Registrer oppmøte";
    public override IReadOnlyList<string> Triggers => ["RecordAttended", "RecordMissedVoluntary", "RecordMissedAttendanceOrder"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("youthAttended", "Møtte ungdommen?", FieldKind.YesNo),
        new("guardiansPresent", "Foresatte som møtte", FieldKind.Guardians, Required: false),
        new("note", "Notat", FieldKind.LongText, Required: false),
    ];

    public override async Task<StepResult> HandleAsync(ClaimsPrincipal user, Guid caseId, RecordAttendanceRequest request, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        errors.Required("youthAttended", request.YouthAttended);
        errors.MaxLength("note", request.Note, FieldErrors.LongText);
        var guardianIds = await steps.GuardianIdsAsync(caseId, cancellationToken);
        if (request.GuardiansPresent.Any(id => !guardianIds.Contains(id)))
        {
            errors.Add("guardiansPresent", "Velg blant sakens foresatte.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var attended = request.YouthAttended == true;
        var input = attended
            ? new JsonObject { ["youthAttended"] = true, ["guardiansAttended"] = request.GuardiansPresent.Distinct().Count() }
            : [];
        return await steps.TakeAsync(
            user,
            caseId,
            atHand => attended ? "RecordAttended" : atHand.Track == ChooseTrack.ChooseTrack.AttendanceOrder ? "RecordMissedAttendanceOrder" : "RecordMissedVoluntary",
            input,
            async (db, scope, token) =>
            {
                var meeting = await Meetings.BookedAsync(db, caseId, token)
                    ?? throw new StepRefusedException("youthAttended", "Saken har ingen booket samtale å registrere oppmøte for.");
                meeting.Status = attended ? MeetingStatus.Held : MeetingStatus.Missed;
                meeting.YouthAttended = attended;
                meeting.GuardiansPresent = [.. request.GuardiansPresent.Distinct()];
                CaseEntries.Record(db, scope, caseId, Slug, user.StaffId(), ("youthAttended", attended ? "yes" : "no"), ("note", request.Note));
            },
            cancellationToken);
    }
}
