using System.Diagnostics;
using System.Globalization;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// The web host as production runs it: its own process (the built BekymringssamtaleService.Web.dll) on a loopback
/// port, configured by environment variables. Unlike <see cref="ServiceHost"/> it can be killed like a crashed machine.
/// </summary>
public sealed class ServiceProcess : IDisposable
{
    private const int KeptErrorLines = 40;

    private readonly Process _process;
    private readonly Queue<string> _errors = new();

    private ServiceProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    /// <summary>The host ./test builds (Debug).</summary>
    public static string BuiltWebDll { get; } =
        RepositoryRoot.Combine("src", "BekymringssamtaleService.Web", "bin", "Debug", "net10.0", "BekymringssamtaleService.Web.dll");

    public Uri BaseAddress { get; }

    /// <summary>
    /// Runs what deployment runs before any host starts, each as its own step and fails with a step's output unless it
    /// succeeds: <c>migrate</c> (as the database's owner), then <c>publish-workflows</c> with the workflows folder the
    /// hosts will load (<c>Workflows__Folder</c> among <paramref name="settings"/>, else the repository's).
    /// </summary>
    public static async Task DeployAsync(string webDll, string connectionString, IReadOnlyDictionary<string, string>? settings = null)
    {
        var folder = settings?.GetValueOrDefault("Workflows__Folder") ?? RepositoryRoot.Combine("workflows");
        foreach (var step in new[] { "migrate", "publish-workflows" })
        {
            var result = await HostCommand.RunAsync(connectionString, [step], new Dictionary<string, string?> { ["Workflows__Folder"] = folder }, webDll);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"{step} exited with {result.ExitCode}:\n{result.Output}");
            }
        }
    }

    /// <summary>
    /// Runs the deployment steps on the database given (<see cref="DeployAsync"/>), then starts the host in Development
    /// (demo users, the development login) against it as the app role, with the mail server given, and waits until
    /// /health/ready answers. Further settings are environment variables (Section__Key). The host listens on a free
    /// loopback port over HTTP, or at <paramref name="baseAddress"/> (an https one needs Kestrel's certificate settings).
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string webDll, string connectionString, int smtpPort, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken,
        Uri? baseAddress = null)
    {
        await DeployAsync(webDll, connectionString, settings);
        return await LaunchAsync(webDll, connectionString, smtpPort, settings, cancellationToken, baseAddress);
    }

    /// <summary>
    /// Starts the host on the database as it is, with no deployment step before it (see <see cref="StartAsync"/> for the
    /// settings), and waits until it is ready; a host that stops instead fails with the end of what it wrote.
    /// </summary>
    public static async Task<ServiceProcess> LaunchAsync(
        string webDll, string connectionString, int smtpPort, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken,
        Uri? baseAddress = null)
    {
        baseAddress ??= new Uri($"http://127.0.0.1:{FreeTcpPort.Next().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet", [webDll, "--urls", baseAddress.ToString()])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__Database"] = AppDatabaseRole.ConnectionString(connectionString);
        start.Environment["Smtp__Host"] = "127.0.0.1";
        start.Environment["Smtp__Port"] = smtpPort.ToString(CultureInfo.InvariantCulture);
        start.Environment["Smtp__Security"] = "None";
        start.Environment["Seeds__LoadDemoData"] = "true";
        // Required outside Development, and every host on one database must read the keys the others encrypted.
        start.Environment["DataProtection__Certificate__Path"] = KeyRingCertificate.Path;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var host = new ServiceProcess(Process.Start(start)!, baseAddress);
        host._process.OutputDataReceived += (_, _) => { };
        host._process.ErrorDataReceived += (_, line) => host.KeepErrorLine(line.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        await host.WaitUntilReadyAsync(cancellationToken);
        return host;
    }

    /// <summary>Ends the process at once (SIGKILL): no shutdown, nothing flushed or committed, as a power cut would.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        // The host just started here: whatever certificate it serves is the one it was given.
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
        using var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        await Eventually.TrueAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    _process.WaitForExit(); // until the last lines it wrote are read
                    throw new InvalidOperationException($"The host stopped with exit code {_process.ExitCode}:\n{ErrorTail()}");
                }

                try
                {
                    using var response = await client.GetAsync("/health/ready", cancellationToken);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false; // Not listening yet.
                }
            },
            "the host to be ready",
            TimeSpan.FromMinutes(3));
    }

    private void KeepErrorLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_errors)
        {
            _errors.Enqueue(line);
            if (_errors.Count > KeptErrorLines)
            {
                _errors.Dequeue();
            }
        }
    }

    private string ErrorTail()
    {
        lock (_errors)
        {
            return string.Join('\n', _errors);
        }
    }
}
