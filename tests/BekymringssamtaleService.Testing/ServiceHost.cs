using BekymringssamtaleService.SmtpSink;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BekymringssamtaleService.Testing;

/// <summary>
/// The real web host on a free loopback port (Kestrel, not the in-memory test server), in Development with the
/// development login and demo data, against a database of its own and an SMTP sink of its own. The host connects as
/// the app role (<see cref="AppDatabaseRole"/>, ConnectionStrings:Database) and migrates as the database's owner
/// (the superuser the tests connect as, ConnectionStrings:Migrations), as ./run and production run it.
/// </summary>
public sealed class ServiceHost : WebApplicationFactory<Program>
{
    private readonly string _connectionString;
    private readonly int _smtpPort;
    private readonly IReadOnlyDictionary<string, string?> _settings;
    private readonly Action<IServiceCollection> _services;

    private ServiceHost(
        string connectionString, SmtpSinkServer smtp, MemoryMailbox mailbox, IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection> services)
    {
        _connectionString = connectionString;
        _smtpPort = smtp.Port;
        _settings = settings;
        _services = services;
        Smtp = smtp;
        Mailbox = mailbox;
        UseKestrel(FreeTcpPort.Next());
    }

    public MemoryMailbox Mailbox { get; }

    public SmtpSinkServer Smtp { get; private set; }

    public CapturedLogs Logs { get; } = new();

    private bool SmtpRunning { get; set; } = true;

    public Uri BaseAddress => ClientOptions.BaseAddress;

    /// <summary>
    /// The database as its owner (a superuser): what tests use to arrange rows and read what the host wrote. The host
    /// itself never connects so: see <see cref="AppConnectionString"/>.
    /// </summary>
    public string ConnectionString => _connectionString;

    /// <summary>The database as the host's everyday role, bekymring_app: what the running host connects as.</summary>
    public string AppConnectionString => AppDatabaseRole.ConnectionString(_connectionString);

    /// <summary>
    /// Starts a host on a fresh database (or the one given, as its owner) and waits until it serves. Settings override
    /// the configuration; services are registered after the host's own (a fake clock, a test activity).
    /// </summary>
    public static async Task<ServiceHost> StartAsync(
        string? connectionString = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        connectionString ??= await TestPostgres.CreateDatabaseAsync("host");
        await AppDatabaseRole.EnsureExistsAsync(connectionString);
        var mailbox = new MemoryMailbox();
        var smtp = await SmtpSinkServer.StartAsync(FreeTcpPort.Next(), mailbox);
        var host = new ServiceHost(connectionString, smtp, mailbox, settings ?? new Dictionary<string, string?>(), services ?? (_ => { }));
        try
        {
            host.StartServer();
        }
        catch
        {
            // A host that refuses to start still gives back its SMTP port.
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    /// <summary>
    /// A real HTTP client with its own cookies (or the browser's given, which hosts on 127.0.0.1 share whatever their
    /// port) that does not follow redirects, so tests see what the browser is told. A server error brings the host's warnings
    /// and errors into the test's output.
    /// </summary>
    public HttpClient CreateHttpClient(System.Net.CookieContainer? cookies = null) =>
        new(new ServerErrorsToTestOutput(
            Logs, new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = cookies ?? new System.Net.CookieContainer() }))
        {
            BaseAddress = BaseAddress,
        };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Database", AppConnectionString);
        builder.UseSetting("ConnectionStrings:Migrations", _connectionString);
        builder.UseSetting("Smtp:Host", "127.0.0.1");
        builder.UseSetting("Smtp:Port", _smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Smtp:Security", "None");
        builder.UseSetting("Seeds:Folder", RepositoryRoot.Combine("seeds"));
        builder.UseSetting("Seeds:LoadDemoData", "true");
        builder.UseSetting("Workflows:Folder", RepositoryRoot.Combine("workflows"));
        // A test with its own workflow folder still sends the project's letters.
        builder.UseSetting("Letters:Folder", RepositoryRoot.Combine("workflows", "letters"));
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        // The tests read the captured lines; the JSON console would only bury the test runner's output.
        builder.ConfigureLogging(logging => logging.ClearProviders().AddProvider(Logs));
        builder.ConfigureServices(_services);
    }

    /// <summary>The mail server goes down: connections are refused until <see cref="StartSmtpAsync"/>.</summary>
    public async Task StopSmtpAsync()
    {
        await Smtp.DisposeAsync();
        SmtpRunning = false;
    }

    /// <summary>The mail server comes back on the same port, into the same mailbox.</summary>
    public async Task StartSmtpAsync()
    {
        Smtp = await SmtpSinkServer.StartAsync(_smtpPort, Mailbox);
        SmtpRunning = true;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (SmtpRunning)
        {
            await Smtp.DisposeAsync();
        }

        // Hangfire keeps one log provider per process, and every host that starts points it at its own logger factory.
        // Once this host's factory is disposed, the job servers of hosts still running (the shared one) fail to create
        // loggers and stop processing jobs; without a provider Hangfire logs nothing, and their jobs go on.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);

        // The host's pools are Npgsql's process-wide ones, which keep idle connections for minutes after the host is
        // gone; a test run starts hundreds of hosts against one server, which would run out of connection slots.
        // Clearing closes idle connections only: hosts still running open new ones when they need them.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }
}
