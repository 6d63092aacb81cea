namespace BekymringssamtaleService.Web.Features.Cases.ViewCase;

/// <summary>
/// The case's next date, as its header shows it: the booked conversation or the earliest open task's due time,
/// whichever comes first, with what it is.
/// </summary>
public sealed record NextDate(DateTimeOffset At, string Label)
{
    public static NextDate? Of(MeetingView? meeting, IReadOnlyList<OpenTask> openTasks)
    {
        var conversation = meeting is { Status: Domain.Cases.MeetingStatus.Booked } ? new NextDate(meeting.StartsAt, "Samtale") : null;
        var task = openTasks.MinBy(t => t.DueAt) is { } first ? new NextDate(first.DueAt, $"Frist: {first.Title}") : null;
        if (conversation is null || task is null)
        {
            return conversation ?? task;
        }

        return task.At < conversation.At ? task : conversation;
    }
}
