using System.Text.Json;
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

        var personalData = PersonalDataInSeeds().ToList();
        var leaks = shared.Host.Logs.Lines
            .SelectMany(line => personalData.Where(value => line.Contains(value, StringComparison.OrdinalIgnoreCase)).Select(value => (value, line)))
            .ToList();

        Assert.NotEmpty(shared.Host.Logs.Lines);
        Assert.Empty(leaks);
    }

    private static IEnumerable<string> PersonalDataInSeeds()
    {
        using var users = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("seeds", "demo-users.json")));
        foreach (var user in users.RootElement.EnumerateArray())
        {
            yield return user.GetProperty("displayName").GetString()!;
            yield return user.GetProperty("email").GetString()!;
        }

        using var cases = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("seeds", "demo-cases.json")));
        foreach (var seed in cases.RootElement.EnumerateArray())
        {
            var concernCase = seed.GetProperty("case");
            var youth = concernCase.GetProperty("youth");
            yield return youth.GetProperty("givenName").GetString() + " " + youth.GetProperty("familyName").GetString();
            yield return youth.GetProperty("email").GetString()!;
            yield return concernCase.GetProperty("concernText").GetString()!;
            foreach (var guardian in concernCase.GetProperty("guardians").EnumerateArray())
            {
                yield return guardian.GetProperty("name").GetString()!;
                if (guardian.TryGetProperty("email", out var email))
                {
                    yield return email.GetString()!; // a guardian without one gets their letters by post
                }

                yield return guardian.GetProperty("address").GetString()!;
            }
        }
    }
}
