using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json.Nodes;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Api;
using BekymringssamtaleService.Web.Auth;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.Steps;
using Microsoft.EntityFrameworkCore;

namespace BekymringssamtaleService.Web.Features.Cases.RecordAttendance;

public sealed class RecordAttendanceRequest
{
    public bool? YouthAttended { get; set; }

    /// <summary>The ids of the guardians who came.</summary>
    [MaxLength(10)]
    public List<int> GuardiansPresent { get; set; } = [];

    [FreeText]
    public string? Note { get; set; }
}

/// <summary>
/// From the meeting's start (not before) the officer records who came. The conversation is held when the youth came; otherwise it was
/// missed: a voluntary invitation may be repeated or closed, a missed attendance order goes to escalation.
/// </summary>
public sealed class RecordAttendance(ServiceDbContext db, TimeProvider time) : CaseStep<RecordAttendanceRequest>
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

    public override Task<string?> NotYetAsync(CaseAtHand atHand, CancellationToken cancellationToken) =>
        Meetings.NotBegunAsync(db, atHand.Id, time.GetUtcNow(), cancellationToken);

    public override async Task ValidateAsync(CaseAtHand atHand, RecordAttendanceRequest request, FieldErrors errors, CancellationToken cancellationToken)
    {
        errors.Required("youthAttended", request.YouthAttended);
        errors.MaxLength("note", request.Note, FieldErrors.LongText);
        var guardianIds = await db.Cases.Where(c => c.Id == atHand.Id).SelectMany(c => c.Guardians).Select(g => g.Id).ToListAsync(cancellationToken);
        if (request.GuardiansPresent.Any(id => !guardianIds.Contains(id)))
        {
            errors.Add("guardiansPresent", "Velg blant sakens foresatte.");
        }
    }

    public override StepFiring Fire(CaseAtHand atHand, RecordAttendanceRequest request, ClaimsPrincipal user)
    {
        var attended = request.YouthAttended == true;
        var input = attended
            ? new JsonObject { ["youthAttended"] = true, ["guardiansAttended"] = request.GuardiansPresent.Distinct().Count() }
            : [];
        var trigger = attended ? "RecordAttended" : atHand.Track == Track.AttendanceOrder ? "RecordMissedAttendanceOrder" : "RecordMissedVoluntary";
        return new StepFiring(trigger, input, async (transactionDb, scope, token) =>
        {
            var meeting = await Meetings.BookedAsync(transactionDb, atHand.Id, token)
                ?? throw new StepRefusedException("youthAttended", "Saken har ingen booket samtale å registrere oppmøte for.");
            meeting.Status = attended ? MeetingStatus.Held : MeetingStatus.Missed;
            meeting.YouthAttended = attended;
            meeting.GuardiansPresent = [.. request.GuardiansPresent.Distinct()];
            CaseEntries.Record(transactionDb, scope, atHand.Id, Slug, user.StaffId(), ("youthAttended", attended ? "yes" : "no"), ("note", request.Note));
        });
    }
}
