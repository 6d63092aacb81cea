using BekymringssamtaleService.Testing;
using BekymringssamtaleService.Web.Jobs;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace BekymringssamtaleService.IntegrationTests;

public sealed class LogPrivacyTests(SharedHost shared)
{
    [Fact]
    public async Task Logs_hold_no_name_or_e_mail_address_of_staff_youths_or_guardians()
    {
        using var client = shared.Host.CreateHttpClient();
        await client.SignInAsync(DemoUsers.Administrator);
        await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        await client.GetStringAsync("/drift", TestContext.Current.CancellationToken);
        shared.Host.Services.GetRequiredService<IBackgroundJobClient>()
            .Enqueue<SendOperationsTestMail>(job => job.RunAsync(DemoUsers.Administrator, CancellationToken.None));
        await shared.Host.Mailbox.WaitForAsync(m => m.Subject == SendOperationsTestMail.Subject, TimeSpan.FromSeconds(20));

        var leaks = SeededPersonalData.FoundIn(shared.Host.Logs.Lines, SeededPersonalData.Values);

        Assert.NotEmpty(shared.Host.Logs.Lines);
        Assert.Empty(leaks);
    }
}
