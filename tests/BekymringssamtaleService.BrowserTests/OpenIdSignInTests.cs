using System.Net;
using System.Net.Http.Headers;
using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

namespace BekymringssamtaleService.BrowserTests;

/// <summary>
/// Signing in at a real OpenID Connect provider (the development identity provider, its own process) to the service
/// as production runs it: the code flow with PKCE, the refused, signing out at the provider, a stale cookie, and a
/// program's bearer token — each as the browser or the program sees it, and as the access log keeps it.
/// </summary>
public sealed class OpenIdSignInTests(BrowserSession browser, ProductionSignIn production) : IClassFixture<ProductionSignIn>
{
    // The first sign-in of a run is slow: the service reads the provider's discovery and keys, and both are cold.
    private static readonly LocatorAssertionsToHaveTextOptions SignedIn = new() { Timeout = 60_000 };

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_officer_signs_in_at_the_identity_provider_lands_on_the_dashboard_and_the_sign_in_is_in_the_access_log()
    {
        var officer = DemoUsers.Get(ProductionSignIn.Officer);
        var page = await OpenPageAsync();

        await page.GotoAsync("/");
        await AssertAtProviderLoginAsync(page);
        await SignInAtProviderAsync(page, officer.DisplayName);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Velkommen, {officer.DisplayName}", SignedIn);
        Assert.StartsWith(production.Host.BaseAddress.ToString(), page.Url, StringComparison.Ordinal);
        Assert.Contains((ProductionSignIn.Officer, "sign-in"), await production.SignInLogAsync());
    }

    [Fact]
    public async Task Someone_the_staff_register_does_not_know_gets_a_Norwegian_page_that_says_whom_to_ask_with_403_and_the_refusal_is_logged()
    {
        var page = await OpenPageAsync();
        await page.GotoAsync("/");

        var refusal = await page.RunAndWaitForResponseAsync(
            () => SignInAtProviderAsync(page, "Nils Utenfor"),
            response => response.Url.Contains("/innlogging-avvist", StringComparison.Ordinal));

        Assert.Equal((int)HttpStatusCode.Forbidden, refusal.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Du har ikke tilgang til Bekymringssamtale");
        await Assertions.Expect(page.GetByText("du er ikke registrert i ansattregisteret")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Kontakt forvalteren for enheten din")).ToBeVisibleAsync();
        Assert.Contains((DevIdentityProviderProcess.UnregisteredSubject, "sign-in-refused"), await production.SignInLogAsync());
    }

    [Fact]
    public async Task A_deactivated_officer_is_told_their_access_is_deactivated_and_is_not_signed_in()
    {
        var officer = DemoUsers.Get(ProductionSignIn.DeactivatedOfficer);
        var page = await OpenPageAsync();
        await page.GotoAsync("/saker");

        var refusal = await page.RunAndWaitForResponseAsync(
            () => SignInAtProviderAsync(page, officer.DisplayName),
            response => response.Url.Contains("/innlogging-avvist", StringComparison.Ordinal));

        Assert.Equal((int)HttpStatusCode.Forbidden, refusal.Status);
        await Assertions.Expect(page.GetByText("tilgangen din i ansattregisteret er deaktivert")).ToBeVisibleAsync();
        Assert.Contains((DevIdentityProviderProcess.SubjectOf(ProductionSignIn.DeactivatedOfficer), "sign-in-refused"), await production.SignInLogAsync());

        // Nothing was signed in: the cases still ask for a sign-in.
        await page.GotoAsync("/saker");
        Assert.DoesNotContain("/saker", page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_signs_out_at_the_identity_provider_too_so_the_next_visit_asks_who_is_there()
    {
        var officer = DemoUsers.Get(ProductionSignIn.Officer);
        var page = await OpenPageAsync();
        await page.GotoAsync("/");
        await SignInAtProviderAsync(page, officer.DisplayName);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"Velkommen, {officer.DisplayName}", SignedIn);

        await page.GetByRole(AriaRole.Button, new() { Name = "Logg ut" }).ClickAsync();
        await AssertAtProviderLoginAsync(page);

        await page.GotoAsync("/");
        await AssertAtProviderLoginAsync(page);
        await page.GotoAsync(production.IdentityProvider.Authority.ToString());
        await Assertions.Expect(page.GetByText("Ingen er logget inn her.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_stale_or_foreign_cookie_leads_to_a_fresh_sign_in_at_the_identity_provider_and_back_to_the_page_asked_for()
    {
        using var client = production.IdentityProvider.Certificate.TrustingClient(production.Host.BaseAddress, followRedirects: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/saker") { Headers = { { "Cookie", "bks.auth=x" } } };
        using var answer = await client.SendAsync(request, Token);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.StartsWith(new Uri(production.IdentityProvider.Authority, "connect/authorize").ToString(), answer.Headers.Location!.ToString(), StringComparison.Ordinal);

        var officer = DemoUsers.Get(ProductionSignIn.Officer);
        var page = await OpenPageAsync();
        await page.Context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bks.auth", Value = "en-gammel-informasjonskapsel", Url = production.Host.BaseAddress.ToString() }]);
        await page.GotoAsync("/saker");
        await AssertAtProviderLoginAsync(page);
        await SignInAtProviderAsync(page, officer.DisplayName);

        await page.WaitForURLAsync(url => url.EndsWith("/saker", StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Saker", SignedIn);
    }

    [Fact]
    public async Task A_program_calls_the_API_with_a_bearer_token_from_the_identity_provider_until_its_account_is_deactivated()
    {
        using var client = production.IdentityProvider.Certificate.TrustingClient(production.Host.BaseAddress, followRedirects: false);
        var token = await production.IdentityProvider.ProgramAccessTokenAsync(Token);

        using var withToken = await GetCasesAsync(client, token);
        using var withoutToken = await GetCasesAsync(client, token: null);

        Assert.Equal(HttpStatusCode.OK, withToken.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutToken.StatusCode);
        Assert.Contains((ProductionSignIn.ProgramAccount, "sign-in"), await production.SignInLogAsync());

        await production.DeactivateAsync(ProductionSignIn.ProgramAccount);
        using var deactivated = await GetCasesAsync(client, token);

        Assert.Equal(HttpStatusCode.Unauthorized, deactivated.StatusCode);
        Assert.Contains((DevIdentityProviderProcess.SubjectOf(ProductionSignIn.ProgramAccount), "sign-in-refused"), await production.SignInLogAsync());
    }

    private static async Task<HttpResponseMessage> GetCasesAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/cases");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request, Token);
    }

    /// <summary>A fresh browser context on the service; both it and the provider serve the test's self-signed certificate.</summary>
    private async Task<IPage> OpenPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = production.Host.BaseAddress.ToString(),
            Locale = "nb-NO",
            IgnoreHTTPSErrors = true,
        });
        context.SetDefaultTimeout(60_000);
        return await context.NewPageAsync();
    }

    private async Task AssertAtProviderLoginAsync(IPage page)
    {
        await page.WaitForURLAsync(url => url.StartsWith(new Uri(production.IdentityProvider.Authority, "logg-inn").ToString(), StringComparison.Ordinal));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Logg inn");
    }

    private static async Task SignInAtProviderAsync(IPage page, string name)
    {
        await page.GetByLabel(name, new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
    }
}
