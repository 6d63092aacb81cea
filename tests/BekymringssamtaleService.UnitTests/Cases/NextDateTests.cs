using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Web.Features.Cases.ViewCase;

namespace BekymringssamtaleService.UnitTests.Cases;

public sealed class NextDateTests
{
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_task_due_before_the_booked_conversation_is_the_next_date()
    {
        var next = NextDate.Of(Meeting(Monday.AddDays(3), MeetingStatus.Booked), [Task("Ring familien", Monday.AddDays(1)), Task("Registrer oppmøte", Monday.AddDays(5))]);

        Assert.Equal(new NextDate(Monday.AddDays(1), "Frist: Ring familien"), next);
    }

    [Fact]
    public void A_booked_conversation_before_every_task_is_the_next_date()
    {
        var next = NextDate.Of(Meeting(Monday, MeetingStatus.Booked), [Task("Ring familien", Monday.AddDays(1))]);

        Assert.Equal(new NextDate(Monday, "Samtale"), next);
    }

    [Fact]
    public void A_cancelled_conversation_is_no_date_and_a_case_without_tasks_has_none()
    {
        Assert.Null(NextDate.Of(Meeting(Monday, MeetingStatus.Cancelled), []));
    }

    private static MeetingView Meeting(DateTimeOffset startsAt, MeetingStatus status) => new(Guid.NewGuid(), 0, startsAt, 90, "Politihuset", [], [], status);

    private static OpenTask Task(string title, DateTimeOffset dueAt) => new(Guid.NewGuid(), title, "Officer", dueAt, null, null);
}
