using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace BekymringssamtaleService.Web.Security;

/// <summary>
/// Behind a TLS proxy the host sees plain HTTP from the proxy's address. The proxy's X-Forwarded-For and
/// X-Forwarded-Proto say who asked and over what, so that the OpenID Connect callback is https://, cookies may be
/// Secure and HSTS is sent; they are believed only from the proxies configured (ForwardedHeaders:KnownProxies,
/// ForwardedHeaders:KnownNetworks): from anyone else they are ignored, since any client can send them. None is trusted
/// unless configured (not even loopback, ASP.NET Core's default). The proxy passes the Host header on as it is.
/// </summary>
public static class ProxyHeaders
{
    public static WebApplicationBuilder AddProxyHeaders(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProxySettings>()
            .BindConfiguration(ProxySettings.SectionName)
            .Validate(
                settings => settings.KnownProxies.All(proxy => IPAddress.TryParse(proxy, out _)),
                $"{ProxySettings.SectionName}:KnownProxies must list IP addresses (10.0.0.5, ::1).")
            .Validate(
                settings => settings.KnownNetworks.All(network => System.Net.IPNetwork.TryParse(network, out _)),
                $"{ProxySettings.SectionName}:KnownNetworks must list networks in CIDR notation (10.0.0.0/8).")
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxySettings>>((options, proxies) =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in proxies.Value.KnownProxies)
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }

            foreach (var network in proxies.Value.KnownNetworks)
            {
                if (System.Net.IPNetwork.TryParse(network, out var parsed))
                {
                    options.KnownIPNetworks.Add(parsed);
                }
            }
        });
        return builder;
    }

    /// <summary>First in the pipeline: everything after it (HSTS, authentication's redirects) sees the client's request.</summary>
    public static void UseProxyHeaders(this WebApplication app) => app.UseForwardedHeaders();
}

/// <summary>The section "ForwardedHeaders": the reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
public sealed class ProxySettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>The proxies' addresses. Empty: no proxy is trusted.</summary>
    public IReadOnlyList<string> KnownProxies { get; init; } = [];

    /// <summary>Networks the proxies are in, in CIDR notation (where their addresses change, as a cluster's ingress does).</summary>
    public IReadOnlyList<string> KnownNetworks { get; init; } = [];
}
