using System.Security.Claims;
using BekymringssamtaleService.Web.Features.Cases.Access;
using BekymringssamtaleService.Web.Features.Cases.Booking;
using BekymringssamtaleService.Web.Features.Cases.Steps;

namespace BekymringssamtaleService.Web.Features.Cases.BookFollowUp;

public sealed class BookFollowUpRequest
{
    public DateTimeOffset? MeetingStart { get; set; }
    public int? DurationMinutes { get; set; }
    public string? Place { get; set; }
    public List<string> OfficerIds { get; set; } = [];

    /// <summary>The unit's room to hold it in (one of its bookable rooms), if any.</summary>
    public Guid? RoomId { get; set; }

    /// <summary>The unit's interpreter to book for it, if any.</summary>
    public Guid? InterpreterId { get; set; }
}

/// <summary>
/// Books a follow-up conversation as the first one was booked (working hours, officers of the unit, no officer booked
/// twice) and sends the follow-up invitation with a calendar entry to the youth and every guardian; the family is
/// reminded before it, the officer the day before.
/// </summary>
public sealed class BookFollowUp(MeetingTimeRules rules) : CaseStep<BookFollowUpRequest>
{
    public override string Slug => "book-follow-up";
    public override string Title => "Book oppfølgingssamtale";
    public override IReadOnlyList<string> Triggers => ["BookFollowUp"];

    public override IReadOnlyList<FormField> Form =>
    [
        new("meetingStart", "Tidspunkt", FieldKind.DateTime),
        new("durationMinutes", "Varighet i minutter", FieldKind.Number, Required: false, Hint: $"Standard er {MeetingTimeRules.DefaultDurationMinutes} minutter."),
        new("place", "Sted", FieldKind.Text),
        new("officerIds", "Betjenter", FieldKind.UnitOfficers),
        new("roomId", "Rom", FieldKind.UnitRoom, Required: false),
        new("interpreterId", "Tolk", FieldKind.UnitInterpreter, Required: false),
    ];

    public override Task ValidateAsync(CaseAtHand atHand, BookFollowUpRequest request, FieldErrors errors, CancellationToken cancellationToken) =>
        rules.CheckAsync(errors, atHand.UnitCode, request.MeetingStart, Duration(request), request.Place, Parties(request), cancellationToken);

    public override StepFiring Fire(CaseAtHand atHand, BookFollowUpRequest request, ClaimsPrincipal user)
    {
        var startsAt = request.MeetingStart!.Value.ToUniversalTime();
        var duration = Duration(request);
        var place = request.Place!.Trim();
        return new StepFiring("BookFollowUp", Meetings.TriggerInput(startsAt, duration, place), (db, scope, token) =>
            Meetings.BookAsync(db, atHand.Id, startsAt, duration, place, Parties(request), [], scope.Now, token));
    }

    private static MeetingParties Parties(BookFollowUpRequest request) => new(request.OfficerIds, request.RoomId, request.InterpreterId);

    private static int Duration(BookFollowUpRequest request) => request.DurationMinutes ?? MeetingTimeRules.DefaultDurationMinutes;
}
