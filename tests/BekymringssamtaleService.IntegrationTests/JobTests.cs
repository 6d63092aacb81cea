using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Jobs;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests;

public sealed class JobTests(SharedHost shared)
{
    [Fact]
    public async Task A_job_enqueued_by_the_host_runs_and_its_test_mail_reaches_the_administrator()
    {
        var jobs = shared.Host.Services.GetRequiredService<IBackgroundJobClient>();

        var jobId = jobs.Enqueue<SendOperationsTestMail>(job => job.RunAsync(DemoUsers.Administrator, CancellationToken.None));

        var mail = await shared.Host.Mailbox.WaitForAsync(
            m => m.Subject == SendOperationsTestMail.Subject && m.To.Mailboxes.Any(to => to.Address == DemoUsers.Get(DemoUsers.Administrator).Email),
            TimeSpan.FromSeconds(20));
        Assert.Contains("testmelding", mail.TextBody, StringComparison.OrdinalIgnoreCase);
        // The mail leaves before Hangfire records the job's success.
        await Eventually.TrueAsync(() => JobState(jobId) == SucceededState.StateName, "Hangfire to record the job as succeeded", TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_recurring_job_an_earlier_version_registered_is_removed_when_a_host_starts()
    {
        await using var earlier = await ServiceHost.StartAsync();
        using (var connection = earlier.Services.GetRequiredService<JobStorage>().GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            // As the earlier version's storage holds it: a recurring job whose type this version no longer has.
            transaction.AddToSet("recurring-jobs", RetiredRecurringJobs.Ids[0]);
            transaction.SetRangeInHash($"recurring-job:{RetiredRecurringJobs.Ids[0]}", new Dictionary<string, string> { ["Cron"] = "* * * * *" });
            transaction.Commit();
        }

        await using var restarted = await ServiceHost.StartAsync(earlier.ConnectionString);

        using var check = restarted.Services.GetRequiredService<JobStorage>().GetConnection();
        Assert.DoesNotContain(RetiredRecurringJobs.Ids[0], check.GetAllItemsFromSet("recurring-jobs"));
    }

    private string? JobState(string jobId)
    {
        using var connection = shared.Host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetStateData(jobId)?.Name;
    }
}
