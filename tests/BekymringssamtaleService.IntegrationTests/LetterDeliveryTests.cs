using System.Net;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Domain.Tasks;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>The outbox against a real SMTP server that refuses an address, goes down and comes back.</summary>
public sealed class LetterDeliveryTests : IAsyncLifetime
{
    private ServiceHost _host = null!;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _host = await ServiceHost.StartAsync(settings: new Dictionary<string, string?>
    {
        ["Letters:Delivery:FirstRetryDelay"] = "00:00:00.500",
        ["Letters:Delivery:LongestRetryDelay"] = "00:00:01",
        ["Letters:Delivery:MaxAttempts"] = "6",
    });

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_recipient_the_server_refuses_is_recorded_as_rejected_without_retries_and_the_officers_get_a_task()
    {
        _host.Smtp.RejectedRecipients["finnes.ikke@example.com"] = true;
        var (letter, _) = (await AddLettersAsync(1, "finnes.ikke@example.com"))[0];

        await WaitUntilAsync(async () => (await LetterAsync(letter)).Status != LetterStatus.Pending);
        Assert.Equal(0, await SendDueLettersAsync());

        var stored = await LetterAsync(letter);
        Assert.Equal(LetterStatus.Rejected, stored.Status);
        Assert.Equal(1, stored.Attempts);
        Assert.StartsWith("550", stored.ServerReply, StringComparison.Ordinal);
        Assert.Null(stored.NextAttemptAt);
        var task = await _host.Services.CreateScope().ServiceProvider.GetRequiredService<ServiceDbContext>()
            .WorkflowTasks.AsNoTracking().SingleAsync(t => t.Id == letter, Token);
        Assert.Equal(("Officer", UserTaskStatus.Open, "Lead"), (task.CandidateRole, task.Status, task.EscalateTo));
        Assert.StartsWith("E-postadressen ble avvist", task.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Mailbox.Messages, message => message.MessageId == stored.MessageId);
    }

    [Fact]
    public async Task While_the_mail_server_is_down_letters_wait_and_when_it_is_back_each_arrives_exactly_once()
    {
        await _host.StopSmtpAsync();
        var letters = await AddLettersAsync(10, "foresatt@example.com");
        await WaitUntilAsync(async () => (await LettersAsync(letters)).All(l => l.Attempts >= 1 && l.Status == LetterStatus.Pending));
        using var admin = await SignedInAsync(DemoUsers.Administrator);
        Assert.Contains("Brev som venter på nytt forsøk", await admin.GetStringAsync("/hendelser", Token), StringComparison.Ordinal);

        await _host.StartSmtpAsync();
        await WaitUntilAsync(async () => (await LettersAsync(letters)).All(l => l.Status == LetterStatus.Sent));

        var messageIds = (await LettersAsync(letters)).Select(l => l.MessageId).ToHashSet();
        Assert.Equal(10, _host.Mailbox.Messages.Count(message => messageIds.Contains(message.MessageId ?? "")));
        Assert.Equal(10, _host.Mailbox.Messages.Where(message => messageIds.Contains(message.MessageId ?? "")).Select(message => message.MessageId).Distinct().Count());
        Assert.DoesNotContain("Brev som venter på nytt forsøk", await admin.GetStringAsync("/hendelser", Token), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_letter_that_failed_every_attempt_is_an_incident_until_an_administrator_sends_it_again()
    {
        await _host.StopSmtpAsync();
        var (letter, _) = (await AddLettersAsync(1, "foresatt@example.com"))[0];
        await WaitUntilAsync(async () => (await LetterAsync(letter)).Status == LetterStatus.Failed);
        using var admin = await SignedInAsync(DemoUsers.Administrator);
        var incidents = await admin.GetStringAsync("/hendelser", Token);
        Assert.Contains("data-testid=\"failed-letters\"", incidents, StringComparison.Ordinal);
        Assert.Equal(6, (await LetterAsync(letter)).Attempts);

        await _host.StartSmtpAsync();
        using var retry = await admin.SubmitAsync("/hendelser", new Dictionary<string, string> { ["letterId"] = letter.ToString() }, "RetryLetter");

        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        var sent = await _host.Mailbox.WaitForAsync(message => message.MessageId == $"{letter:N}@bekymringssamtale.politiet.no", TimeSpan.FromSeconds(30));
        Assert.NotNull(sent);
        await WaitUntilAsync(async () => (await LetterAsync(letter)).Status == LetterStatus.Sent);
        Assert.Contains("Ingen brev står fast.", await admin.GetStringAsync("/hendelser", Token), StringComparison.Ordinal);
    }

    private async Task<List<(Guid Letter, Guid Execution)>> AddLettersAsync(int count, string email)
    {
        using var scope = _host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var caseId = await db.Cases.Select(c => c.Id).FirstAsync(Token);
        var execution = Guid.CreateVersion7();
        var now = _host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var letters = Enumerable.Range(0, count).Select(index => OutboxLetters.Reminder(caseId, execution, $"guardian:{index}", email, now)).ToList();
        db.Letters.AddRange(letters);
        await db.SaveChangesAsync(Token);
        return [.. letters.Select(l => (l.Id, execution))];
    }

    /// <summary>One more round of the outbox relay; answers how many letters it claimed.</summary>
    private Task<int> SendDueLettersAsync() => _host.Services.GetRequiredService<LetterDelivery>().SendDueAsync(batchSize: 20, Token);

    private async Task<Letter> LetterAsync(Guid id) => (await LettersAsync([(id, Guid.Empty)]))[0];

    private async Task<List<Letter>> LettersAsync(IReadOnlyList<(Guid Letter, Guid Execution)> letters)
    {
        using var scope = _host.Services.CreateScope();
        var ids = letters.Select(l => l.Letter).ToList();
        return await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Letters.AsNoTracking().Where(l => ids.Contains(l.Id)).ToListAsync(Token);
    }

    private async Task<HttpClient> SignedInAsync(string staffId)
    {
        var client = _host.CreateHttpClient();
        await client.SignInAsync(staffId);
        return client;
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => Eventually.TrueAsync(condition, "the letters' delivery", TimeSpan.FromSeconds(60));
}
