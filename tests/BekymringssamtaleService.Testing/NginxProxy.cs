using System.Diagnostics;
using System.Globalization;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// Debian's nginx as the TLS proxy in front of hosts on loopback, with the configuration `./run production` uses
/// (deploy/local/nginx.conf): https://127.0.0.1 on a free port with a self-signed certificate, round robin, the
/// X-Forwarded headers. Every answer names the host that gave it in <see cref="UpstreamHeader"/>, so a test can tell
/// which host served it. Its files live in a folder of its own, removed when it stops.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    /// <summary>The host (127.0.0.1:port) that answered a request through the proxy.</summary>
    public const string UpstreamHeader = "X-Upstream";

    private const string Executable = "/usr/sbin/nginx";

    private readonly Process _process;
    private readonly string _state;

    private readonly string _certificateThumbprint;

    private NginxProxy(Process process, string state, Uri baseAddress, string certificateThumbprint)
    {
        _process = process;
        _state = state;
        _certificateThumbprint = certificateThumbprint;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>Starts nginx in front of the hosts and waits until it answers over TLS.</summary>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> hosts, CancellationToken cancellationToken)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"{Executable} is missing: install Debian's nginx (./test does).");
        }

        var state = Directory.CreateTempSubdirectory("nginx-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            // nginx's workers run as nobody: they must reach their temporary folders here.
            File.SetUnixFileMode(state, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        Directory.CreateDirectory(Path.Combine(state, "location.d"));
        await File.WriteAllTextAsync(
            Path.Combine(state, "location.d", "upstream.conf"), $"add_header {UpstreamHeader} $upstream_addr always;\n", cancellationToken);
        var (certificate, key, thumbprint) = SelfSignedCertificates.WriteTlsPem(state);
        var port = FreeTcpPort.Next();
        var template = await File.ReadAllTextAsync(RepositoryRoot.Combine("deploy", "local", "nginx.conf"), cancellationToken);
        var upstreams = string.Join('\n', hosts.Select(host => $"    server {host.Authority} max_fails=1 fail_timeout=10s;"));
        var configuration = Path.Combine(state, "nginx.conf");
        await File.WriteAllTextAsync(
            configuration,
            template
                .Replace("@STATE@", state, StringComparison.Ordinal)
                .Replace("@UPSTREAMS@", upstreams, StringComparison.Ordinal)
                .Replace("@LISTEN@", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal)
                .Replace("@CERTIFICATE@", certificate, StringComparison.Ordinal)
                .Replace("@CERTIFICATE_KEY@", key, StringComparison.Ordinal),
            cancellationToken);

        var start = new ProcessStartInfo(Executable, ["-p", state, "-e", Path.Combine(state, "error.log"), "-c", configuration])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var proxy = new NginxProxy(Process.Start(start)!, state, new Uri($"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), thumbprint);
        try
        {
            await proxy.WaitUntilListeningAsync(cancellationToken);
        }
        catch
        {
            proxy.Dispose();
            throw;
        }

        return proxy;
    }

    /// <summary>A client that trusts this proxy's self-signed certificate (and no other) and does not follow redirects.</summary>
    public HttpClient CreateHttpClient(System.Net.CookieContainer? cookies = null) =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies ?? new System.Net.CookieContainer(),
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == _certificateThumbprint },
        })
        {
            BaseAddress = BaseAddress,
        };

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_state, recursive: true);
    }

    private async Task WaitUntilListeningAsync(CancellationToken cancellationToken)
    {
        using var client = CreateHttpClient();
        await Eventually.TrueAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    var log = Path.Combine(_state, "error.log");
                    throw new InvalidOperationException(
                        $"nginx stopped with exit code {_process.ExitCode}:\n{await _process.StandardError.ReadToEndAsync(cancellationToken)}" +
                        (File.Exists(log) ? await File.ReadAllTextAsync(log, cancellationToken) : ""));
                }

                try
                {
                    using var response = await client.GetAsync("/health/live", cancellationToken);
                    return true;
                }
                catch (HttpRequestException)
                {
                    return false; // Not listening yet.
                }
            },
            "nginx to listen",
            TimeSpan.FromSeconds(30));
    }
}
