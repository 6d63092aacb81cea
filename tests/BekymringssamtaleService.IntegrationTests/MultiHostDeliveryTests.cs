using System.Globalization;
using BekymringssamtaleService.Domain.Cases;
using BekymringssamtaleService.Domain.Letters;
using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Data;
using BekymringssamtaleService.Web.Letters;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>How the service scales past one machine: several hosts on one database share the jobs.</summary>
[Collection(nameof(RunsAlone))]
public sealed class MultiHostDeliveryTests
{
    private const int LetterCount = 1000;

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hosts_on_one_database_share_a_thousand_letters_and_each_is_delivered_once()
    {
        await using var first = await ServiceHost.StartAsync();
        await using var second = await ServiceHost.StartAsync(first.ConnectionString, new Dictionary<string, string?>
        {
            ["Smtp:Port"] = first.Smtp.Port.ToString(CultureInfo.InvariantCulture),
        });
        var execution = await AddLettersAsync(first);

        await first.Services.GetRequiredService<LetterDispatch>().DispatchExecutionAsync(execution, Token);
        await WaitUntilAsync(async () => await CountAsync(first, "SELECT count(*) FROM letters WHERE status = 'Sent'") == LetterCount);

        var ids = await MessageIdsAsync(first, execution);
        var delivered = first.Mailbox.Messages.Where(message => ids.Contains(message.MessageId ?? "")).GroupBy(message => message.MessageId).ToList();
        Assert.Equal(LetterCount, delivered.Count);
        Assert.All(delivered, copies => Assert.Single(copies));
        Assert.Equal(2, await CountAsync(first, """
            SELECT count(DISTINCT s.data->>'ServerId') FROM hangfire.job j JOIN hangfire.state s ON s.jobid = j.id
            WHERE s.name = 'Processing' AND j.invocationdata->>'Type' LIKE '%LetterDelivery%'
            """));
    }

    private static async Task<Guid> AddLettersAsync(ServiceHost host)
    {
        using var scope = host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceDbContext>();
        var caseId = await db.Cases.Select(c => c.Id).FirstAsync(Token);
        var now = host.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        var execution = Guid.CreateVersion7(now);
        db.Letters.AddRange(Enumerable.Range(0, LetterCount).Select(index => new Letter
        {
            Id = Guid.CreateVersion7(now),
            CaseId = caseId,
            ExecutionId = execution,
            Kind = LetterKind.Reminder,
            Recipient = $"guardian:{index}",
            RecipientName = "Foresatt",
            RecipientEmail = $"foresatt{index}@example.com",
            Language = LetterLanguage.Nb,
            Subject = "Påminnelse om samtale med politiet",
            TextBody = "Hei,\n\nvelkommen til samtalen.",
            HtmlBody = "<p>Hei,</p><p>velkommen til samtalen.</p>",
            Status = LetterStatus.Pending,
            CreatedAt = now,
        }));
        await db.SaveChangesAsync(Token);
        return execution;
    }

    private static async Task<HashSet<string>> MessageIdsAsync(ServiceHost host, Guid execution)
    {
        using var scope = host.Services.CreateScope();
        var letters = await scope.ServiceProvider.GetRequiredService<ServiceDbContext>().Letters.AsNoTracking()
            .Where(l => l.ExecutionId == execution).ToListAsync(Token);
        return [.. letters.Select(l => l.MessageId)];
    }

    private static async Task<long> CountAsync(ServiceHost host, string sql)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Token);
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync(Token))!;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(Token);
        deadline.CancelAfter(TimeSpan.FromMinutes(5));
        while (!await condition())
        {
            await Task.Delay(250, deadline.Token);
        }
    }
}

/// <summary>Tests that measure a volume run after the others, with the machine to themselves.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
