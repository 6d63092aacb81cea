using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>
/// The reminders of an invited case on the real workflow, with a clock the test moves: each fires when due (the
/// due-timer pump's round is run as each host runs it), not before, not twice, and not for a time that was changed or cancelled.
/// Quiet hours are set to last until 12:00 here, so a reminder due in the morning visibly waits.
/// </summary>
public sealed class ReminderTests : IAsyncLifetime
{
    private readonly ClockedHost _clocked = new() { Settings = new Dictionary<string, string?> { ["QuietHours:From"] = "21:00", ["QuietHours:Until"] = "12:00" } };

    private ServiceHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        await _clocked.InitializeAsync();
        _host = _clocked.Host;
    }

    public async ValueTask DisposeAsync() => await _clocked.DisposeAsync();

    [Fact]
    public async Task Family_reminders_come_before_the_conversation_outside_quiet_hours_once_each_and_follow_a_new_time()
    {
        using var api = new CaseApi(_host, DemoUsers.OsloOfficer);
        var meeting = MeetingSlots.WeekdayAt(new TimeOnly(9, 0));
        var caseId = await api.OpenInvitedCaseAsync(meeting);
        var inviting = await RemindersAsync(caseId);

        // 09:00 three days before lies in the quiet hours (until 12:00): the reminder waits until noon.
        var threeDaysBefore = AtOsloTime(meeting.AddDays(-3), new TimeOnly(12, 0));
        await MoveClockToAsync(threeDaysBefore.AddMinutes(-1));
        Assert.Equal(inviting, await RemindersAsync(caseId));

        await MoveClockToAsync(threeDaysBefore);
        var first = await WaitForRemindersAsync(caseId, inviting + 2);
        await MoveClockToAsync(threeDaysBefore.AddMinutes(5));
        Assert.Equal(first, await RemindersAsync(caseId));
        Assert.All(await MailsToCaseAsync(caseId, LetterKind.Reminder), letter => Assert.Equal(1, _host.Mailbox.Messages.Count(m => m.MessageId == letter.MessageId)));

        // A new time a week later: the old one-day reminder is void, and the new time gets its own reminders.
        var newMeeting = meeting.AddDays(7);
        await api.StepAsync(caseId, "reschedule", new { meetingStart = newMeeting, durationMinutes = MeetingSlots.Minutes, place = "Politihuset" });
        await MoveClockToAsync(AtOsloTime(meeting.AddDays(-1), new TimeOnly(12, 0)).AddMinutes(1));
        Assert.Equal(first, await RemindersAsync(caseId));

        await MoveClockToAsync(AtOsloTime(newMeeting.AddDays(-3), new TimeOnly(12, 0)));
        var second = await WaitForRemindersAsync(caseId, first + 2);
        Assert.Equal(first + 2, second);
    }

    [Fact]
    public async Task A_cancelled_conversation_gets_no_reminders()
    {
        using var api = new CaseApi(_host, DemoUsers.OsloOfficer);
        var meeting = MeetingSlots.WeekdayAt(new TimeOnly(13, 0));
        var caseId = await api.OpenInvitedCaseAsync(meeting);
        await api.StepAsync(caseId, "cancel", new { reason = "Familien har flyttet." });

        await MoveClockToAsync(meeting.AddMinutes(-1));

        Assert.Equal(0, await RemindersAsync(caseId));
        Assert.Equal(0, await CountAsync(caseId, LetterKind.OfficerMeetingTomorrow));
    }

    [Fact]
    public async Task The_officer_is_reminded_on_the_working_day_before_a_Monday_conversation()
    {
        using var api = new CaseApi(_host, DemoUsers.OsloOfficer);
        var caseId = await api.RegisterAsync();
        await api.StepAsync(caseId, "choose-track", new { track = "voluntary" });
        var monday = MeetingSlots.WeekdayAt(new TimeOnly(14, 0));
        while (OsloTime.ToOslo(monday).DayOfWeek != DayOfWeek.Monday)
        {
            monday = monday.AddDays(1);
        }

        await api.StepAsync(caseId, "invite", CaseRequests.Invitation(monday, DemoUsers.OsloOfficer));
        var friday = monday.AddDays(-3);
        await MoveClockToAsync(friday.AddMinutes(-1));
        Assert.Equal(0, await CountAsync(caseId, LetterKind.OfficerMeetingTomorrow));

        await MoveClockToAsync(friday);

        await WaitUntilAsync(async () => await CountAsync(caseId, LetterKind.OfficerMeetingTomorrow) == 1);
        var letter = (await MailsToCaseAsync(caseId, LetterKind.OfficerMeetingTomorrow)).Single();
        Assert.Equal(DemoUsers.Get(DemoUsers.OsloOfficer).Email, letter.RecipientEmail);
    }

    [Fact]
    public async Task A_family_invited_again_after_a_missed_meeting_gets_the_call_them_task_again_when_they_do_not_answer()
    {
        using var api = new CaseApi(_host, DemoUsers.OsloOfficer);
        var meeting = MeetingSlots.WeekdayAt(new TimeOnly(9, 0));
        var caseId = await api.OpenInvitedCaseAsync(meeting);
        await api.StepAsync(caseId, "record-reply", new { reply = "accepted" });
        await MoveClockToAsync(meeting);
        Assert.Equal("MissedVoluntary", await api.StepAsync(caseId, "record-attendance", new { youthAttended = false }));
        Assert.Equal("ReadyToInvite", await api.StepAsync(caseId, "invite-again"));
        await api.StepAsync(caseId, "invite", CaseRequests.Invitation(MeetingSlots.WeekdayAt(new TimeOnly(11, 0))));

        await MoveClockToAsync(_clocked.Clock.GetUtcNow().AddDays(5));

        Assert.Equal(1, await OpenTasksAsync(caseId, "Ring familien – ingen svar på innkallingen"));
    }

    private Task MoveClockToAsync(DateTimeOffset instant) => _clocked.MoveClockToAsync(instant);

    private async Task<int> OpenTasksAsync(Guid caseId, string title)
    {
        using var scope = _host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        return await db.WorkflowTasks.CountAsync(task => task.InstanceId == caseId && task.Status == UserTaskStatus.Open && task.Title == title, Token);
    }

    private static DateTimeOffset AtOsloTime(DateTimeOffset day, TimeOnly time) =>
        OsloTime.FromOsloWallClock(DateOnly.FromDateTime(OsloTime.ToOslo(day).DateTime).ToDateTime(time));

    private Task<int> RemindersAsync(Guid caseId) => CountAsync(caseId, LetterKind.Reminder);

    private async Task<int> WaitForRemindersAsync(Guid caseId, int expected)
    {
        await WaitUntilAsync(async () => await RemindersAsync(caseId) >= expected);
        return await RemindersAsync(caseId);
    }

    private async Task<int> CountAsync(Guid caseId, LetterKind kind)
    {
        using var scope = _host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Letters.CountAsync(l => l.CaseId == caseId && l.Kind == kind, Token);
    }

    /// <summary>The letters of a kind, once each has arrived at the SMTP server.</summary>
    private async Task<List<Letter>> MailsToCaseAsync(Guid caseId, LetterKind kind)
    {
        using var scope = _host.Services.CreateScope();
        var letters = await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Letters.AsNoTracking()
            .Where(l => l.CaseId == caseId && l.Kind == kind).ToListAsync(Token);
        foreach (var letter in letters)
        {
            await _host.Mailbox.WaitForAsync(message => message.MessageId == letter.MessageId, TimeSpan.FromSeconds(30));
        }

        return letters;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.TrueAsync(condition, "the reminders");
}
