using BekymringssamtaleService.Testing;
using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(BekymringssamtaleService.BrowserTests.BrowserSession))]

namespace BekymringssamtaleService.BrowserTests;

/// <summary>Debian's chromium driven by Playwright (no browser download), against one running host.</summary>
public sealed class BrowserSession : IAsyncLifetime
{
    private IPlaywright _playwright = null!;

    public ServiceHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Host = await ServiceHost.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("BEKYMRING_CHROMIUM") ?? "/usr/bin/chromium",
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies), optionally signed in through the development login page.</summary>
    public Task<IPage> OpenPageAsync(string? staffId = null) => OpenPageAsync(Host, staffId);

    /// <summary>A fresh browser context on another host (one with a clock of the test's own), optionally signed in.</summary>
    public async Task<IPage> OpenPageAsync(ServiceHost host, string? staffId)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), Locale = "nb-NO" });
        var page = await context.NewPageAsync();
        if (staffId is not null)
        {
            await page.GotoAsync("/logg-inn");
            await page.Locator($"input[value='{staffId}']").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Logg inn" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/logg-inn", StringComparison.Ordinal));
        }

        return page;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await Host.DisposeAsync();
    }
}
