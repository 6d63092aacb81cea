using System.Globalization;
using BekymringssamtaleService.Domain.Time;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.Cases;

/// <summary>A step's letters are written in the step's own transaction, from the case exactly as that step left it.</summary>
public sealed class LettersOfAStepTests(SharedHost shared)
{
    private const int NewDuration = 45;

    [Fact]
    public async Task An_invitation_is_in_the_case_the_moment_the_step_answers_and_shows_its_own_time_when_a_new_time_follows_at_once()
    {
        using var api = new CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var id = await api.RegisterAsync();
        await api.StepAsync(id, "choose-track", new { track = "voluntary" });
        var first = MeetingSlots.Next();
        var second = MeetingSlots.Next();

        await api.StepAsync(id, "invite", CaseRequests.Invitation(first));
        var lettersRightAfterTheInvitation = await api.LettersAsync(id);
        await api.StepAsync(id, "reschedule", new { meetingStart = second, durationMinutes = NewDuration, place = "Politihuset, møterom 2" });
        var letters = await api.LettersAsync(id);

        Assert.Equal(2, lettersRightAfterTheInvitation.Count(letter => letter.Kind == "invitation"));
        var invitations = letters.Where(letter => letter.Kind == "invitation").ToList();
        var changes = letters.Where(letter => letter.Kind == "changedTime").ToList();
        Assert.Equal(2, invitations.Count);
        Assert.Equal(2, changes.Count);
        Assert.All(invitations, letter =>
        {
            Assert.Contains(Hours(first, MeetingSlots.Minutes), letter.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain(Hours(second, NewDuration), letter.TextBody, StringComparison.Ordinal);
        });
        Assert.All(changes, letter => Assert.Contains(Hours(second, NewDuration), letter.TextBody, StringComparison.Ordinal));
    }

    /// <summary>"09:00–10:00" as every letter writes a meeting's hours, whatever its language.</summary>
    private static string Hours(DateTimeOffset start, int minutes) =>
        string.Create(CultureInfo.InvariantCulture, $"{OsloTime.ToOslo(start):HH:mm}–{OsloTime.ToOslo(start).AddMinutes(minutes):HH:mm}");
}
