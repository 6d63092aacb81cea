using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;

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

    private readonly byte[] _certificate;

    private NginxProxy(Process process, string state, Uri baseAddress, SelfSignedCertificate certificate)
    {
        _process = process;
        _state = state;
        var served = new X509Certificate2Collection();
        served.ImportFromPemFile(certificate.CertificatePath);
        _certificate = served[0].RawData;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>
    /// Starts nginx on https://127.0.0.1:<paramref name="port"/> in front of the hosts and waits until it answers over
    /// TLS. The port is the caller's: the identity provider must know the service's address before the hosts start.
    /// </summary>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<Uri> hosts, int port, CancellationToken cancellationToken)
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
        var certificate = SelfSignedCertificate.Create(state);
        var template = await File.ReadAllTextAsync(RepositoryRoot.Combine("deploy", "local", "nginx.conf"), cancellationToken);
        var upstreams = string.Join('\n', hosts.Select(host => $"    server {host.Authority} max_fails=1 fail_timeout=10s;"));
        var configuration = Path.Combine(state, "nginx.conf");
        await File.WriteAllTextAsync(
            configuration,
            template
                .Replace("@STATE@", state, StringComparison.Ordinal)
                .Replace("@UPSTREAMS@", upstreams, StringComparison.Ordinal)
                .Replace("@LISTEN@", $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", StringComparison.Ordinal)
                .Replace("@CERTIFICATE@", certificate.CertificatePath, StringComparison.Ordinal)
                .Replace("@CERTIFICATE_KEY@", certificate.KeyPath, StringComparison.Ordinal),
            cancellationToken);

        var start = new ProcessStartInfo(Executable, ["-p", state, "-e", Path.Combine(state, "error.log"), "-c", configuration])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var proxy = new NginxProxy(Process.Start(start)!, state, new Uri($"https://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), certificate);
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
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(_certificate) },
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
