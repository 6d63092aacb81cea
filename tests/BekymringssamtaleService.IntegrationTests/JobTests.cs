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
        Assert.Equal(SucceededState.StateName, await JobStateAsync(jobId, TimeSpan.FromSeconds(10)));
    }

    // The mail leaves before Hangfire records success: wait for the state with a deadline.
    private async Task<string?> JobStateAsync(string jobId, TimeSpan deadline)
    {
        var storage = shared.Host.Services.GetRequiredService<JobStorage>();
        using var timeout = new CancellationTokenSource(deadline);
        string? state;
        do
        {
            using var connection = storage.GetConnection();
            state = connection.GetStateData(jobId)?.Name;
            if (state == SucceededState.StateName)
            {
                break;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        while (!timeout.IsCancellationRequested);

        return state;
    }
}
