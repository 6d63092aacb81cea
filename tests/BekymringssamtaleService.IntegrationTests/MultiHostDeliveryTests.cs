using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.IntegrationTests.Cases;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>How the service scales past one machine: several hosts on one database share the work.</summary>
[Collection(nameof(RunsAlone))]
public sealed class MultiHostDeliveryTests
{
    private const int ReminderCount = 500;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    /// <summary>
    /// 500 one-day reminders fall due at once on a case with a youth and a guardian: a thousand letters. Each host has
    /// its own SMTP server, so its mailbox shows what it sent.
    /// </summary>
    [Fact]
    public async Task Two_hosts_on_one_database_share_a_thousand_reminder_letters_and_each_is_delivered_once()
    {
        await using var first = await ServiceHost.StartAsync();
        await using var second = await ServiceHost.StartAsync(first.ConnectionString);
        using var api = new CaseApi(first, DemoUsers.OsloOfficer);
        var caseId = await api.RegisterAsync();
        await api.StepAsync(caseId, "choose-track", new { track = "voluntary" });
        await api.StepAsync(caseId, "invite", CaseRequests.Invitation(MeetingSlots.Next(), DemoUsers.OsloOfficer));

        await ReminderBurst.AddDueAsync(first.ConnectionString, caseId, ReminderCount, Token);
        await WaitUntilAsync(async () => await CountAsync(first, caseId, "SELECT count(*) FROM letters WHERE case_id = @case AND kind = 'Reminder' AND status = 'Sent'") == 2 * ReminderCount);

        var ids = await ReminderMessageIdsAsync(first, caseId);
        var byFirst = first.Mailbox.Messages.Where(message => ids.Contains(message.MessageId ?? "")).ToList();
        var bySecond = second.Mailbox.Messages.Where(message => ids.Contains(message.MessageId ?? "")).ToList();
        Assert.Equal(2 * ReminderCount, ids.Count);
        Assert.Equal(ids.Order(), byFirst.Concat(bySecond).Select(message => message.MessageId!).Order());
        Assert.NotEmpty(byFirst);
        Assert.NotEmpty(bySecond);
        Assert.Equal(ReminderCount, await CountAsync(first, caseId, "SELECT count(*) FROM workflow.journal WHERE instance_id = @case AND kind = 'timer'"));
    }

    private static async Task<HashSet<string>> ReminderMessageIdsAsync(ServiceHost host, Guid caseId)
    {
        using var scope = host.Services.CreateScope();
        var letters = await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Letters.AsNoTracking()
            .Where(l => l.CaseId == caseId && l.Kind == LetterKind.Reminder).ToListAsync(Token);
        return [.. letters.Select(l => l.MessageId)];
    }

    private static Task<long> CountAsync(ServiceHost host, Guid caseId, string sql) => ReminderBurst.CountAsync(host.ConnectionString, caseId, sql, Token);

    private static Task WaitUntilAsync(Func<Task<bool>> condition) => ReminderBurst.WaitUntilAsync(condition, TimeSpan.FromMinutes(5), Token);
}

/// <summary>Tests that measure a volume run after the others, with the machine to themselves.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
