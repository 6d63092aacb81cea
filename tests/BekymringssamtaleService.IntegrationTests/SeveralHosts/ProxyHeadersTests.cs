using System.Net;
using System.Net.Sockets;
using BekymringssamtaleService.SmtpSink;
using BekymringssamtaleService.Testing;

namespace BekymringssamtaleService.IntegrationTests.SeveralHosts;

/// <summary>
/// A host as production runs it (its own process, Production settings) behind a proxy on 127.0.0.1: what the proxy
/// forwards is believed from that address only. Linux answers every address of 127.0.0.0/8 on loopback, so a client
/// connecting from 127.0.0.2 is "someone else" on the same machine.
/// </summary>
public sealed class ProxyHeadersTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_forwarded_scheme_is_believed_from_the_configured_proxy_and_ignored_from_any_other_address()
    {
        var smtpPort = FreeTcpPort.Next();
        await using var smtp = await SmtpSinkServer.StartAsync(smtpPort, new MemoryMailbox(), Token);
        var settings = ProductionSettings.WithUnreachableIdentityProvider();
        settings["ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";
        using var host = await ServiceProcess.StartAsync(ServiceProcess.BuiltWebDll, await TestPostgres.CreateDatabaseAsync("proxy"), smtpPort, settings, Token);
        using var fromProxy = ClientFrom(IPAddress.Loopback, host.BaseAddress);
        using var fromElsewhere = ClientFrom(IPAddress.Parse("127.0.0.2"), host.BaseAddress);

        using var throughProxy = await fromProxy.SendAsync(ForwardedHttpsRequest(), Token);
        using var notThroughProxy = await fromElsewhere.SendAsync(ForwardedHttpsRequest(), Token);

        // HSTS is sent over HTTPS only: the host took the request for https:// exactly when it believed the header.
        Assert.Equal(HttpStatusCode.OK, throughProxy.StatusCode);
        Assert.True(throughProxy.Headers.Contains("Strict-Transport-Security"), "HSTS on the request the proxy forwarded as https");
        Assert.Equal(HttpStatusCode.OK, notThroughProxy.StatusCode);
        Assert.False(notThroughProxy.Headers.Contains("Strict-Transport-Security"), "HSTS on plain http from an address that is no proxy");
    }

    /// <summary>What nginx forwards of a request that reached it over TLS (HSTS is never sent to 127.0.0.1 or localhost).</summary>
    private static HttpRequestMessage ForwardedHttpsRequest()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Host = "bekymringssamtale.politiet.example";
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");
        request.Headers.Add("X-Forwarded-Proto", "https");
        return request;
    }

    private static HttpClient ClientFrom(IPAddress source, Uri baseAddress) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        })
        {
            BaseAddress = baseAddress,
        };
}
