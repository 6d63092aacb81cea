using BekymringssamtaleService.Domain.Cases;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace BekymringssamtaleService.Web.Letters;

/// <summary>
/// The calendar entry sent with a letter about a meeting (RFC 5545/5546): one UID per meeting for its whole life, a
/// sequence that rises with every change, and METHOD:CANCEL when it is called off. The summary is neutral: no names.
/// </summary>
public static class CalendarInvitation
{
    public const string Summary = "Samtale med politiet";

    public static string Create(Meeting meeting, string organizerEmail, string attendeeEmail, DateTimeOffset stamp)
    {
        var cancelled = meeting.Status == MeetingStatus.Cancelled;
        var calendarEvent = new CalendarEvent
        {
            Uid = Uid(meeting),
            Sequence = meeting.Sequence,
            DtStamp = new CalDateTime(stamp.UtcDateTime, "UTC"),
            DtStart = new CalDateTime(meeting.StartsAt.UtcDateTime, "UTC"),
            DtEnd = new CalDateTime(meeting.EndsAt.UtcDateTime, "UTC"),
            Summary = Summary,
            Location = meeting.Place,
            Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
            Organizer = new Organizer($"mailto:{organizerEmail}"),
        };
        calendarEvent.Attendees.Add(new Attendee($"mailto:{attendeeEmail}"));
        var calendar = new Calendar { Method = cancelled ? "CANCEL" : "REQUEST", ProductId = "-//Politiet//Bekymringssamtale//NO" };
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    public static string Uid(Meeting meeting) => $"{meeting.Id:N}@bekymringssamtale.politiet.no";
}
