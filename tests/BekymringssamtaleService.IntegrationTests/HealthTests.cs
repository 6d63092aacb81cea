using System.Net;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests;

public sealed class HealthTests(SharedHost shared)
{
    [Fact]
    public async Task Live_answers_200_without_signing_in()
    {
        using var client = shared.Host.CreateHttpClient();

        using var response = await client.GetAsync("/health/live", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Ready_is_200_while_PostgreSQL_answers_503_while_it_is_stopped_and_200_again_after_it_restarts()
    {
        await using var cluster = await PrivatePostgresCluster.StartAsync();
        await using var host = await ServiceHost.StartAsync(cluster.ConnectionString);
        using var client = host.CreateHttpClient();

        Assert.Equal(HttpStatusCode.OK, await ReadyStatusAsync(client));

        await cluster.StopServerAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyStatusAsync(client));

        await cluster.StartServerAsync();
        // Connections broken by the restart may fail one check before the pool replaces them.
        await Eventually.TrueAsync(
            async () => await ReadyStatusAsync(client) == HttpStatusCode.OK, "ready to return to 200 after PostgreSQL restarted", TimeSpan.FromSeconds(15));
    }

    private static async Task<HttpStatusCode> ReadyStatusAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/health/ready", TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
