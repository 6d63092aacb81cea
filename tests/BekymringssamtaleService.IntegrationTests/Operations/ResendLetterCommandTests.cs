using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests.Operations;

/// <summary>An operator sends one letter of the outbox again, with a host's outbox relay running on the same database.</summary>
public sealed class ResendLetterCommandTests(SharedHost shared)
{
    private const string Address = "foresatt.resend@example.com";

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_letter_that_failed_every_attempt_is_queued_again_and_delivered_once_and_resending_it_once_sent_is_refused()
    {
        var letter = await AddFailedLetterAsync();

        var resent = await HostCommand.RunAsync(shared.Host.ConnectionString, ["resend-letter", letter.ToString()]);
        await Eventually.TrueAsync(async () => (await LetterAsync(letter)).Status == LetterStatus.Sent, "the letter to be sent", TimeSpan.FromSeconds(60));
        var afterSent = await HostCommand.RunAsync(shared.Host.ConnectionString, ["resend-letter", letter.ToString()]);

        Assert.Equal(0, resent.ExitCode);
        Assert.Contains($"Letter {letter}: Failed → Pending; the outbox sends it at its next round.", resent.Output, StringComparison.Ordinal);
        Assert.Equal(1, afterSent.ExitCode);
        Assert.Contains($"resend-letter failed: Letter {letter} was sent already. Add --again", afterSent.Output, StringComparison.Ordinal);
        var sent = await LetterAsync(letter);
        Assert.Single(shared.Host.Mailbox.Messages, message => message.MessageId == sent.MessageId);
        Assert.DoesNotContain(Address, resent.Output + afterSent.Output, StringComparison.Ordinal);
        using var scope = shared.Host.Services.CreateScope();
        var logged = await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().AccessLog.AsNoTracking()
            .Where(entry => entry.Action == "resend-letter" && entry.CaseId == sent.CaseId)
            .Select(entry => new { entry.StaffId, entry.Purpose })
            .ToListAsync(Token);
        Assert.Equal([new { StaffId = "operations", Purpose = "operations" }], logged);
    }

    [Fact]
    public async Task An_unknown_letter_id_exits_with_1_and_says_no_letter_has_it()
    {
        var unknown = Guid.CreateVersion7();

        var result = await HostCommand.RunAsync(shared.Host.ConnectionString, ["resend-letter", unknown.ToString()]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"resend-letter failed: No letter has the id {unknown}.", result.Output, StringComparison.Ordinal);
    }

    /// <summary>A letter of a case of its own whose every attempt failed, as the outbox leaves one (an incident).</summary>
    private async Task<Guid> AddFailedLetterAsync()
    {
        using var api = new Cases.CaseApi(shared.Host, DemoUsers.OsloOfficer);
        var caseId = await api.RegisterAsync();
        using var scope = shared.Host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var letter = OutboxLetters.Reminder(caseId, Guid.CreateVersion7(), "guardian:1", Address, shared.Host.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        letter.Status = LetterStatus.Failed;
        letter.Attempts = 10;
        letter.ServerReply = "SocketException";
        db.Letters.Add(letter);
        await db.SaveChangesAsync(Token);
        return letter.Id;
    }

    private async Task<Letter> LetterAsync(Guid id)
    {
        using var scope = shared.Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Letters.AsNoTracking().SingleAsync(l => l.Id == id, Token);
    }
}
