using System.Net;
using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>
/// A person works through nginx on two hosts in Production: whichever host answers, the sign-in and the forms hold,
/// because the hosts share the key ring in the database; when one host stops, the other carries on.
/// </summary>
public sealed class SeveralHostsTests(BrowserSession browser, TwoHostsBehindNginx hosts) : IClassFixture<TwoHostsBehindNginx>
{
    private static readonly string[] Families = ["Berg", "Dahl", "Lie", "Moe", "Vik", "Aas"];

    [Fact]
    public async Task An_officer_signed_in_through_the_proxy_has_forms_taken_by_both_hosts_without_signing_in_again_and_carries_on_when_one_host_stops()
    {
        var officer = DemoUsers.Get(TwoHostsBehindNginx.Officer);
        var page = await OpenPageAsync();
        var formsTakenBy = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST" && response.Headers.TryGetValue("x-upstream", out var upstream))
            {
                formsTakenBy.Add(upstream);
            }
        };
        // Once signed in, any trip to the provider's authorization endpoint would be a second sign-in (the provider's own
        // session could answer it without showing its form).
        var signedIn = false;
        var furtherSignIns = 0;
        page.Request += (_, request) =>
        {
            if (signedIn && request.Url.StartsWith(new Uri(hosts.IdentityProvider.Authority, "connect/authorize").ToString(), StringComparison.Ordinal))
            {
                furtherSignIns++;
            }
        };

        await SignInAsync(page, officer.DisplayName);
        signedIn = true;
        for (var round = 0; round < Families.Length && formsTakenBy.Distinct().Count() < 2; round++)
        {
            // Round robin counts every request: a page more each round, so the forms do not keep falling to one host.
            for (var extra = 0; extra < round; extra++)
            {
                await page.GotoAsync("/");
            }

            await RegistrationForm.RegisterAsync(page, Families[round]);
        }

        var servedBefore = formsTakenBy.Distinct().Order().ToList();
        hosts.First.Kill();
        await RegistrationForm.RegisterAsync(page, "Etter");
        await page.GotoAsync("/saker");

        Assert.Equal(new[] { hosts.First.BaseAddress.Authority, hosts.Second.BaseAddress.Authority }.Order(), servedBefore);
        Assert.EndsWith(hosts.Second.BaseAddress.Authority, formsTakenBy[^1], StringComparison.Ordinal);
        Assert.Equal(0, furtherSignIns);
        await Assertions.Expect(page.GetByTestId("cases")).ToContainTextAsync("Linnea Etter");
        Assert.StartsWith(hosts.Proxy.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_the_proxy_every_cookie_the_service_sets_is_Secure_and_the_development_login_does_not_exist()
    {
        var officer = DemoUsers.Get(TwoHostsBehindNginx.Officer);
        var page = await OpenPageAsync();
        var responses = new List<IResponse>();
        page.Response += (_, response) => responses.Add(response);

        await SignInAsync(page, officer.DisplayName);
        await page.GotoAsync("/saker/ny");
        var developmentLogin = await page.GotoAsync("/logg-inn");
        var cookiesSet = new List<string>();
        foreach (var response in responses.Where(response => response.Url.StartsWith(hosts.Proxy.BaseAddress.ToString(), StringComparison.Ordinal)))
        {
            cookiesSet.AddRange(await response.HeaderValuesAsync("set-cookie"));
        }

        Assert.Contains(cookiesSet, cookie => cookie.StartsWith("bks.auth=", StringComparison.Ordinal));
        Assert.Contains(cookiesSet, cookie => cookie.StartsWith(".AspNetCore.Correlation.", StringComparison.Ordinal));
        Assert.Contains(cookiesSet, cookie => cookie.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal));
        Assert.All(cookiesSet, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.Equal((int)HttpStatusCode.NotFound, developmentLogin!.Status);
    }

    private async Task<IPage> OpenPageAsync()
    {
        // The proxy's certificate is self-signed; the identity provider's too.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = hosts.Proxy.BaseAddress.ToString(),
            Locale = "nb-NO",
            IgnoreHTTPSErrors = true,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Opens the dashboard, is sent to the identity provider, picks the person there and lands on the start page.</summary>
    private async Task SignInAsync(IPage page, string displayName)
    {
        await page.GotoAsync("/");
        await page.WaitForURLAsync(url => url.StartsWith(hosts.IdentityProvider.Authority.ToString(), StringComparison.Ordinal));
        await page.GetByLabel(displayName, new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
        // The first sign-in of a host fetches the provider's discovery document and keys: more than the default 5 seconds on a busy machine.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Velkommen, {displayName}", new() { Timeout = 60_000 });
    }
}
