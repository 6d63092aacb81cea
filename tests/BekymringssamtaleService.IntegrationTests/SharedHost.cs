using BekymringssamtaleService.Testing;

[assembly: AssemblyFixture(typeof(BekymringssamtaleService.IntegrationTests.SharedHost))]

namespace BekymringssamtaleService.IntegrationTests;

/// <summary>One running host for the tests that only read or add their own data; tests that stop things start their own.</summary>
public sealed class SharedHost : IAsyncLifetime
{
    public ServiceHost Host { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Host = await ServiceHost.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
    }
}
